import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { iamUserPolicy } from './iam-user-policy.js';

const observedItems = trackObservations(iamUserPolicy);
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';

test('aws_iam_user_policy: id is user:name, the decoded document kept as JSON text', () => {
  const o = iamUserPolicy.observe(
    { principalName: 'ops', policyName: 'read', document: DOC },
    { account: '1', region: 'global' },
  );
  assert.equal(o.id, 'ops:read');
  assert.deepEqual(o.attributes, { id: 'ops:read', user: 'ops', name: 'read', policy: DOC });
  assert.deepEqual(iamUserPolicy.json, ['policy']);
});

test('aws_iam_user_policy revert puts the recorded document back; prune deletes the inline policy', () => {
  const finding = {
    resource: { type: 'aws_iam_user_policy', id: 'ops:read', address: 'aws_iam_user_policy.read' },
    kind: 'configuration',
    changes: [{ path: 'policy', recorded: DOC, observed: '{}', sensitive: false }],
  } as never;
  assert.deepEqual(iamUserPolicy.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'iam',
        operation: 'PutUserPolicy',
        region: 'global',
        input: { UserName: 'ops', PolicyName: 'read', PolicyDocument: DOC },
      },
    ],
  });
  assert.deepEqual(iamUserPolicy.prune!.plan(finding, ctx), {
    calls: [
      {
        service: 'iam',
        operation: 'DeleteUserPolicy',
        region: 'global',
        input: { UserName: 'ops', PolicyName: 'read' },
      },
    ],
  });
  const sensitive = {
    ...(finding as object),
    changes: [{ path: 'policy', recorded: DOC, observed: '{}', sensitive: true }],
  };
  assert.ok('unsupported' in iamUserPolicy.revert!.plan(sensitive as never, ctx));
});

test('every provider attribute of aws_iam_user_policy is observed by these fixtures or declared with a reason', () => {
  assertAccounted(iamUserPolicy, observedItems);
});
