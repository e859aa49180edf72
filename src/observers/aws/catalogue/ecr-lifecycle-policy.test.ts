import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { ecrLifecyclePolicy } from './ecr-lifecycle-policy.js';

const observedItems = trackObservations(ecrLifecyclePolicy);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
const POLICY = JSON.stringify({
  rules: [
    {
      rulePriority: 1,
      selection: { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 5 },
      action: { type: 'expire' },
    },
  ],
});

test('aws_ecr_lifecycle_policy maps GetLifecyclePolicy: the repository name is the id, the policy as JSON text', () => {
  const o = ecrLifecyclePolicy.observe(
    { registryId: '123456789012', repositoryName: 'app', lifecyclePolicyText: POLICY },
    scope,
  );
  assert.equal(o.id, 'app');
  assert.deepEqual(o.attributes, { id: 'app', repository: 'app', registry_id: '123456789012', policy: POLICY });
  assert.deepEqual(ecrLifecyclePolicy.json, ['policy']);
});

test('aws_ecr_lifecycle_policy revert puts the recorded policy back; prune deletes it', () => {
  const finding = {
    resource: { type: 'aws_ecr_lifecycle_policy', id: 'app', region: 'eu-west-1', address: 'x' },
    kind: 'configuration',
    changes: [{ path: 'policy', recorded: POLICY, observed: '{}', sensitive: false }],
  } as never;
  assert.deepEqual(ecrLifecyclePolicy.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'ecr',
        operation: 'PutLifecyclePolicy',
        region: 'eu-west-1',
        input: { repositoryName: 'app', lifecyclePolicyText: POLICY },
      },
    ],
  });
  const prune = ecrLifecyclePolicy.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteLifecyclePolicy');
});

test('every provider attribute of aws_ecr_lifecycle_policy is observed by these fixtures or declared with a reason', () => {
  assertAccounted(ecrLifecyclePolicy, observedItems);
});
