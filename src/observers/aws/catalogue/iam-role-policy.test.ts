import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iamRolePolicy } from './iam-role-policy.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(iamRolePolicy);

test('aws_iam_role_policy: id is role:name, the document is kept as JSON text', () => {
  const observed = iamRolePolicy.observe(
    { roleName: 'app', policyName: 'inline', document: '{"Statement":[]}' },
    { account: '1', region: 'global' },
  );
  assert.equal(observed.id, 'app:inline');
  assert.deepEqual(observed.attributes, { id: 'app:inline', role: 'app', name: 'inline', policy: '{"Statement":[]}' });
  assert.deepEqual(iamRolePolicy.json, ['policy']);
});

test('every provider attribute of aws_iam_role_policy is observed by these fixtures or declared with a reason', () => {
  assertAccounted(iamRolePolicy, observedItems);
});
