import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateDBInstanceCommand, ModifyDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateKeyCommand, EnableKeyRotationCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { observeAws } from '../src/observers/aws/observe.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { useMoto } from './aws-support.js';

const env = useMoto();

test('aws_db_instance: observed with the provider attributes, id = DBI resource id, and never the password', async () => {
  const rds = new RDSClient(env.moto.clientConfig());
  const created = await rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'orders',
      DBInstanceClass: 'db.t3.micro',
      Engine: 'postgres',
      EngineVersion: '15.4',
      AllocatedStorage: 20,
      MasterUsername: 'app',
      MasterUserPassword: 'never-print-this-1',
      StorageEncrypted: true,
      BackupRetentionPeriod: 7,
      Tags: [{ Key: 'env', Value: 'prod' }],
    }),
  );
  const resourceId = created.DBInstance?.DbiResourceId ?? '';
  assert.match(resourceId, /^db-/);
  // A hand-made change: the instance is made public.
  await rds.send(
    new ModifyDBInstanceCommand({ DBInstanceIdentifier: 'orders', PubliclyAccessible: true, ApplyImmediately: true }),
  );

  const { snapshot } = await observeAws({ regions: ['eu-west-1'], types: ['aws_db_instance'] });
  assert.deepEqual(snapshot.incompleteScopes, []);
  const db = snapshot.resources.find((r) => r.type === 'aws_db_instance');
  assert.ok(db);
  assert.equal(db.id, resourceId);
  assert.equal(db.attributes['identifier'], 'orders');
  assert.equal(db.attributes['arn'], `arn:aws:rds:eu-west-1:${MOTO_ACCOUNT}:db:orders`);
  assert.equal(db.attributes['instance_class'], 'db.t3.micro');
  assert.equal(db.attributes['allocated_storage'], 20);
  assert.equal(db.attributes['engine'], 'postgres');
  assert.equal(db.attributes['engine_version_actual'], '15.4');
  assert.equal(db.attributes['storage_encrypted'], true);
  assert.equal(db.attributes['backup_retention_period'], 7);
  assert.equal(db.attributes['multi_az'], false);
  assert.equal(db.attributes['publicly_accessible'], true, 'the hand-made change is observed');
  assert.deepEqual(db.attributes['tags_all'], { env: 'prod' });
  assert.doesNotMatch(JSON.stringify(snapshot), /never-print-this-1/);
});

test('aws_kms_key: customer keys are observed with policy, rotation and tags; AWS-managed keys are left out', async () => {
  const kms = new KMSClient(env.moto.clientConfig());
  const keyId =
    (await kms.send(new CreateKeyCommand({ Description: 'orders data', Tags: [{ TagKey: 'env', TagValue: 'prod' }] })))
      .KeyMetadata?.KeyId ?? '';
  const { snapshot: before } = await observeAws({ regions: ['eu-west-1'], types: ['aws_kms_key'] });
  const key = before.resources.find((r) => r.id === keyId);
  assert.ok(key);
  assert.equal(key.attributes['description'], 'orders data');
  assert.equal(key.attributes['key_usage'], 'ENCRYPT_DECRYPT');
  assert.equal(key.attributes['customer_master_key_spec'], 'SYMMETRIC_DEFAULT');
  assert.equal(key.attributes['enable_key_rotation'], false);
  assert.equal(key.attributes['is_enabled'], true);
  assert.deepEqual(key.attributes['tags_all'], { env: 'prod' });
  const policy = JSON.parse(key.attributes['policy'] as string) as { Statement: unknown[] };
  assert.ok(policy.Statement.length > 0, 'the default key policy is read');

  // Every key the observation reports is a customer key; the emulator's own AWS-managed keys are not.
  const listed = (await kms.send(new ListKeysCommand({}))).Keys ?? [];
  assert.ok(
    before.resources.every((r) => r.id === keyId),
    `only the customer key (of ${listed.length} listed) is observed`,
  );

  await kms.send(new EnableKeyRotationCommand({ KeyId: keyId }));
  const { snapshot: after } = await observeAws({ regions: ['eu-west-1'], types: ['aws_kms_key'] });
  assert.equal(after.resources.find((r) => r.id === keyId)?.attributes['enable_key_rotation'], true);
});
