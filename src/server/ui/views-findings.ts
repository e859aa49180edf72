/** Templates of the overview, the findings list, a finding and a job (Eta; `it` is the page's data). */

export const OVERVIEW = `<% layout('@layout') %>
<h1>Overview</h1>
<% if (it.canOperate && it.configured) { %>
<form method="post" action="/ui/scans" class="small"><input type="hidden" name="_csrf" value="<%= it.csrf %>"><button type="submit">Scan every environment now</button></form>
<% } %>
<div class="cards">
<% for (const env of it.environments) { %>
  <section class="card" aria-labelledby="env-<%= env.name %>">
    <h2 id="env-<%= env.name %>"><%= env.name %> <span class="muted small"><%= env.tier ?? 'not configured' %><% if (env.mode) { %> · <%= env.mode %><% } %></span></h2>
    <p><strong><%= env.openFindings %></strong> open findings</p>
    <div class="counts" aria-label="Open findings by severity">
    <% for (const sev of ['critical', 'high', 'medium', 'low']) { %>
      <a href="/ui/findings?environment=<%= encodeURIComponent(env.name) %>&severity=<%= sev %>"><span class="sev sev-<%= sev %>"><%= env.bySeverity[sev] ?? 0 %> <%= sev %></span></a>
    <% } %>
    </div>
    <% if (env.coverage) { %>
    <dl class="facts small">
      <dt>Coverage</dt><dd><%= env.coverage.coverage === null ? 'unknown (no managed resources)' : Math.round(env.coverage.coverage * 100) + '% of managed resources checked' %></dd>
      <dt>Managed</dt><dd><%= env.coverage.managed %><% if (env.coverage.checked !== null) { %> (<%= env.coverage.checked %> checked)<% } %></dd>
      <dt>Unchecked</dt><dd><%= env.coverage.unchecked %> resource(s), <%= env.coverage.incompleteScopes %> scope(s) not observed</dd>
      <dt>Existence only</dt><dd><%= env.coverage.existence ?? 'unknown (scan recorded before this count)' %> resource(s)</dd>
      <dt>Not covered</dt><dd><%= env.coverage.notCovered ?? 'unknown (scan recorded before this count)' %> resource(s) no observer covers</dd>
      <dt>Unmanaged</dt><dd><%= env.coverage.unmanaged ?? 'not listed' %><% if (env.coverage.managedShare !== null) { %> (<%= Math.round(env.coverage.managedShare * 100) %>% of observed resources are managed)<% } %></dd>
      <dt>From scan</dt><dd><%= env.coverage.scanId.slice(0, 8) %> at <%= it.time(env.coverage.finishedAt) %><% if (env.coverage.shared) { %> (counts cover every environment that scan covered)<% } %></dd>
    </dl>
    <% } else { %>
    <p class="muted small">No recorded scan covered this environment yet: coverage unknown.</p>
    <% } %>
    <h3 class="small muted">Findings per scan (last <%= env.series.length %>)</h3>
    <%~ env.chart %>
  </section>
<% } %>
</div>
<% if (it.environments.length === 0) { %><p>No environments configured and no findings recorded.</p><% } %>
<h2>Maturity: level <%= it.maturity.level %></h2>
<div class="table-wrap"><table>
<thead><tr><th>Level</th><th>Criterion</th><th>Status</th><th>Evidence</th></tr></thead>
<tbody>
<% for (const c of it.maturity.criteria) { %>
<tr><td><%= c.level %></td><td><%= c.title %></td><td><%= c.status %></td><td class="small"><%= c.evidence %><% if (c.nextStep) { %><br><span class="muted">Next: <%= c.nextStep %></span><% } %></td></tr>
<% } %>
</tbody></table></div>`;

