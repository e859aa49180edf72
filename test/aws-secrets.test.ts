/** Secrets Manager (and SSM) catalogue entries on the emulator: metadata only, never a secret value. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
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
