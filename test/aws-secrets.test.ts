/** Secrets Manager (and SSM) catalogue entries on the emulator: metadata only, never a secret value. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { observeAws } from '../src/observers/aws/observe.js';
import { useMoto } from './aws-support.js';

const env = useMoto();

test('aws_secretsmanager_secret: ListSecrets once, metadata and tags, no value read and none in the snapshot', async () => {
  const sm = new SecretsManagerClient(env.moto.clientConfig('eu-west-1'));
  const created = await sm.send(
    new CreateSecretCommand({
      Name: 'db',
      Description: 'database credentials',
      SecretString: 'hunter2-not-to-be-seen',
      Tags: [{ Key: 'team', Value: 'data' }],
    }),
  );

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_secretsmanager_secret'] });
  const secret = snapshot.resources.find((r) => r.type === 'aws_secretsmanager_secret' && r.id === created.ARN);
  assert.ok(secret, 'the secret is observed under its ARN');
  assert.equal(secret.attributes['name'], 'db');
  assert.equal(secret.attributes['description'], 'database credentials');
  assert.deepEqual(secret.attributes['tags'], { team: 'data' });
  assert.ok(!JSON.stringify(snapshot).includes('hunter2'), 'the secret value is nowhere in the observation');
  assert.equal(apiCalls['secretsmanager:ListSecrets'], 1);
  assert.equal(apiCalls['secretsmanager:GetSecretValue'], undefined);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_ssm_parameter: DescribeParameters once, metadata only; a SecureString value is never fetched', async () => {
  const ssm = new SSMClient(env.moto.clientConfig('eu-west-1'));
  await ssm.send(
    new PutParameterCommand({
      Name: '/app/db/password',
      Type: 'SecureString',
      Value: 'hunter3-not-to-be-seen',
      Description: 'db',
    }),
  );
  await ssm.send(new PutParameterCommand({ Name: '/app/stage', Type: 'String', Value: 'prod' }));

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_ssm_parameter'] });
  const byId = new Map(snapshot.resources.map((r) => [r.id, r]));
  const secret = byId.get('/app/db/password');
  assert.ok(secret);
  assert.equal(secret.attributes['type'], 'SecureString');
  assert.equal(secret.attributes['description'], 'db');
  assert.equal(byId.get('/app/stage')?.attributes['type'], 'String');
  assert.ok(!JSON.stringify(snapshot).includes('hunter3'), 'no parameter value is in the observation');
  assert.equal(apiCalls['ssm:DescribeParameters'], 1);
  assert.equal(apiCalls['ssm:GetParameter'] ?? apiCalls['ssm:GetParameters'], undefined, 'no value is read');
  assert.deepEqual(snapshot.incompleteScopes, []);
});
