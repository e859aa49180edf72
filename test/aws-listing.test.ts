/**
 * The generic paginated listing (repositories/listing.ts) on the emulator, through the two types
 * added on it (aws_kms_alias, aws_iam_instance_profile): each entry names one SDK listing and
 * nothing else; a listing two types share is made once per scope.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { observeAws } from '../src/observers/aws/observe.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { useMoto } from './aws-support.js';

const env = useMoto();

test('aws_kms_alias: aliases listed in one call shared with aws_kms_key, the target key ARN as the provider builds it', async () => {
  const kms = new KMSClient(env.moto.clientConfig('eu-west-1'));
  const keyId = (await kms.send(new CreateKeyCommand({ Description: 'app' }))).KeyMetadata?.KeyId ?? '';
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: keyId }));

  const { snapshot, apiCalls, expectedUnmanaged } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_kms_alias', 'aws_kms_key'],
  });
  const alias = snapshot.resources.find((r) => r.type === 'aws_kms_alias' && r.id === 'alias/app');
  assert.ok(alias, 'the alias is observed');
  assert.deepEqual(alias.attributes, {
    id: 'alias/app',
    arn: `arn:aws:kms:eu-west-1:${MOTO_ACCOUNT}:alias/app`,
    name: 'alias/app',
    target_key_id: keyId,
    target_key_arn: `arn:aws:kms:eu-west-1:${MOTO_ACCOUNT}:key/${keyId}`,
  });
  // AWS-managed aliases the emulator reports are observed and explained, never silently dropped.
  for (const other of snapshot.resources.filter((r) => r.type === 'aws_kms_alias' && r.id !== 'alias/app')) {
    assert.match(String(other.id), /^alias\/aws\//);
    assert.ok(expectedUnmanaged.some((e) => e.address === other.address));
  }
  assert.equal(apiCalls['kms:ListAliases'], 1, 'one listing serves aws_kms_alias and aws_kms_key');
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_iam_instance_profile: listed in one call per account, the role by name', async () => {
  const iam = new IAMClient(env.moto.clientConfig('us-east-1'));
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'app-role',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    }),
  );
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'app', Path: '/apps/' }));
  await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'app', RoleName: 'app-role' }));
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'bare' }));

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_iam_instance_profile'] });
  const byName = new Map(snapshot.resources.map((r) => [r.id, r]));
  const app = byName.get('app');
  assert.ok(app);
  assert.equal(app.region, 'global');
  assert.equal(app.attributes['arn'], `arn:aws:iam::${MOTO_ACCOUNT}:instance-profile/apps/app`);
  assert.equal(app.attributes['path'], '/apps/');
  assert.equal(app.attributes['role'], 'app-role');
  assert.match(String(app.attributes['create_date']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(byName.get('bare')?.attributes['role'], undefined);
  assert.equal(apiCalls['iam:ListInstanceProfiles'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});
