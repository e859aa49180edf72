import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachRolePolicyCommand,
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { observeAws } from '../src/observers/aws/observe.js';
import type { Resource } from '../src/model/resource.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { useMoto } from './aws-support.js';

const env = useMoto();
const iam = () => new IAMClient(env.moto.clientConfig('us-east-1'));

const trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const readBuckets = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
const IAM_TYPES = [
  'aws_iam_role',
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_role_policy_attachment',
  'aws_iam_user',
  'aws_iam_user_policy_attachment',
];

function find(resources: ReadonlyArray<Resource>, type: string, id: string): Resource {
  const found = resources.find((r) => r.type === type && r.id === id);
  assert.ok(
    found,
    `${type} ${id} is observed (have: ${resources
      .filter((r) => r.type === type)
      .map((r) => r.id)
      .join(', ')})`,
  );
  return found;
}

test('IAM types: roles, policies, inline policies, users and attachments are observed with provider attributes, from shared bulk listings', async () => {
  const client = iam();
  await client.send(
    new CreateRoleCommand({
      RoleName: 'app',
      Path: '/svc/',
      AssumeRolePolicyDocument: JSON.stringify(trust),
      Description: 'application role',
      MaxSessionDuration: 7200,
      PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
      Tags: [{ Key: 'env', Value: 'prod' }],
    }),
  );
  const policyArn =
    (
      await client.send(
        new CreatePolicyCommand({
          PolicyName: 'read-buckets',
          PolicyDocument: JSON.stringify(readBuckets),
          Description: 'read',
          Tags: [{ Key: 'team', Value: 'data' }],
        }),
      )
    ).Policy?.Arn ?? '';
  // A second version becomes the default: the observed policy is the default version's document.
  const v2 = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }],
  };
  await client.send(
    new CreatePolicyVersionCommand({ PolicyArn: policyArn, PolicyDocument: JSON.stringify(v2), SetAsDefault: true }),
  );
  await client.send(
    new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'inline', PolicyDocument: JSON.stringify(readBuckets) }),
  );
  await client.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: policyArn }));
  await client.send(new CreateUserCommand({ UserName: 'alice', Path: '/ops/', Tags: [{ Key: 'team', Value: 'ops' }] }));
  await client.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: policyArn }));

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: IAM_TYPES });
  assert.deepEqual(snapshot.incompleteScopes, []);
  assert.deepEqual(
    snapshot.completeScopes.map((s) => `${s.type}/${s.region}`).sort(),
    IAM_TYPES.map((t) => `${t}/global`).sort(),
    'IAM is listed once per account, in the global scope',
  );

  const role = find(snapshot.resources, 'aws_iam_role', 'app');
  assert.equal(role.account, MOTO_ACCOUNT);
  assert.equal(role.region, 'global');
  assert.equal(role.attributes['arn'], `arn:aws:iam::${MOTO_ACCOUNT}:role/svc/app`);
  assert.equal(role.attributes['path'], '/svc/');
  assert.equal(role.attributes['description'], 'application role');
  assert.equal(role.attributes['max_session_duration'], 7200);
  assert.equal(role.attributes['permissions_boundary'], 'arn:aws:iam::aws:policy/PowerUserAccess');
  assert.deepEqual(JSON.parse(role.attributes['assume_role_policy'] as string), trust);
  assert.deepEqual(role.attributes['managed_policy_arns'], [policyArn]);
  assert.deepEqual(role.attributes['inline_policy'], [
    {
      name: 'inline',
      policy: JSON.stringify({
        Statement: [{ Action: 's3:GetObject', Effect: 'Allow', Resource: '*' }],
        Version: '2012-10-17',
      }),
    },
  ]);
  assert.deepEqual(role.attributes['tags_all'], { env: 'prod' });

  const policy = find(snapshot.resources, 'aws_iam_policy', policyArn);
  assert.equal(policy.attributes['name'], 'read-buckets');
  assert.equal(policy.attributes['description'], 'read');
  assert.deepEqual(JSON.parse(policy.attributes['policy'] as string), v2, 'the default version is observed, decoded');
  assert.deepEqual(policy.attributes['tags_all'], { team: 'data' });

  const inline = find(snapshot.resources, 'aws_iam_role_policy', 'app:inline');
  assert.equal(inline.attributes['role'], 'app');
  assert.deepEqual(JSON.parse(inline.attributes['policy'] as string), readBuckets);

  const attachment = find(snapshot.resources, 'aws_iam_role_policy_attachment', `app/${policyArn}`);
  assert.deepEqual([attachment.attributes['role'], attachment.attributes['policy_arn']], ['app', policyArn]);

  const user = find(snapshot.resources, 'aws_iam_user', 'alice');
  assert.equal(user.attributes['path'], '/ops/');
  assert.deepEqual(user.attributes['tags_all'], { team: 'ops' });
  const userAttachment = find(snapshot.resources, 'aws_iam_user_policy_attachment', `alice/${policyArn}`);
  assert.equal(userAttachment.attributes['user'], 'alice');

  assert.equal(apiCalls['iam:GetAccountAuthorizationDetails'], 1, 'every IAM type shares one bulk listing');
  assert.equal(apiCalls['iam:ListRoles'], 1);
  assert.equal(apiCalls['iam:ListAttachedRolePolicies'], undefined, 'no per-role calls');
  assert.equal(apiCalls['iam:GetPolicyVersion'], undefined, 'policy documents come with the bulk listing');
});

