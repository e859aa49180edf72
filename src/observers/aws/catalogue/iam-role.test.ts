import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iamRole } from './iam-role.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { splitNotReturned } from '../omitted.js';
import { diffResource } from '../../../engine/diff.js';
import { resource } from '../../../../test/support/engine-fixtures.js';

const observedItems = trackObservations(iamRole);

const scope = { account: '123456789012', region: 'global' };
const trust =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';

test('aws_iam_role maps the joined role listing to provider attributes, decoding URL-encoded documents', () => {
  const observed = iamRole.observe(
    {
      RoleName: 'app',
      RoleId: 'AROA1',
      Arn: 'arn:aws:iam::123456789012:role/app',
      Path: '/',
      CreateDate: new Date('2024-01-02T03:04:05Z'),
      AssumeRolePolicyDocument: encodeURIComponent(trust),
      Description: 'app role',
      MaxSessionDuration: 3600,
      PermissionsBoundary: { PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
      RolePolicyList: [
        { PolicyName: 'inline', PolicyDocument: encodeURIComponent('{ "Version": "2012-10-17", "Statement": [] }') },
      ],
      AttachedManagedPolicies: [{ PolicyArn: 'arn:b' }, { PolicyArn: 'arn:a' }],
      Tags: [{ Key: 'env', Value: 'prod' }],
    },
    scope,
  );
  assert.equal(observed.id, 'app');
  assert.equal(observed.attributes['assume_role_policy'], trust);
  assert.deepEqual(observed.attributes['inline_policy'], [
    { name: 'inline', policy: '{"Statement":[],"Version":"2012-10-17"}' },
  ]);
  assert.deepEqual(observed.attributes['managed_policy_arns'], ['arn:a', 'arn:b']);
  assert.equal(observed.attributes['permissions_boundary'], 'arn:aws:iam::aws:policy/PowerUserAccess');
  assert.equal(observed.attributes['description'], 'app role');
  assert.equal(observed.attributes['create_date'], '2024-01-02T03:04:05.000Z');
  assert.deepEqual(observed.attributes['tags_all'], { env: 'prod' });
  assert.equal(observed.noise, undefined);
  assert.equal(iamRole.policyType, true);
});

test('aws_iam_role: service-linked roles are expected-unmanaged noise; omitted fields are what resourceRoleRead stores', () => {
  const observed = iamRole.observe(
    { RoleName: 'AWSServiceRoleForAutoScaling', Path: '/aws-service-role/autoscaling.amazonaws.com/' },
    scope,
  );
  assert.match(observed.noise ?? '', /service-linked/);
  // d.Set(max_session_duration, role.MaxSessionDuration): 0 for an omitted *int32, never a filled-in 3600.
  assert.equal(observed.attributes['max_session_duration'], 0);
  assert.equal(observed.attributes['permissions_boundary'], '');
  assert.deepEqual(observed.attributes['inline_policy'], []);
});

test('aws_iam_role: a role ListRoles did not list keeps its recorded description and session duration (not compared)', () => {
  const item = {
    RoleName: 'late',
    Path: '/',
    AssumeRolePolicyDocument: encodeURIComponent(trust),
    listedByListRoles: false,
  };
  const { attributes, notReturned } = splitNotReturned(iamRole.observe(item, scope).attributes);
  assert.deepEqual(notReturned.map((n) => n.path.join('.')).sort(), ['description', 'max_session_duration']);
  const recorded = resource({
    address: 'aws_iam_role.late',
    type: 'aws_iam_role',
    id: 'late',
    attributes: { ...attributes, description: 'made late', max_session_duration: 7200 },
  });
  const observed = { ...resource({ address: 'o', type: 'aws_iam_role', id: 'late', attributes }), notReturned };
  const diff = diffResource(recorded, observed, iamRole, true);
  // The old `?? 3600` and `?? ''` fill-ins reported 7200 -> 3600 and the description removed.
  assert.deepEqual(diff.changes, []);
  assert.deepEqual(diff.suppressed.map((x) => x.rule).sort(), [
    'not-returned:description',
    'not-returned:max_session_duration',
  ]);
});

test('every provider attribute of aws_iam_role is observed by these fixtures or declared with a reason', () => {
  assertAccounted(iamRole, observedItems);
});
