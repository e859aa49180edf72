import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineChart } from './chart.js';

test('lineChart: one point per scan, placed by time, scaled to the largest count', () => {
  const svg = lineChart(
    [
      { at: '2026-01-01T00:00:00Z', value: 0 },
      { at: '2026-01-02T00:00:00Z', value: 4 },
      { at: '2026-01-05T00:00:00Z', value: 2 },
    ],
    { label: 'open findings in <prod>', width: 100, height: 60 },
  );
  assert.match(svg, /<title>open findings in &lt;prod&gt;<\/title>/);
  assert.equal((svg.match(/<circle /g) ?? []).length, 3);
  // x: 32..92 over four days; y: 8..40 for 4..0.
  assert.match(svg, /points="32\.0,40\.0 47\.0,8\.0 92\.0,24\.0"/);
});

test('lineChart: no scans is said, not drawn', () => {
  const svg = lineChart([], { label: 'x' });
  assert.match(svg, /no scans recorded yet/);
  assert.doesNotMatch(svg, /polyline/);
});
