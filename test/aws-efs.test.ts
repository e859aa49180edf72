/** EFS catalogue entries on the emulator. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateFileSystemCommand, CreateMountTargetCommand, EFSClient } from '@aws-sdk/client-efs';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
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

test('aws_efs_mount_target: DescribeMountTargets per file system; security groups only with --deep', async () => {
  const ec2 = new EC2Client(env.moto.clientConfig('eu-west-1'));
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
  const subnet = await ec2.send(
    new CreateSubnetCommand({ VpcId: vpc.Vpc?.VpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'eu-west-1a' }),
  );
  const efs = new EFSClient(env.moto.clientConfig('eu-west-1'));
  const fs = await efs.send(new CreateFileSystemCommand({ CreationToken: 'mt' }));
  const mt = await efs.send(
    new CreateMountTargetCommand({ FileSystemId: fs.FileSystemId, SubnetId: subnet.Subnet?.SubnetId }),
  );

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_efs_mount_target'] });
  const found = snapshot.resources.find((r) => r.type === 'aws_efs_mount_target' && r.id === mt.MountTargetId);
  assert.ok(found, 'the mount target is observed under its id');
  assert.equal(found.attributes['file_system_id'], fs.FileSystemId);
  assert.equal(found.attributes['subnet_id'], subnet.Subnet?.SubnetId);
  assert.equal(found.attributes['ip_address'], mt.IpAddress);
  assert.equal(found.attributes['dns_name'], `${fs.FileSystemId}.efs.eu-west-1.amazonaws.com`);
  assert.ok(!('security_groups' in found.attributes), 'not read without --deep');
  assert.equal(apiCalls['efs:DescribeFileSystems'], 1);
  assert.equal(apiCalls['efs:DescribeMountTargets'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);

  const deep = await observeAws({ regions: ['eu-west-1'], types: ['aws_efs_mount_target'], deep: () => true });
  const deepFound = deep.snapshot.resources.find((r) => r.id === mt.MountTargetId);
  assert.ok(Array.isArray(deepFound?.attributes['security_groups']));
  assert.equal(deep.apiCalls['efs:DescribeMountTargetSecurityGroups'], 1);
  assert.deepEqual(deep.snapshot.incompleteScopes, []);
});
