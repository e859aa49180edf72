import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { secretsmanagerSecret } from './secretsmanager-secret.js';

const observedItems = trackObservations(secretsmanagerSecret);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf';
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_secretsmanager_secret maps ListSecrets metadata only: ARN id, tags, no value anywhere', () => {
  const o = secretsmanagerSecret.observe(
    {
      ARN,
      Name: 'db',
      Description: 'database credentials',
      KmsKeyId: 'alias/app',
      Tags: [
        { Key: 'team', Value: 'data' },
        { Key: 'aws:cloudformation:stack-name', Value: 'x' },
      ],
    },
    scope,
  );
  assert.deepEqual(o, {
    id: ARN,
    attributes: {
      id: ARN,
      arn: ARN,
      name: 'db',
      description: 'database credentials',
      kms_key_id: 'alias/app',
      tags: { team: 'data' },
      tags_all: { team: 'data' },
    },
  });
  // Nothing of the entry can ever read or send a secret value.
  assert.ok(!JSON.stringify(secretsmanagerSecret.revert?.sends ?? []).includes('GetSecretValue'));
  assert.ok(!JSON.stringify(secretsmanagerSecret.prune?.sends ?? []).includes('GetSecretValue'));
});

test('a secret another AWS service owns is observed as noise with its reason', () => {
  const o = secretsmanagerSecret.observe({ ARN: `${ARN}2`, Name: 'rds!db-1', OwningService: 'rds' }, scope);
  assert.match(o.noise ?? '', /rds creates and manages/);
});

test('aws_secretsmanager_secret revert updates metadata only (no SecretString); prune keeps a recovery window', () => {
  const finding = {
    resource: { type: 'aws_secretsmanager_secret', id: ARN, region: 'eu-west-1', address: 'a.b' },
    kind: 'configuration',
    changes: [{ path: 'description', recorded: 'database credentials', observed: 'x', sensitive: false }],
  } as never;
  assert.deepEqual(secretsmanagerSecret.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'secretsmanager',
        operation: 'UpdateSecret',
        region: 'eu-west-1',
        input: { SecretId: ARN, Description: 'database credentials' },
      },
    ],
  });
  const prune = secretsmanagerSecret.prune!.plan(finding, ctx);
  assert.ok('calls' in prune);
  assert.deepEqual(prune.calls[0]?.input, { SecretId: ARN, RecoveryWindowInDays: 30 });
});

test('every provider attribute of aws_secretsmanager_secret is observed by these fixtures or declared with a reason', () => {
  assertAccounted(secretsmanagerSecret, observedItems);
});
