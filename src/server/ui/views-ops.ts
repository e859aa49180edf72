/** Templates of the approval queue, break-glass and the audit log (Eta; `it` is the page's data). */

export const APPROVALS = `<% layout('@layout') %>
<h1>Approval queue</h1>
<% if (!it.plan) { %>
<p class="muted">No reconcile plan was recorded yet (a reconcile run, the controller or an approval records one).</p>
<% } else { %>
<p class="small">From the latest recorded plan <code><%= it.plan.planId.slice(0, 8) %></code>, made by <%= it.plan.recordedBy %> at <%= it.time(it.plan.recordedAt) %>. Only items of findings that are still open are listed; approving runs a fresh scan and plan and acts on exactly the approved findings.</p>
<% if (it.items.length === 0) { %><p>Nothing is waiting for approval.</p><% } else { %>
<form method="post" action="/ui/approvals">
<input type="hidden" name="_csrf" value="<%= it.csrf %>">
<div class="table-wrap"><table>
<thead><tr><th><span class="muted">Approve</span></th><th>Resource</th><th>Strategy</th><th>Planned</th><th class="opt">Calls</th></tr></thead>
<tbody>
<% for (const item of it.items) { %>
<tr>
  <td><input type="checkbox" name="findingIds" value="<%= item.findingId %>" id="a-<%= item.findingId %>" aria-label="Approve <%= item.address %>"<% if (!it.canOperate) { %> disabled<% } %>></td>
  <td class="addr"><a href="/ui/findings/<%= encodeURIComponent(item.findingId) %>"><%= item.address %></a></td>
  <td><%= item.strategy %></td><td class="small"><%= item.status %><% if (item.reason) { %>: <%= item.reason %><% } %></td><td class="opt"><%= item.calls %></td>
</tr>
<% } %>
</tbody></table></div>
<% if (it.canOperate) { %><p><button type="submit">Approve selected</button></p><% } else { %><p class="muted small">Approving needs the operator role.</p><% } %>
</form>
<% } %>
<% } %>`;

export const BREAKGLASS = `<% layout('@layout') %>
<h1>Break-glass</h1>
<p class="small">A break-glass session holds reconcile back from a scope while people fix an incident by hand; it ends when closed or when its time is up, and its window is reported.</p>
<% if (it.canOperate) { %>
<form method="post" action="/ui/breakglass" class="filters" aria-labelledby="open-h">
  <h2 id="open-h" style="width:100%;margin:0">Open a session</h2>
  <input type="hidden" name="_csrf" value="<%= it.csrf %>">
  <div class="field"><label for="bg-scope">Scope (<code>[ENV:]ADDRESS_GLOB</code>)</label><input id="bg-scope" type="text" name="scope" required maxlength="500" placeholder="prod:aws_security_group.web"></div>
  <div class="field" style="flex:1 1 16em"><label for="bg-reason">Reason</label><input id="bg-reason" type="text" name="reason" required maxlength="2000" placeholder="INC-123: hotfix"></div>
  <div class="field"><label for="bg-ttl">Time to live</label><input id="bg-ttl" type="text" name="ttl" required value="1h" pattern="(\\d+[smhd])+" size="6"></div>
  <label><input type="checkbox" name="wholeEnvironment" value="true"> The whole environment</label>
  <button type="submit">Open session</button>
</form>
<% } %>
<h2>Sessions</h2>
<div class="table-wrap"><table>
<thead><tr><th>Session</th><th>Scope</th><th>Status</th><th>Remaining</th><th class="opt">Opened by</th><th class="opt">Reason</th><th><span class="muted">Action</span></th></tr></thead>
<tbody>
<% for (const s of it.sessions) { %>
<tr>
  <td><a href="/ui/breakglass/<%= s.id %>"><%= s.id %></a></td>
  <td class="addr"><code><%= s.scope %></code><% if (s.wholeEnvironment) { %> <strong>[WHOLE ENVIRONMENT]</strong><% } %></td>
  <td><%= s.tampered ? 'refused (edited)' : s.status %></td>
  <td><%= s.status === 'open' ? it.remaining(s.expiresAt) : '' %></td>
  <td class="opt"><%= s.openedBy %></td><td class="opt small"><%= s.reason %></td>
  <td><% if (s.status === 'open' && it.canOperate) { %><form method="post" action="/ui/breakglass/<%= s.id %>/close"><input type="hidden" name="_csrf" value="<%= it.csrf %>"><button type="submit" class="danger" aria-label="Close session <%= s.id %>">Close</button></form><% } %></td>
</tr>
<% } %>
<% if (it.sessions.length === 0) { %><tr><td colspan="7" class="muted">No sessions.</td></tr><% } %>
</tbody></table></div>`;