export const FINDINGS = `<% layout('@layout') %>
<h1>Findings</h1>
<form class="filters" method="get" action="/ui/findings" aria-label="Filter findings">
  <fieldset><legend>Severity</legend>
  <% for (const sev of it.values.severities) { %><label><input type="checkbox" name="severity" value="<%= sev %>"<% if (it.query.severity?.includes(sev)) { %> checked<% } %>> <%= sev %></label><% } %>
  </fieldset>
  <fieldset><legend>Kind</legend>
  <% for (const kind of it.values.kinds) { %><label><input type="checkbox" name="kind" value="<%= kind %>"<% if (it.query.kind?.includes(kind)) { %> checked<% } %>> <%= kind %></label><% } %>
  </fieldset>
  <div class="field"><label for="f-env">Environment</label>
    <select id="f-env" name="environment"><option value="">all</option>
    <% for (const env of it.environments) { %><option<% if (it.query.environment?.includes(env)) { %> selected<% } %>><%= env %></option><% } %>
    </select></div>
  <div class="field"><label for="f-status">Status</label>
    <select id="f-status" name="status"><% for (const s of it.values.statuses) { %><option<% if (it.query.status === s) { %> selected<% } %>><%= s %></option><% } %></select></div>
  <div class="field"><label for="f-type">Resource type</label><input id="f-type" type="text" name="type" value="<%= it.query.type?.[0] ?? '' %>" placeholder="aws_instance"></div>
  <div class="field"><label for="f-q">Text</label><input id="f-q" type="search" name="q" value="<%= it.query.q ?? '' %>" placeholder="address or id"></div>
  <div class="field"><label for="f-sort">Sort</label>
    <select id="f-sort" name="sort"><% for (const s of it.values.sorts) { %><option value="<%= s %>"<% if (it.query.sort === s) { %> selected<% } %>><%= it.sortLabel(s) %></option><% } %></select></div>
  <button type="submit">Apply filters</button>
</form>
<p aria-live="polite"><strong><%= it.page.total %></strong> finding(s) match<% if (it.page.asOfScanId) { %> as of scan <code><%= it.page.asOfScanId %></code><% } else { %>: no scan is recorded yet<% } %>.</p>
<div class="table-wrap"><table>
<thead><tr><th>Severity</th><th>Status</th><th>Environment</th><th>Resource</th><th class="opt">Kind</th><th class="opt">Last seen</th></tr></thead>
<tbody>
<% for (const f of it.page.items) { %>
<tr>
  <td><span class="sev sev-<%= f.severity %>"><%= f.severity %></span></td>
  <td class="status status-<%= f.status %>"><%= f.status %></td>
  <td><%= f.environment %></td>
  <td class="addr"><a href="/ui/findings/<%= encodeURIComponent(f.id) %>"><%= f.address %></a><br><span class="muted small"><%= f.summary %></span></td>
  <td class="opt"><%= f.kind %></td>
  <td class="opt small"><%= it.time(f.lastSeen) %></td>
</tr>
<% } %>
</tbody></table></div>
<div class="pager">
<% if (it.firstHref) { %><a href="<%= it.firstHref %>">First page</a><% } %>
<% if (it.nextHref) { %><a href="<%= it.nextHref %>">Next page</a><% } %>
</div>`;

