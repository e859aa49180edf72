/**
 * Blast radius and cascades in every report format, on findings the real engine and the analysis
 * produced for a shared-VPC estate (network, prod and dev states; a hand-made interface): the
 * score shows everywhere, the factors where the format has room, the JSON is valid against its
 * schema, SARIF ranks by the score, and the HTML report draws the graph as an <svg>.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import { analyzedEstateResult } from './support/analysis-fixtures.js';
import { REPORT_FORMATS, renderReport } from '../src/report/index.js';
import { repoRoot } from './support/paths.js';

const addFormats = formatsModule.default;

test('the analyzed estate has a critical shared security group with a cascade, and a low dev instance', () => {
  const result = analyzedEstateResult();
  const sg = result.findings.find((f) => f.resource.address === 'network/aws_security_group.web')!;
  assert.equal(sg.blastRadius?.level, 'critical');
  assert.equal(sg.impact?.cascade?.length, 5);
  const dev = result.findings.find((f) => f.resource.address === 'dev/aws_instance.web[1]')!;
  assert.ok(dev.blastRadius!.score < sg.blastRadius!.score);
});

test('every format shows the blast radius score of each finding, and the cascade', () => {
  const result = analyzedEstateResult();
  const sg = result.findings.find((f) => f.resource.address === 'network/aws_security_group.web')!;
  const score = String(sg.blastRadius!.score);
  for (const format of REPORT_FORMATS) {
    const output = renderReport(result, format, { verbose: true });
    assert.ok(
      output.includes(`${score} (critical)`) ||
        (format === 'json' && output.includes(`"score": ${score}`)) ||
        output.includes(`>${score}</span> critical`),
      `${format} shows the score`,
    );
    assert.ok(output.includes('cascade to 5') || format === 'json', `${format} says the replacement cascades`);
    const cascaded = format === 'markdown' ? 'prod/aws\\_instance.web\\[1\\]' : 'prod/aws_instance.web[1]';
    assert.ok(output.includes(cascaded), `${format} names a cascaded instance`);
  }
});

test('the factors are shown where the format has room: verbose table, markdown details, junit, sarif, html', () => {
  const result = analyzedEstateResult();
  const factorLine = /centrality \+\d+(\.\d)? \(0\.\d+ x 0\.2\): 5 resources depend on it/;
  assert.match(renderReport(result, 'table', { verbose: true }), factorLine);
  assert.doesNotMatch(renderReport(result, 'table'), factorLine, 'the plain table keeps to the score column');
  assert.match(renderReport(result, 'table'), /blast/);
  assert.match(
    renderReport(result, 'markdown'),
    /\| centrality \| \d+(\.\d)? \| 0\.\d+ × 0\.2 \| 5 resources depend on it/,
  );
  assert.match(renderReport(result, 'junit'), factorLine);
  assert.match(renderReport(result, 'html'), /<details title="tier \+30 \(1 x 0\.3\): environment network is shared/);
});

test('SARIF: rank is the blast radius score and properties carry the factors', () => {
  const result = analyzedEstateResult();
  const sarif = JSON.parse(renderReport(result, 'sarif')) as {
    runs: Array<{
      results: Array<{
        rank?: number;
        properties: { blastRadius?: { score: number; factors: unknown[] }; impact?: { cascade?: string[] } };
      }>;
    }>;
  };
  for (const item of sarif.runs[0]!.results) {
    assert.equal(typeof item.rank, 'number');
    assert.ok(item.rank! >= 0 && item.rank! <= 100);
    assert.equal(item.rank, item.properties.blastRadius?.score);
    assert.equal(item.properties.blastRadius?.factors.length, 6);
  }
  assert.ok(sarif.runs[0]!.results.some((r) => r.properties.impact?.cascade?.includes('dev/aws_instance.web[0]')));
});

test('JSON: blastRadius and the cascade are valid against docs/report.schema.json', () => {
  const schema = JSON.parse(readFileSync(resolve(repoRoot, 'docs/report.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const report = JSON.parse(renderReport(analyzedEstateResult(), 'json')) as {
    findings: Array<{ blastRadius?: { score: number }; impact?: { cascadeReasons?: Record<string, string> } }>;
  };
  assert.equal(validate(report), true, JSON.stringify(validate.errors, null, 2));
  assert.ok(report.findings.every((f) => typeof f.blastRadius?.score === 'number'));
  assert.ok(report.findings.some((f) => f.impact?.cascadeReasons?.['aws_network_interface."eni-0c0ffee0c0ffee000"']));
  const broken = {
    ...report,
    findings: [{ ...report.findings[0], blastRadius: { score: 140, level: 'huge', factors: [] } }],
  };
  assert.equal(validate(broken), false, 'the schema bounds the score and the level');
});

test('HTML: the dependency graph is an inline <svg> with the drifted nodes coloured by their worst severity', () => {
  const html = renderReport(analyzedEstateResult(), 'html');
  const svg = /<svg[^>]*class="dependency-graph"[\s\S]*?<\/svg>/.exec(html)?.[0];
  assert.ok(svg, 'an inline svg');
  const drifted = [...svg.matchAll(/<g class="node drifted" data-address="([^"]+)" data-severity="(\w+)">/g)].map(
    (m) => [m[1], m[2]],
  );
  // Attribute values are HTML-escaped: the live address's quotes are &quot;.
  assert.deepEqual(drifted.map(([address]) => address).sort(), [
    'aws_network_interface.&quot;eni-0c0ffee0c0ffee000&quot;',
    'dev/aws_instance.web[1]',
    'network/aws_security_group.web',
  ]);
  assert.match(svg, /<g class="node" data-address="network\/aws_vpc.shared">/, 'clean resources are drawn too');
  assert.deepEqual(drifted.find(([address]) => address === 'network/aws_security_group.web')?.[1], 'high');
  assert.match(
    svg,
    /data-address="network\/aws_security_group.web" data-severity="high"><title>[^<]*<\/title><rect [^>]*fill="#d9480f"/,
    'filled by its worst severity',
  );
  // The inlined pan and zoom library keeps its licence notice (a comment naming its home page):
  // comments request nothing, so they are left out of the check.
  const code = html.replace(/\/\*[\s\S]*?\*\//g, '');
  assert.match(html, /Panzoom 4\.\d+\.\d+ [\s\S]{0,200}Copyright Timmy Willison/, 'the licence notice is kept');
  assert.doesNotMatch(code, /https?:\/\/(?!www\.w3\.org\/2000\/svg)/, 'no URL but the SVG namespace');
});
