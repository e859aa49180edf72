import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iamRolePolicy } from './iam-role-policy.js';

test('aws_iam_role_policy: id is role:name, the document is kept as JSON text', () => {
  const observed = iamRolePolicy.observe(
    { roleName: 'app', policyName: 'inline', document: '{"Statement":[]}' },
    { account: '1', region: 'global' },
  );
  assert.equal(observed.id, 'app:inline');
  assert.deepEqual(observed.attributes, { id: 'app:inline', role: 'app', name: 'inline', policy: '{"Statement":[]}' });
  assert.deepEqual(iamRolePolicy.json, ['policy']);
});
