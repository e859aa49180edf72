import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { iamGroupPolicy } from './iam-group-policy.js';

const observedItems = trackObservations(iamGroupPolicy);
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';

test('aws_iam_group_policy: id is group:name, the decoded document kept as JSON text', () => {
  const o = iamGroupPolicy.observe(
    { principalName: 'ops', policyName: 'read', document: DOC },
    { account: '1', region: 'global' },
  );
  assert.equal(o.id, 'ops:read');
  assert.deepEqual(o.attributes, { id: 'ops:read', group: 'ops', name: 'read', policy: DOC });
  assert.deepEqual(iamGroupPolicy.json, ['policy']);
});

test('aws_iam_group_policy revert puts the recorded document back; prune deletes the inline policy', () => {
  const finding = {
    resource: { type: 'aws_iam_group_policy', id: 'ops:read', address: 'aws_iam_group_policy.read' },
    kind: 'configuration',
    changes: [{ path: 'policy', recorded: DOC, observed: '{}', sensitive: false }],
  } as never;
  assert.deepEqual(iamGroupPolicy.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'iam',
        operation: 'PutGroupPolicy',
        region: 'global',
        input: { GroupName: 'ops', PolicyName: 'read', PolicyDocument: DOC },
      },
    ],
  });
  assert.deepEqual(iamGroupPolicy.prune!.plan(finding, ctx), {
    calls: [
      {
        service: 'iam',
        operation: 'DeleteGroupPolicy',
        region: 'global',
        input: { GroupName: 'ops', PolicyName: 'read' },
      },
    ],
  });
  const sensitive = {
    ...(finding as object),
    changes: [{ path: 'policy', recorded: DOC, observed: '{}', sensitive: true }],
  };
  assert.ok('unsupported' in iamGroupPolicy.revert!.plan(sensitive as never, ctx));
});

test('every provider attribute of aws_iam_group_policy is observed by these fixtures or declared with a reason', () => {
  assertAccounted(iamGroupPolicy, observedItems);
});