export const FINDING = `<% layout('@layout') %>
<% const f = it.finding; %>
<p class="small"><a href="/ui/findings">Findings</a> › <%= f.id %></p>
<h1><span class="sev sev-<%= f.severity %>"><%= f.severity %></span> <%= f.address %></h1>
<p><span class="status status-<%= f.status %>"><%= f.status %></span> · <%= f.kind %> · <%= f.environment %> · <%= f.type %><% if (f.resource?.id) { %> · <code><%= f.resource.id %></code><% } %></p>
<p><%= f.summary %></p>
<% if (f.reasons?.length) { %><ul><% for (const r of f.reasons) { %><li><%= r %></li><% } %></ul><% } %>
<% if (it.approve) { %>
<section class="card" aria-labelledby="approve-h">
  <h2 id="approve-h">Reconcile</h2>
  <% if (it.planned) { %><p class="small">The latest recorded plan (<%= it.planned.planId.slice(0, 8) %>, <%= it.time(it.planned.recordedAt) %>) has this finding as <strong><%= it.planned.strategy %></strong>, <%= it.planned.status %><% if (it.planned.reason) { %>: <%= it.planned.reason %><% } %>.</p>
  <% } else { %><p class="small muted">No recorded plan has this finding yet; approving runs a fresh scan and plan first.</p><% } %>
  <p class="small">Approving acts on this finding only, with the strategy the configuration gives it (a fresh scan and plan first; the environment's lease is taken). It is recorded in the audit log under your name.</p>
  <form method="post" action="/ui/findings/<%= encodeURIComponent(f.id) %>/approve">
    <input type="hidden" name="_csrf" value="<%= it.csrf %>">
    <button type="submit">Approve reconcile of this finding</button>
  </form>
</section>
<% } %>
<h2>What changed</h2>
<div class="table-wrap"><table>
<thead><tr><th>Attribute</th><th>Recorded (state)</th><th>Observed (cloud)</th></tr></thead>
<tbody>
<% for (const c of f.changes ?? []) { %>
<tr><td class="addr"><code><%= c.path %></code><% if (c.policy) { %> <span class="muted small">policy</span><% } %></td>
<td><pre><%= c.sensitive ? '(sensitive)' : it.json(c.recorded) %></pre></td>
<td><pre><%= c.sensitive ? '(sensitive)' : it.json(c.observed) %></pre></td></tr>
<% } %>
<% if (!(f.changes ?? []).length) { %><tr><td colspan="3" class="muted">No attribute changes (<%= f.kind %>).</td></tr><% } %>
</tbody></table></div>
<div class="cards" style="margin-top:1em">
<section class="card"><h2>Who and how</h2>
<% if (f.attribution) { %><dl class="facts small"><% for (const [k, v] of Object.entries(f.attribution)) { %><dt><%= k %></dt><dd><%= typeof v === 'string' ? v : it.json(v) %></dd><% } %></dl>
<% } else { %><p class="muted small">Not attributed (CloudTrail not read for this scan).</p><% } %>
</section>
<section class="card"><h2>What the next apply does</h2>
<% if (f.impact) { %><p><strong><%= f.impact.action %></strong><% if (f.impact.replacePaths?.length) { %>: replaces because of <%= f.impact.replacePaths.join(', ') %><% } %> <span class="muted small">(<%= f.impact.source %>)</span></p>
<% } else { %><p class="muted small">Unknown.</p><% } %>
</section>
<section class="card"><h2>Blast radius</h2>
<% if (f.blastRadius) { %><p><strong><%= f.blastRadius.score %></strong> (<%= f.blastRadius.level %>)</p>
<table class="small"><thead><tr><th>Factor</th><th>Adds</th><th>Why</th></tr></thead><tbody>
<% for (const x of f.blastRadius.factors ?? []) { %><tr><td><%= x.name %></td><td><%= x.contribution %></td><td><%= x.why %></td></tr><% } %>
</tbody></table>
<% } else { %><p class="muted small">Not computed.</p><% } %>
</section>
</div>
<h2>History</h2>
<dl class="facts small"><dt>First seen</dt><dd><%= it.time(f.history.firstSeen) %></dd><dt>Last seen</dt><dd><%= it.time(f.history.lastSeen) %></dd>
<dt>Resolved</dt><dd><%= f.history.resolvedAt ? it.time(f.history.resolvedAt) : 'no' %></dd><dt>Seen by</dt><dd><%= f.history.sightings.length %> scan(s)<% if (f.history.sightings.length) { %>: <%= f.history.sightings.slice(-5).map((x) => it.time(x.startedAt)).join(', ') %><% } %></dd></dl>
<h2>Audit trail</h2>
<% if (f.audit.length) { %><ul class="small"><% for (const e of f.audit) { %><li>#<%= e.seq %> <%= it.time(e.time) %> <%= e.actor %>: <%= e.action %></li><% } %></ul>
<% } else { %><p class="muted small">No audit entries about this resource.</p><% } %>`;

export const JOB = `<% layout('@layout') %>
<% const j = it.job; %>
<h1><%= j.kind === 'scan' ? 'Scan' : 'Reconcile' %> job <%= j.id.slice(0, 8) %></h1>
<p role="status" class="banner <%= j.status === 'failed' ? 'banner-bad' : j.status === 'succeeded' ? 'banner-ok' : 'banner-info' %>">
<%= j.status === 'running' ? 'Running… (this page refreshes itself)' : j.status === 'succeeded' ? 'Finished' : 'Failed: ' + (j.error ?? '') %></p>
<dl class="facts small"><dt>Requested by</dt><dd><%= j.requestedBy %></dd><dt>Started</dt><dd><%= it.time(j.startedAt) %></dd>
<% if (j.finishedAt) { %><dt>Finished</dt><dd><%= it.time(j.finishedAt) %></dd><% } %></dl>
<% if (j.kind === 'reconcile' && j.result) { %>
<h2>Results</h2>
<div class="table-wrap"><table><thead><tr><th>Finding</th><th>Resource</th><th>Outcome</th><th>Reason</th></tr></thead><tbody>
<% for (const r of j.result.results ?? []) { %><tr><td><a href="/ui/findings/<%= encodeURIComponent(r.findingId) %>"><%= r.findingId %></a></td><td class="addr"><%= r.address %></td><td><strong><%= r.outcome %></strong></td><td class="small"><%= r.reason ?? '' %></td></tr><% } %>
</tbody></table></div>
<% } else if (j.result) { %>
<dl class="facts small"><% for (const [k, v] of Object.entries(j.result)) { %><dt><%= k %></dt><dd><%= typeof v === 'object' ? it.json(v) : v %></dd><% } %></dl>
<% } %>
<p><a href="/ui/findings">Findings</a></p>`;
