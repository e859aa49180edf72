/** EFS catalogue entries on the emulator. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateFileSystemCommand, EFSClient } from '@aws-sdk/client-efs';
import { observeAws } from '../src/observers/aws/observe.js';
import { useMoto } from './aws-support.js';

const env = useMoto();

test('aws_efs_file_system: DescribeFileSystems once, tags included, the DNS name as the provider builds it', async () => {
  const efs = new EFSClient(env.moto.clientConfig('eu-west-1'));
  const fs = await efs.send(
    new CreateFileSystemCommand({
      CreationToken: 'data',
      PerformanceMode: 'generalPurpose',
      Encrypted: true,
      Tags: [{ Key: 'Name', Value: 'data' }],
    }),
  );

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_efs_file_system'] });
  const found = snapshot.resources.find((r) => r.type === 'aws_efs_file_system' && r.id === fs.FileSystemId);
  assert.ok(found, 'the file system is observed under its id');
  assert.equal(found.attributes['creation_token'], 'data');
  assert.equal(found.attributes['encrypted'], true);
  assert.equal(found.attributes['performance_mode'], 'generalPurpose');
  assert.equal(found.attributes['dns_name'], `${fs.FileSystemId}.efs.eu-west-1.amazonaws.com`);
  assert.deepEqual(found.attributes['tags'], { Name: 'data' });
  assert.equal(apiCalls['efs:DescribeFileSystems'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});
