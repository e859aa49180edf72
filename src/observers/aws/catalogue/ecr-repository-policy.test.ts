import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { ecrRepositoryPolicy } from './ecr-repository-policy.js';

const observedItems = trackObservations(ecrRepositoryPolicy);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'ecr:BatchGetImage' }],
});

test('aws_ecr_repository_policy maps GetRepositoryPolicy: the repository name is the id, every change is access drift', () => {
  const o = ecrRepositoryPolicy.observe(
    { registryId: '123456789012', repositoryName: 'app', policyText: POLICY },
    scope,
  );
  assert.equal(o.id, 'app');
  assert.deepEqual(o.attributes, { id: 'app', repository: 'app', registry_id: '123456789012', policy: POLICY });
  assert.equal(ecrRepositoryPolicy.policyType, true);
});

test('aws_ecr_repository_policy revert sets the recorded policy; prune deletes it', () => {
  const finding = {
    resource: { type: 'aws_ecr_repository_policy', id: 'app', region: 'eu-west-1', address: 'x' },
    kind: 'policy',
    changes: [{ path: 'policy', recorded: POLICY, observed: '{}', sensitive: false }],
  } as never;
  const planned = ecrRepositoryPolicy.revert!.plan(finding, ctx);
  assert.ok('calls' in planned && planned.calls[0]?.operation === 'SetRepositoryPolicy');
  assert.equal(planned.calls[0]?.input['policyText'], POLICY);
  const prune = ecrRepositoryPolicy.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteRepositoryPolicy');
});

test('every provider attribute of aws_ecr_repository_policy is observed by these fixtures or declared with a reason', () => {
  assertAccounted(ecrRepositoryPolicy, observedItems);
});
