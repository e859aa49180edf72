import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dbInstance } from './db-instance.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(dbInstance);

test('aws_db_instance: id is the DBI resource id (provider v5+), identifier the name; password is secret and never observed', () => {
  const observed = dbInstance.observe(
    {
      DBInstanceIdentifier: 'orders',
      DbiResourceId: 'db-ABCDEF',
      DBInstanceArn: 'arn:aws:rds:eu-west-1:1:db:orders',
      DBInstanceClass: 'db.t3.micro',
      Engine: 'Postgres',
      EngineVersion: '15.4',
      AllocatedStorage: 20,
      MasterUsername: 'app',
      Endpoint: { Address: 'orders.x.eu-west-1.rds.amazonaws.com', Port: 5432 },
      MultiAZ: true,
      StorageEncrypted: true,
      BackupRetentionPeriod: 7,
      PreferredMaintenanceWindow: 'Wed:06:38-Wed:07:08',
      VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-2' }, { VpcSecurityGroupId: 'sg-1' }],
      TagList: [{ Key: 'env', Value: 'prod' }],
    },
    { account: '1', region: 'eu-west-1' },
  );
  assert.equal(observed.id, 'db-ABCDEF');
  const a = observed.attributes;
  assert.equal(a['identifier'], 'orders');
  assert.equal(a['engine'], 'postgres');
  assert.equal(a['endpoint'], 'orders.x.eu-west-1.rds.amazonaws.com:5432');
  assert.equal(a['publicly_accessible'], false, 'AWS omits the flag when false');
  assert.equal(a['multi_az'], true);
  assert.equal(a['maintenance_window'], 'wed:06:38-wed:07:08');
  assert.deepEqual(a['vpc_security_group_ids'], ['sg-1', 'sg-2']);
  assert.equal('password' in a, false);
  assert.ok(dbInstance.secretAttributes?.includes('password'));
  assert.ok(dbInstance.policy?.includes('publicly_accessible'));
});

test('every provider attribute of aws_db_instance is observed by these fixtures or declared with a reason', () => {
  assertAccounted(dbInstance, observedItems);
});
