/** The JSON report against its documented schema (docs/report.schema.json), validated with ajv. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = formatsModule.default;
import { renderJson } from '../src/report/scan/json.js';
import { manyFindings, sampleScanResult } from './support/sample-result.js';
import { repoRoot } from './support/paths.js';

const schema = JSON.parse(readFileSync(resolve(repoRoot, 'docs/report.schema.json'), 'utf8')) as object;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

test('the JSON report of a realistic scan is valid against docs/report.schema.json', () => {
  const validate = validator();
  const report = JSON.parse(renderJson(sampleScanResult())) as Record<string, unknown>;
  assert.equal(validate(report), true, JSON.stringify(validate.errors, null, 2));
});

test('edge cases are valid too: no findings, no history, unknown unmanaged and coverage, 1,000 findings', () => {
  const validate = validator();
  const base = sampleScanResult([]);
  const { history: _history, ...withoutHistory } = base;
  const unknowns = { ...withoutHistory, summary: { ...base.summary, unmanaged: null, coverage: null } };
  for (const result of [unknowns, sampleScanResult(manyFindings(1000))]) {
    assert.equal(validate(JSON.parse(renderJson(result))), true, JSON.stringify(validate.errors, null, 2));
  }
});

test('the schema rejects what it should: it is not a schema that accepts anything', () => {
  const validate = validator();
  const report = JSON.parse(renderJson(sampleScanResult())) as {
    findings: Array<Record<string, unknown>>;
    [key: string]: unknown;
  };
  report.findings[0]!.kind = 'drifty';
  assert.equal(validate(report), false);
  const extra = { ...(JSON.parse(renderJson(sampleScanResult())) as object), undocumented: 1 };
  assert.equal(validate(extra), false, 'an undocumented top-level key is caught');
});

test('keys come in the documented order and output is deterministic', () => {
  const text = renderJson(sampleScanResult());
  const report = JSON.parse(text) as Record<string, unknown> & {
    scan: object;
    findings: Array<Record<string, unknown>>;
  };
  assert.deepEqual(Object.keys(report), [
    'schemaVersion',
    'scan',
    'summary',
    'accounting',
    'findings',
    'history',
    'suppressions',
  ]);
  assert.deepEqual(Object.keys(report.scan), [
    'id',
    'startedAt',
    'finishedAt',
    'complete',
    'incompleteScopes',
    'sources',
    'apiCalls',
    'tool',
    'attributionSources',
  ]);
  assert.deepEqual(Object.keys(report.findings[0]!), [
    'id',
    'kind',
    'severity',
    'environment',
    'resource',
    'summary',
    'reasons',
    'changes',
    'impact',
  ]);
  assert.equal(report.findings[0]!.severity, 'critical');
  const shuffled = sampleScanResult([...sampleScanResult().findings].reverse());
  assert.equal(renderJson(shuffled), text, 'finding order in the input does not change the bytes');
});

test('incomplete scopes and history are carried whole', () => {
  const report = JSON.parse(renderJson(sampleScanResult())) as {
    scan: { complete: boolean; incompleteScopes: Array<{ code: string; reason: string }> };
    history: { newFindingIds: string[]; resolved: unknown[] };
  };
  assert.equal(report.scan.complete, false);
  assert.equal(report.scan.incompleteScopes[0]?.code, 'access-denied');
  assert.deepEqual(report.history.newFindingIds, ['f-sg-ssh', 'f-orphan-volume']);
  assert.equal(report.history.resolved.length, 2);
});
