/**
 * Drift over time as an inline SVG line chart, drawn on the server: no script, no chart library, a
 * few hundred bytes. Points are (time, count); the x axis is time (not point index), so a gap
 * between scans shows as a gap. The chart carries a <title> and the table next to it carries the
 * numbers, for screen readers and for anyone who wants the figures.
 */

export interface ChartPoint {
  readonly at: string;
  readonly value: number;
}

export interface ChartOptions {
  readonly width?: number;
  readonly height?: number;
  readonly label: string;
}

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The SVG markup; an empty series gives a chart that says so (never a fabricated line). */
export function lineChart(points: ReadonlyArray<ChartPoint>, options: ChartOptions): string {
  const width = options.width ?? 480;
  const height = options.height ?? 120;
  const pad = { left: 32, right: 8, top: 8, bottom: 20 };
  const open = `<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg"><title>${escapeXml(options.label)}</title>`;
  if (points.length === 0) {
    return `${open}<text x="${width / 2}" y="${height / 2}" text-anchor="middle" class="chart-empty">no scans recorded yet</text></svg>`;
  }
  const times = points.map((p) => Date.parse(p.at));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const max = Math.max(1, ...points.map((p) => p.value));
  const x = (t: number) =>
    pad.left +
    (t1 === t0 ? (width - pad.left - pad.right) / 2 : ((t - t0) / (t1 - t0)) * (width - pad.left - pad.right));
  const y = (v: number) => pad.top + (1 - v / max) * (height - pad.top - pad.bottom);
  const coords = points.map((p, i) => `${x(times[i]!).toFixed(1)},${y(p.value).toFixed(1)}`);
  const dots = coords.map((c) => {
    const [cx, cy] = c.split(',');
    return `<circle cx="${cx}" cy="${cy}" r="2.5"/>`;
  });
  const axis =
    `<line class="axis" x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}"/>` +
    `<text x="${pad.left - 4}" y="${pad.top + 8}" text-anchor="end">${max}</text>` +
    `<text x="${pad.left - 4}" y="${height - pad.bottom}" text-anchor="end">0</text>` +
    `<text x="${pad.left}" y="${height - 4}">${escapeXml(points[0]!.at.slice(0, 10))}</text>` +
    `<text x="${width - pad.right}" y="${height - 4}" text-anchor="end">${escapeXml(points[points.length - 1]!.at.slice(0, 10))}</text>`;
  return `${open}${axis}<polyline points="${coords.join(' ')}"/>${dots.join('')}</svg>`;
}
