import { GRAPH_VIEW_CSS } from '../../report/graph-view.js';

/** The dashboard's one stylesheet (served at /ui/style.css, cached): readable at 390 px and at 1280 px. */
export const STYLESHEET = `
:root{--fg:#1b1f24;--muted:#57606a;--bg:#f6f8fa;--card:#fff;--line:#d0d7de;--accent:#0b57d0;
--critical:#a40e26;--high:#bc4c00;--medium:#7d6608;--low:#3d5a80;--ok:#1a7f37}
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #fb8c00;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5em}.skip:focus{left:.5em}
header.top{display:flex;flex-wrap:wrap;gap:.5em 1.5em;align-items:center;padding:.6em 1em;background:#0d1117;color:#fff}
header.top a{color:#fff;text-decoration:none}header.top nav{display:flex;flex-wrap:wrap;gap:.25em 1em}
header.top nav a[aria-current=page]{text-decoration:underline;text-underline-offset:4px}
header.top .who{margin-left:auto;display:flex;gap:.6em;align-items:center;font-size:.9em}
header.top .who button{background:transparent;color:#fff;border:1px solid #8b949e;border-radius:4px;padding:.2em .6em;cursor:pointer}
main{max-width:1200px;margin:0 auto;padding:1em}
h1{font-size:1.45em;margin:.3em 0 .6em}h2{font-size:1.15em;margin:1.2em 0 .5em}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:1em}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1em;min-width:0}
.card h2{margin-top:0}.muted{color:var(--muted)}.small{font-size:.88em}
.sev{display:inline-block;padding:.05em .5em;border-radius:10px;font-size:.85em;font-weight:600;color:#fff;white-space:nowrap}
.sev-critical{background:var(--critical)}.sev-high{background:var(--high)}.sev-medium{background:var(--medium)}.sev-low{background:var(--low)}
.counts{display:flex;flex-wrap:wrap;gap:.5em;margin:.4em 0}.counts a{text-decoration:none}
.status{font-weight:600}.status-new{color:var(--critical)}.status-resolved{color:var(--ok)}
table{border-collapse:collapse;width:100%;background:var(--card)}th,td{text-align:left;padding:.4em .5em;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.85em;color:var(--muted);font-weight:600}td.addr{word-break:break-all}
.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:8px}
form.filters{display:flex;flex-wrap:wrap;gap:.6em 1.2em;align-items:flex-end;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.8em;margin-bottom:1em}
fieldset{border:0;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.2em .8em}legend{font-size:.85em;color:var(--muted);padding:0;margin-bottom:.2em;width:100%}
label{font-size:.92em}.field{display:flex;flex-direction:column;gap:.2em}
input[type=text],input[type=search],select,textarea{font:inherit;padding:.35em .5em;border:1px solid var(--line);border-radius:4px;min-width:0;max-width:100%}
button,.button{font:inherit;background:var(--accent);color:#fff;border:0;border-radius:6px;padding:.45em 1em;cursor:pointer;text-decoration:none;display:inline-block}
button.danger{background:var(--critical)}button.secondary{background:#fff;color:var(--accent);border:1px solid var(--accent)}
.banner{padding:.7em 1em;border-radius:8px;margin:0 0 1em;border:1px solid}.banner-ok{background:#dafbe1;border-color:#4ac26b}
.banner-bad{background:#ffebe9;border-color:#ff8182}.banner-info{background:#ddf4ff;border-color:#54aeff}
pre,code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}pre{white-space:pre-wrap;word-break:break-all;margin:0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25em 1em;margin:0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;word-break:break-word}
.chart{width:100%;height:120px}.chart polyline{fill:none;stroke:var(--accent);stroke-width:2}.chart circle{fill:var(--accent)}
.chart text{font-size:10px;fill:var(--muted)}.chart .axis{stroke:var(--line)}
.pager{display:flex;gap:1em;margin:1em 0}
@media (max-width:600px){main{padding:.6em}.cards{grid-template-columns:1fr}th.opt,td.opt{display:none}header.top .who{margin-left:0}}
${GRAPH_VIEW_CSS}`;
