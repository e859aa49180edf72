/**
 * The graph picture as a page shows it: a frame that scales the SVG down to fit its width (CSS
 * only, so the picture fits without a script), a caption, and pan and zoom by @panzoom/panzoom
 * (maintained, MIT, ~10 KB, no dependencies) driven by buttons, the keyboard (+, -, 0, arrows),
 * dragging, and Ctrl + wheel (a plain wheel keeps scrolling the page unless the frame has focus).
 *
 * The HTML report inlines GRAPH_VIEW_SCRIPT (it must stay one file that requests nothing); the
 * dashboard serves the same text as /ui/graph.js (its Content-Security-Policy allows same-origin
 * scripts only). The library's text is read from node_modules on first use, never at import.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { GraphPicture } from './scan/graph-svg.js';
import { escapeHtml } from './scan/html-assets.js';

/** Shared by the report's and the dashboard's stylesheets; classes are prefixed `graph-`. */
export const GRAPH_VIEW_CSS = `
.graph-view { margin:0; }
.graph-view figcaption { color:#5b6577; font-size:13px; margin-top:6px; }
.graph-tools { display:flex; gap:6px; align-items:center; flex-wrap:wrap; margin:0 0 6px; }
.graph-tools[hidden] { display:none; }
.graph-tools button { font:inherit; font-size:13px; min-width:2.2em; padding:3px 10px; border:1px solid #8a94a6; border-radius:6px; background:#fff; color:#1d2433; cursor:pointer; }
.graph-tools .graph-hint { color:#5b6577; font-size:12px; }
.graph-frame { overflow:hidden; background:#fff; border:1px solid #e2e6ee; border-radius:8px; padding:8px; max-width:100%; }
.graph-frame:focus-visible { outline:3px solid #fb8c00; outline-offset:2px; }
.graph-frame svg { display:block; max-width:100%; height:auto; margin:0 auto; }
.graph-frame a.node-link:focus-visible rect { stroke:#fb8c00; stroke-width:4; }
`;

/** Attaches pan and zoom to every `.graph-view` on the page; does nothing without the library. */
const INIT_SCRIPT = `
(function () {
  if (typeof window.Panzoom !== 'function') return;
  Array.prototype.forEach.call(document.querySelectorAll('.graph-view'), function (view) {
    var frame = view.querySelector('.graph-frame');
    var svg = frame && frame.querySelector('svg');
    var tools = view.querySelector('.graph-tools');
    if (!svg || !tools) return;
    var pz = window.Panzoom(svg, { canvas: true, maxScale: 10, minScale: 0.5, step: 0.25, cursor: 'grab' });
    var act = { 'in': function () { pz.zoomIn(); }, out: function () { pz.zoomOut(); }, reset: function () { pz.reset(); } };
    tools.hidden = false;
    tools.addEventListener('click', function (event) {
      var button = event.target.closest('button[data-zoom]');
      if (button) act[button.getAttribute('data-zoom')]();
    });
    frame.addEventListener('wheel', function (event) {
      if (event.ctrlKey || event.metaKey || document.activeElement === frame) pz.zoomWithWheel(event);
    });
    var step = 60;
    var keys = {
      '+': act['in'], '=': act['in'], '-': act.out, '_': act.out, '0': act.reset,
      ArrowLeft: function () { pz.pan(step, 0, { relative: true }); },
      ArrowRight: function () { pz.pan(-step, 0, { relative: true }); },
      ArrowUp: function () { pz.pan(0, step, { relative: true }); },
      ArrowDown: function () { pz.pan(0, -step, { relative: true }); }
    };
    frame.addEventListener('keydown', function (event) {
      var run = keys[event.key];
      if (!run || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      run();
    });
  });
})();
`;

let script: string | undefined;

/** The library followed by the glue above; read once. */
export function graphViewScript(): string {
  if (script === undefined) {
    const require = createRequire(import.meta.url);
    const library = readFileSync(require.resolve('@panzoom/panzoom/dist/panzoom.min.js'), 'utf8');
    // Inlined in a <script> element: the text must not be able to close it.
    if (/<\/script/i.test(library)) throw new Error('the pan and zoom library contains </script and cannot be inlined');
    script = `${library}\n${INIT_SCRIPT}`;
  }
  return script;
}

/**
 * The frame, the (script-revealed) zoom controls, and `caption` (HTML the caller escaped). `label`
 * names the frame for a screen reader and says how to move the picture with the keyboard.
 */
export function graphFigure(picture: GraphPicture, options: { label: string; captionHtml: string }): string {
  const label = `${options.label}. Drag to pan; plus and minus zoom, 0 resets, arrow keys pan.`;
  return (
    '<figure class="graph-view">' +
    '<div class="graph-tools" role="toolbar" aria-label="Graph view" hidden>' +
    '<button type="button" data-zoom="in" aria-label="Zoom in">+</button>' +
    '<button type="button" data-zoom="out" aria-label="Zoom out">&minus;</button>' +
    '<button type="button" data-zoom="reset">Reset view</button>' +
    '<span class="graph-hint">drag to pan · Ctrl + wheel or + / − to zoom · 0 resets</span></div>' +
    `<div class="graph-frame" tabindex="0" role="region" aria-label="${escapeHtml(label)}">${picture.svg}</div>` +
    `<figcaption class="summary">${options.captionHtml}</figcaption></figure>`
  );
}