export const SESSION = `<% layout('@layout') %>
<% const s = it.report.session; %>
<p class="small"><a href="/ui/breakglass">Break-glass</a> › <%= s.id %></p>
<h1>Session <%= s.id %></h1>
<% if (it.opened) { %><div class="banner banner-ok" role="status">Session opened<% if (!it.scopeMatched) { %>; its scope matches nothing recorded yet<% } %>.</div><% } %>
<dl class="facts">
<dt>Status</dt><dd><strong><%= s.tampered ? 'refused (edited): ' + s.tampered : s.status %></strong></dd>
<dt>Scope</dt><dd><code><%= s.scope %></code><% if (s.wholeEnvironment) { %> <strong>[WHOLE ENVIRONMENT]</strong><% } %></dd>
<dt>Reason</dt><dd><%= s.reason %></dd>
<dt>Opened</dt><dd><%= it.time(s.openedAt) %> by <%= s.openedBy %></dd>
<% if (s.status === 'open') { %><dt>Remaining</dt><dd><%= it.remaining(s.expiresAt) %> (until <%= it.time(s.expiresAt) %>)</dd>
<% } else { %><dt>Ended</dt><dd><%= s.endedAt ? it.time(s.endedAt) : '' %><% if (s.closedBy) { %> by <%= s.closedBy %><% } %></dd><% } %>
</dl>
<% if (s.status === 'open' && it.canOperate) { %>
<form method="post" action="/ui/breakglass/<%= s.id %>/close" style="margin-top:1em"><input type="hidden" name="_csrf" value="<%= it.csrf %>"><button type="submit" class="danger">Close this session</button></form>
<% } %>
<h2><%= it.report.window.ongoing ? 'Window so far' : 'Incident report' %></h2>
<p class="small">From <%= it.time(it.report.window.from) %> to <%= it.time(it.report.window.to) %>: <%= it.report.scans.length %> scan(s), <%= it.report.findings.length %> finding(s) in scope, <%= it.report.scopeEntries.length %> audit entr(ies) about the scope.</p>
<div class="table-wrap"><table>
<thead><tr><th>#</th><th>Time</th><th>Actor</th><th>Action</th><th>Subject</th></tr></thead><tbody>
<% for (const e of [...it.report.sessionEntries, ...it.report.scopeEntries].sort((a, b) => a.seq - b.seq)) { %>
<tr><td><%= e.seq %></td><td class="small"><%= it.time(e.time) %></td><td><%= e.actor %></td><td><%= e.action %></td><td class="addr small"><%= e.subject %></td></tr>
<% } %>
</tbody></table></div>`;

export const AUDIT = `<% layout('@layout') %>
<h1>Audit log</h1>
<% if (it.verify.ok) { %>
<div class="banner banner-ok" role="status">Chain verified: <%= it.verify.entries %> entries, head <code><%= (it.verify.headHash ?? '').slice(0, 16) %></code>.</div>
<% } else { %>
<div class="banner banner-bad" role="alert">The chain does NOT verify: <%= it.verify.problem %></div>
<% } %>
<div class="table-wrap"><table>
<thead><tr><th>#</th><th>Time</th><th>Actor</th><th>Action</th><th>Subject</th></tr></thead><tbody>
<% for (const e of it.entries) { %>
<tr><td><%= e.seq %></td><td class="small"><%= it.time(e.time) %></td><td><%= e.actor %></td><td><%= e.action %></td><td class="addr small"><%= e.subject %></td></tr>
<% } %>
</tbody></table></div>
<div class="pager"><% if (it.newerHref) { %><a href="<%= it.newerHref %>">Newest entries</a><% } %><% if (it.olderHref) { %><a href="<%= it.olderHref %>">Older entries</a><% } %></div>`;
