/**
 * The page frame every dashboard page renders into (Eta layout): a skip link, the navigation with
 * the current page marked, who is signed in and their role, and the sign-out form. Eta escapes
 * every `<%= %>`; `<%~ %>` is used only for markup the server built itself (the chart, the body).
 */
export const LAYOUT = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<% if (it.refresh) { %><meta http-equiv="refresh" content="<%= it.refresh %>"><% } %>
<title><%= it.title %> · Driftwarden</title>
<link rel="stylesheet" href="/ui/style.css">
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<header class="top">
  <a href="/ui"><strong>Driftwarden</strong></a>
  <nav aria-label="Main">
  <% for (const [href, label, key] of [['/ui', 'Overview', 'overview'], ['/ui/findings', 'Findings', 'findings'], ['/ui/graph', 'Estate graph', 'graph'], ['/ui/approvals', 'Approvals', 'approvals'], ['/ui/breakglass', 'Break-glass', 'breakglass'], ['/ui/audit', 'Audit log', 'audit']]) { %>
    <a href="<%= href %>"<% if (it.nav === key) { %> aria-current="page"<% } %>><%= label %></a>
  <% } %>
  </nav>
  <% if (it.principal) { %>
  <div class="who">
    <span><%= it.principal.name %> <span class="muted">(<%= it.principal.role %>)</span></span>
    <% if (it.principal.kind === 'session') { %>
    <form method="post" action="/ui/logout"><input type="hidden" name="_csrf" value="<%= it.csrf %>"><button type="submit">Sign out</button></form>
    <% } %>
  </div>
  <% } %>
</header>
<main id="content" tabindex="-1">
<%~ it.body %>
</main>
</body>
</html>`;

export const ERROR_PAGE = `<% layout('@layout') %>
<h1><%= it.problem.title %></h1>
<div class="banner banner-bad" role="alert">
  <p><%= it.problem.detail ?? '' %></p>
  <% if (it.problem.nextStep) { %><p>Next step: <%= it.problem.nextStep %></p><% } %>
</div>
<p><a href="<%= it.back ?? '/ui' %>">Back</a></p>`;

export const SIGN_IN_PAGE = `<% layout('@layout') %>
<h1><%= it.signedOut ? 'Signed out' : 'Sign in' %></h1>
<% if (it.signedOut) { %><p role="status">You are signed out of Driftwarden.</p><% } %>
<% if (it.error) { %><div class="banner banner-bad" role="alert"><%= it.error %></div><% } %>
<% if (it.oidc) { %>
<p><a class="button" href="/auth/login?returnTo=<%= encodeURIComponent(it.returnTo) %>">Sign in with your identity provider</a></p>
<% } %>
<form method="post" action="/ui/sign-in" class="filters" aria-labelledby="token-h">
  <h2 id="token-h" style="width:100%;margin:0">Sign in with an API token</h2>
  <input type="hidden" name="returnTo" value="<%= it.returnTo %>">
  <div class="field" style="flex:1 1 20em"><label for="si-token">API token (<code>driftwarden server token create</code>)</label><input id="si-token" type="password" name="token" required autocomplete="off"></div>
  <button type="submit">Sign in</button>
</form>`;
