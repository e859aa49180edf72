import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ItemResult, PlanItem, ReconcilePlan } from '../model/reconcile.js';
import { renderPlan, renderResults } from './reconcile-plan.js';

// Control, separator and bidi characters, written out here rather than imported (issue 10, item 15).
// eslint-disable-next-line no-control-regex -- finding control characters is the point of the test
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const HOSTILE = '\u001b[2J\r\nFAKE: applied\u202e\u2028';

const item: PlanItem = {
  findingId: 'f-1',
  fingerprint: 'x',
  idempotencyKey: 'k',
  kind: 'configuration',
  address: `aws_instance.web["${HOSTILE}"]`,
  type: 'aws_instance',
  environment: 'prod',
  strategy: 'revert',
  status: 'skip',
  calls: [
    {
      service: 'ec2',
      operation: 'CreateTags',
      input: { Tags: [{ Key: 'Owner', Value: HOSTILE }] },
      region: 'eu-west-1',
    },
  ],
  reason: `refused: ${HOSTILE}`,
  blastScore: 10,
  blastSource: 'tier',
  paths: ['tags.Owner'],
};

test('the plan and its outcomes show hostile addresses, call inputs and reasons escaped, one item per line', () => {
  const plan: ReconcilePlan = {
    version: 1,
    id: 'p-1',
    createdAt: '2026-12-02T00:00:00Z',
    scanId: 's-1',
    items: [item],
  } as ReconcilePlan;
  const results: ItemResult[] = [
    {
      findingId: 'f-1',
      address: item.address,
      strategy: 'revert',
      outcome: 'failed',
      reason: HOSTILE,
      idempotencyKey: 'k',
    },
  ];
  for (const text of [renderPlan(plan), renderResults(results)]) {
    assert.equal(RAW.exec(text), null, text);
    assert.doesNotMatch(text, /^\s*FAKE/m);
    assert.ok(text.includes('\\x1b[2J\\r\\nFAKE: applied\\u202e\\u2028'), text);
  }
});
