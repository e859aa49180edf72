/** The estate graph page (Eta; `it` from graph-page.ts). The figure is markup the server built and escaped. */

export const GRAPH = `<% layout('@layout') %>
<h1>Estate graph</h1>
<% if (!it.configured) { %>
<div class="banner banner-info" role="status">The graph is drawn from the configured Terraform states, and this server runs without a configuration. Start it with <code>--config driftwarden.yaml</code>.</div>
<% } else if (it.empty) { %>
<p>The configured states hold no resources and no open finding names one.</p>
<% } else { %>
<p class="muted small"><%= it.note %></p>
<p class="counts" aria-label="Colours: worst open finding">
<% for (const sev of ['critical', 'high', 'medium', 'low']) { %><span class="sev sev-<%= sev %>"><%= sev %></span><% } %>
<span class="muted small">grey: no open finding</span>
</p>
<%~ it.figure %>
<script src="/ui/graph.js" defer></script>
<% } %>`;