test('IAM: a managed policy attached to a role by hand shows up on the role and as a new attachment', async () => {
  const client = iam();
  await client.send(new CreateRoleCommand({ RoleName: 'worker', AssumeRolePolicyDocument: JSON.stringify(trust) }));
  const before = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_iam_role', 'aws_iam_role_policy_attachment'],
  });
  assert.deepEqual(find(before.snapshot.resources, 'aws_iam_role', 'worker').attributes['managed_policy_arns'], []);
  assert.equal(before.snapshot.resources.filter((r) => r.type === 'aws_iam_role_policy_attachment').length, 0);

  const admin = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const adminArn =
    (await client.send(new CreatePolicyCommand({ PolicyName: 'admin', PolicyDocument: JSON.stringify(admin) }))).Policy
      ?.Arn ?? '';
  await client.send(new AttachRolePolicyCommand({ RoleName: 'worker', PolicyArn: adminArn }));

  const after = await observeAws({ regions: ['eu-west-1'], types: ['aws_iam_role', 'aws_iam_role_policy_attachment'] });
  assert.deepEqual(find(after.snapshot.resources, 'aws_iam_role', 'worker').attributes['managed_policy_arns'], [
    adminArn,
  ]);
  find(after.snapshot.resources, 'aws_iam_role_policy_attachment', `worker/${adminArn}`);
});

test('IAM groups, memberships, group and user inline policies, group attachments, access keys and service-linked roles', async () => {
  const client = iam();
  await client.send(new CreateGroupCommand({ GroupName: 'admins', Path: '/ops/' }));
  await client.send(new CreateGroupCommand({ GroupName: 'empty' }));
  for (const UserName of ['bob', 'alice']) {
    await client.send(new CreateUserCommand({ UserName }));
    await client.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName }));
  }
  await client.send(
    new PutGroupPolicyCommand({ GroupName: 'admins', PolicyName: 'read', PolicyDocument: JSON.stringify(readBuckets) }),
  );
  await client.send(
    new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'own', PolicyDocument: JSON.stringify(readBuckets) }),
  );
  const policyArn =
    (await client.send(new CreatePolicyCommand({ PolicyName: 'ops', PolicyDocument: JSON.stringify(readBuckets) })))
      .Policy?.Arn ?? '';
  await client.send(new AttachGroupPolicyCommand({ GroupName: 'admins', PolicyArn: policyArn }));
  const key = (await client.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey;
  assert.ok(key?.AccessKeyId && key.SecretAccessKey);
  await client.send(
    new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: key.AccessKeyId, Status: 'Inactive' }),
  );
  const slr = (
    await client.send(
      new CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticbeanstalk.amazonaws.com', Description: 'web' }),
    )
  ).Role;

  const types = [
    'aws_iam_group',
    'aws_iam_group_membership',
    'aws_iam_group_policy',
    'aws_iam_group_policy_attachment',
    'aws_iam_user_policy',
    'aws_iam_access_key',
    'aws_iam_service_linked_role',
  ];
  const { snapshot, apiCalls, expectedUnmanaged } = await observeAws({ regions: ['eu-west-1'], types });
  const resources = snapshot.resources;
  const group = find(resources, 'aws_iam_group', 'admins');
  assert.equal(group.attributes['path'], '/ops/');
  assert.equal(group.attributes['arn'], `arn:aws:iam::${MOTO_ACCOUNT}:group/ops/admins`);
  assert.deepEqual(find(resources, 'aws_iam_group_membership', 'admins').attributes['users'], ['alice', 'bob']);
  const empty = find(resources, 'aws_iam_group_membership', 'empty');
  assert.deepEqual(empty.attributes['users'], []);
  assert.ok(
    expectedUnmanaged.some((e) => e.address === empty.address),
    'a group without members is noise',
  );
  assert.deepEqual(
    JSON.parse(String(find(resources, 'aws_iam_group_policy', 'admins:read').attributes['policy'])),
    readBuckets,
  );
  assert.deepEqual(
    JSON.parse(String(find(resources, 'aws_iam_user_policy', 'alice:own').attributes['policy'])),
    readBuckets,
  );
  find(resources, 'aws_iam_group_policy_attachment', `admins/${policyArn}`);
  const observedKey = find(resources, 'aws_iam_access_key', key.AccessKeyId);
  assert.equal(observedKey.attributes['user'], 'alice');
  assert.equal(observedKey.attributes['status'], 'Inactive');
  assert.ok(!JSON.stringify(snapshot).includes(key.SecretAccessKey), 'the secret access key is never observed');
  const role = find(resources, 'aws_iam_service_linked_role', slr?.Arn ?? '');
  assert.equal(role.attributes['aws_service_name'], 'elasticbeanstalk.amazonaws.com');
  assert.equal(role.attributes['description'], 'web');
  assert.equal(role.attributes['custom_suffix'], '');
  assert.equal(apiCalls['iam:GetAccountAuthorizationDetails'], 1, 'one bulk listing shared by every IAM type');
  assert.equal(apiCalls['iam:ListAccessKeys'], 2, 'one ListAccessKeys per user');
  assert.deepEqual(snapshot.incompleteScopes, []);
});
