import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { efsFileSystem } from './efs-file-system.js';

const observedItems = trackObservations(efsFileSystem);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_efs_file_system maps DescribeFileSystems as the provider reads it: the DNS name, size and protection as lists', () => {
  const o = efsFileSystem.observe(
    {
      FileSystemId: 'fs-1',
      FileSystemArn: 'arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-1',
      OwnerId: '123456789012',
      CreationToken: 'data',
      CreationTime: new Date(),
      LifeCycleState: 'available',
      Name: 'data',
      NumberOfMountTargets: 2,
      SizeInBytes: { Value: 6144, ValueInIA: 0, ValueInStandard: 6144 },
      PerformanceMode: 'generalPurpose',
      Encrypted: true,
      KmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/k',
      ThroughputMode: 'bursting',
      FileSystemProtection: { ReplicationOverwriteProtection: 'ENABLED' },
      Tags: [{ Key: 'Name', Value: 'data' }],
    },
    scope,
  );
  assert.equal(o.id, 'fs-1');
  assert.deepEqual(o.attributes, {
    id: 'fs-1',
    arn: 'arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-1',
    availability_zone_id: '',
    availability_zone_name: '',
    creation_token: 'data',
    dns_name: 'fs-1.efs.eu-west-1.amazonaws.com',
    encrypted: true,
    kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/k',
    name: 'data',
    number_of_mount_targets: 2,
    owner_id: '123456789012',
    performance_mode: 'generalPurpose',
    protection: [{ replication_overwrite: 'ENABLED' }],
    provisioned_throughput_in_mibps: 0,
    size_in_bytes: [{ value: 6144, value_in_ia: 0, value_in_standard: 6144 }],
    throughput_mode: 'bursting',
    tags: { Name: 'data' },
    tags_all: { Name: 'data' },
  });
});

test('aws_efs_file_system revert puts the throughput back in one UpdateFileSystem; prune deletes', () => {
  const finding = {
    resource: { type: 'aws_efs_file_system', id: 'fs-1', region: 'eu-west-1', address: 'a.b' },
    kind: 'configuration',
    changes: [{ path: 'throughput_mode', recorded: 'bursting', observed: 'elastic', sensitive: false }],
  } as never;
  assert.deepEqual(efsFileSystem.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'efs',
        operation: 'UpdateFileSystem',
        region: 'eu-west-1',
        input: { FileSystemId: 'fs-1', ThroughputMode: 'bursting' },
      },
    ],
  });
  const prune = efsFileSystem.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteFileSystem');
});

test('every provider attribute of aws_efs_file_system is observed by these fixtures or declared with a reason', () => {
  assertAccounted(efsFileSystem, observedItems);
});
