/**
 * The inline stylesheet and script of the HTML report. Kept apart from the markup so html.ts reads
 * as structure. The script only filters and sorts rows that are already in the page: the report is
 * complete and readable with scripts disabled. The page's Content-Security-Policy forbids every
 * network request, so neither may ever reference anything outside the file.
 */

import { neutralizeForMarkup } from '../../model/text.js';

/** Text for the page: unsafe characters shown as visible escapes (text.ts), then HTML-escaped. */
export function escapeHtml(text: string): string {
  return neutralizeForMarkup(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export const REPORT_CSS = `
:root { --bg:#f6f7f9; --card:#fff; --ink:#1d2433; --muted:#5b6577; --line:#e2e6ee;
  --critical:#b42318; --high:#d9480f; --medium:#b58100; --low:#1c64b8; --ok:#1f7a4d; --new:#6941c6; }
* { box-sizing:border-box; }
body { margin:0; background:var(--bg); color:var(--ink);
  font:14px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header.top { background:#16202f; color:#fff; padding:20px 32px; }
header.top h1 { margin:0; font-size:20px; font-weight:600; letter-spacing:.2px; }
header.top .meta { color:#aab4c5; font-size:12.5px; margin-top:4px; }
main { padding:24px 32px 48px; max-width:1440px; margin:0 auto; }
h2 { font-size:16px; margin:28px 0 12px; }
.banner { border-radius:8px; padding:12px 16px; margin-bottom:20px; border:1px solid; }
.banner.incomplete { background:#fff4e5; border-color:#f5b35c; color:#7a4100; }
.banner.complete { background:#ecfdf3; border-color:#9bd8b5; color:var(--ok); }
.banner strong { display:block; margin-bottom:4px; }
.banner ul { margin:6px 0 0 18px; padding:0; }
.cards { display:grid; grid-template-columns:repeat(auto-fit, minmax(130px, 1fr)); gap:12px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 14px; }
.card .value { font-size:24px; font-weight:650; }
.card .label { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.5px; }
.card.critical .value { color:var(--critical); } .card.high .value { color:var(--high); }
.card.medium .value { color:var(--medium); } .card.low .value { color:var(--low); }
.filters { display:flex; gap:12px; align-items:center; flex-wrap:wrap; margin:12px 0; }
.filters label { color:var(--muted); font-size:12.5px; }
.filters select, .filters input { font:inherit; padding:4px 8px; border:1px solid var(--line); border-radius:6px; background:#fff; }
/* A wide table scrolls inside its box; the page itself never scrolls sideways. */
.table-scroll { overflow-x:auto; max-width:100%; }
table { width:100%; border-collapse:collapse; background:var(--card); border:1px solid var(--line); border-radius:8px; }
th, td { text-align:left; vertical-align:top; padding:8px 10px; border-bottom:1px solid var(--line); }
th { background:#eef1f6; font-size:12px; text-transform:uppercase; letter-spacing:.4px; color:var(--muted); white-space:nowrap; }
th button.sort { font:inherit; color:inherit; text-transform:inherit; letter-spacing:inherit; background:none; border:0; padding:0; cursor:pointer; }
th button.sort:hover { color:var(--ink); } th button.sort::after { content:' \\2195'; opacity:.45; }
th[aria-sort=ascending] button.sort::after { content:' \\2191'; opacity:1; } th[aria-sort=descending] button.sort::after { content:' \\2193'; opacity:1; }
th button.sort:focus-visible { outline:3px solid #fb8c00; outline-offset:2px; }
td.address { font-family:ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size:12.5px; word-break:break-all; }
.summary { color:var(--muted); margin-top:4px; }
.sev { display:inline-block; padding:1px 8px; border-radius:10px; color:#fff; font-size:12px; font-weight:600; text-transform:uppercase; }
.sev.critical { background:var(--critical); } .sev.high { background:var(--high); }
.sev.medium { background:var(--medium); } .sev.low { background:var(--low); }
.badge-new { display:inline-block; margin-left:6px; padding:0 6px; border-radius:4px; background:var(--new); color:#fff; font-size:11px; font-weight:700; }
table.changes { border:none; margin-top:2px; }
table.changes th, table.changes td { padding:3px 6px; font-size:12px; border-bottom:1px dashed var(--line); background:transparent; text-transform:none; letter-spacing:0; }
table.changes code { font-family:ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space:pre-wrap; word-break:break-all; }
.recorded code { color:#8a1c1c; } .observed code { color:#1d5e2c; }
.impact { white-space:nowrap; } .impact.replace { color:var(--critical); font-weight:600; }
.reasons { color:var(--muted); font-size:12px; margin-top:4px; }
ul.plain { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:10px 28px; margin:0; }
footer { color:var(--muted); font-size:12px; margin-top:32px; }
tr.hidden, .filters[hidden] { display:none; }
`;

/** Filtering by severity/kind/text and sorting by column; rows carry data-* attributes to read. */
export const REPORT_SCRIPT = `
(function () {
  var table = document.getElementById('findings');
  if (!table) return;
  var body = table.tBodies[0];
  var severity = document.getElementById('filter-severity');
  var kind = document.getElementById('filter-kind');
  var text = document.getElementById('filter-text');
  var count = document.getElementById('visible-count');
  document.getElementById('filters').hidden = false;
  function apply() {
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var ok = (!severity.value || row.dataset.severity === severity.value) &&
        (!kind.value || row.dataset.kind === kind.value) &&
        (!text.value || row.textContent.toLowerCase().indexOf(text.value.toLowerCase()) >= 0);
      row.classList.toggle('hidden', !ok);
      if (ok) shown++;
    });
    count.textContent = shown + ' shown';
  }
  [severity, kind].forEach(function (el) { el.addEventListener('change', apply); });
  text.addEventListener('input', apply);
  // Sorting: a button in each sortable header; rows carry the values (data-*), the original order
  // breaks ties so a sort is stable and repeatable. aria-sort marks the one sorted column.
  var headers = Array.prototype.filter.call(table.tHead.rows[0].cells, function (cell) { return cell.dataset.sort; });
  Array.prototype.forEach.call(body.rows, function (row, index) { row.dataset.order = index; });
  headers.forEach(function (cell) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.textContent = cell.textContent;
    cell.textContent = '';
    cell.appendChild(button);
    button.addEventListener('click', function () {
      var key = cell.dataset.sort;
      var numeric = cell.dataset.sortType === 'number';
      var now = cell.getAttribute('aria-sort');
      var descending = now ? now === 'ascending' : numeric;
      headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
      cell.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      var sign = descending ? -1 : 1;
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.dataset[key] || '';
        var y = b.dataset[key] || '';
        var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return c * sign || Number(a.dataset.order) - Number(b.dataset.order);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  apply();
})();
`;

/**
 * One self-contained page: inline CSS (and script, when given), a Content-Security-Policy that
 * blocks every request, a header with the title and one line of metadata. Every HTML report
 * (scan, versions, maturity) is this shell around its own sections.
 */
export function htmlPage(page: {
  title: string;
  meta: string;
  css?: string;
  body: string;
  footer: string;
  script?: string;
}): string {
  const csp = `default-src 'none'; style-src 'unsafe-inline';${page.script ? " script-src 'unsafe-inline';" : ''} img-src data:; form-action 'none'; base-uri 'none'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${REPORT_CSS}${page.css ?? ''}</style>
</head>
<body>
<header class="top"><h1>${escapeHtml(page.title)}</h1><div class="meta">${escapeHtml(page.meta)}</div></header>
<main>
${page.body}
<footer>${escapeHtml(page.footer)}</footer>
</main>
${page.script ? `<script>${page.script}</script>\n` : ''}</body>
</html>
`;
}
