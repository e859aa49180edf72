import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllocateAddressCommand,
  AttachInternetGatewayCommand,
  AttachVolumeCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateLaunchTemplateCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { observeAws } from '../src/observers/aws/observe.js';
import type { Resource } from '../src/model/resource.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { CATALOGUE } from '../src/observers/aws/catalogue/index.js';
import { useMoto } from './aws-support.js';

const env = useMoto();
const ec2 = (region = 'eu-west-1') => new EC2Client(env.moto.clientConfig(region));

test('aws_vpc: a VPC created through the API is observed with the provider attributes; the default VPC is expected noise', async () => {
  const created = await ec2().send(new CreateVpcCommand({ CidrBlock: '10.42.0.0/16' }));
  const vpcId = created.Vpc?.VpcId ?? '';
  await ec2().send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'Name', Value: 'core' }] }));

  const { snapshot, apiCalls, expectedUnmanaged } = await observeAws({ regions: ['eu-west-1'], types: ['aws_vpc'] });

  const vpc = snapshot.resources.find((r) => r.id === vpcId);
  assert.ok(vpc, 'the created VPC is observed');
  assert.equal(vpc.address, `aws_vpc."${vpcId}"`);
  assert.equal(vpc.type, 'aws_vpc');
  assert.equal(vpc.account, MOTO_ACCOUNT);
  assert.equal(vpc.region, 'eu-west-1');
  assert.equal(vpc.environment, 'default');
  assert.equal(vpc.attributes['cidr_block'], '10.42.0.0/16');
  assert.equal(vpc.attributes['instance_tenancy'], 'default');
  assert.deepEqual(vpc.attributes['tags_all'], { Name: 'core' });
  assert.equal(vpc.attributes['arn'], `arn:aws:ec2:eu-west-1:${MOTO_ACCOUNT}:vpc/${vpcId}`);

  const defaultVpc = snapshot.resources.find((r) => r.type === 'aws_vpc' && r.id !== vpcId);
  assert.ok(defaultVpc, 'moto creates a default VPC per region');
  assert.deepEqual(
    expectedUnmanaged.map((e) => e.address),
    [defaultVpc.address],
  );

  assert.deepEqual(snapshot.completeScopes, [{ type: 'aws_vpc', account: MOTO_ACCOUNT, region: 'eu-west-1' }]);
  assert.deepEqual(snapshot.incompleteScopes, []);
  assert.equal(apiCalls['ec2:DescribeVpcs'], 1, 'one bulk call lists every VPC');
  assert.equal(apiCalls['sts:GetCallerIdentity'], 1);
});

test('every EC2 type: an estate built through the API is observed with the provider attribute names and shapes', async () => {
  const client = ec2();
  const vpcId = (await client.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc?.VpcId ?? '';
  const subnetId =
    (
      await client.send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.1.0/24', AvailabilityZone: 'eu-west-1a' }),
      )
    ).Subnet?.SubnetId ?? '';
  const igwId = (await client.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId ?? '';
  await client.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  const rtbId = (await client.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable?.RouteTableId ?? '';
  await client.send(
    new CreateRouteCommand({ RouteTableId: rtbId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }),
  );
  const sgId =
    (await client.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web tier', VpcId: vpcId })))
      .GroupId ?? '';
  await client.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: sgId,
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'ssh' }] },
      ],
    }),
  );
  const allocationId = (await client.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId ?? '';
  const instanceId =
    (
      await client.send(
        new RunInstancesCommand({
          ImageId: 'ami-12345678',
          InstanceType: 't3.micro',
          MinCount: 1,
          MaxCount: 1,
          SubnetId: subnetId,
          SecurityGroupIds: [sgId],
        }),
      )
    ).Instances?.[0]?.InstanceId ?? '';
  const ltId =
    (
      await client.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: 'web',
          LaunchTemplateData: { ImageId: 'ami-12345678', InstanceType: 't3.small' },
        }),
      )
    ).LaunchTemplate?.LaunchTemplateId ?? '';
  const volumeId =
    (await client.send(new CreateVolumeCommand({ AvailabilityZone: 'eu-west-1a', Size: 20, VolumeType: 'gp3' })))
      .VolumeId ?? '';
  await client.send(new AttachVolumeCommand({ VolumeId: volumeId, InstanceId: instanceId, Device: '/dev/sdh' }));
  const snapshotId =
    (await client.send(new CreateSnapshotCommand({ VolumeId: volumeId, Description: 'nightly' }))).SnapshotId ?? '';

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: undefined });
  const find = (type: string, id: string): Resource => {
    const found = snapshot.resources.find((r) => r.type === type && r.id === id);
    assert.ok(found, `${type} ${id} is observed`);
    return found;
  };

  assert.equal(find('aws_subnet', subnetId).attributes['cidr_block'], '10.1.1.0/24');
  assert.equal(find('aws_subnet', subnetId).attributes['vpc_id'], vpcId);
  assert.equal(find('aws_internet_gateway', igwId).attributes['vpc_id'], vpcId);
  const routes = find('aws_route_table', rtbId).attributes['route'] as Record<string, string>[];
  assert.deepEqual(
    routes.map((r) => [r['cidr_block'], r['gateway_id']]),
    [['0.0.0.0/0', igwId]],
    'the local route is left out',
  );
  assert.equal(find('aws_eip', allocationId).attributes['domain'], 'vpc');

  const sg = find('aws_security_group', sgId);
  assert.equal(sg.attributes['name'], 'web');
  assert.deepEqual(sg.attributes['ingress'], [
    {
      from_port: 22,
      to_port: 22,
      protocol: 'tcp',
      cidr_blocks: ['0.0.0.0/0'],
      ipv6_cidr_blocks: [],
      prefix_list_ids: [],
      security_groups: [],
      self: false,
      description: 'ssh',
    },
  ]);
  const ingressRules = snapshot.resources.filter(
    (r) => r.type === 'aws_vpc_security_group_ingress_rule' && r.attributes['security_group_id'] === sgId,
  );
  assert.equal(ingressRules.length, 1);
  assert.equal(ingressRules[0]?.attributes['cidr_ipv4'], '0.0.0.0/0');
  assert.equal(ingressRules[0]?.attributes['from_port'], 22);
  const legacyRules = snapshot.resources.filter(
    (r) => r.type === 'aws_security_group_rule' && r.attributes['security_group_id'] === sgId,
  );
  assert.deepEqual(legacyRules.map((r) => r.attributes['type']).sort(), ['egress', 'ingress']);
  assert.match(legacyRules[0]?.id ?? '', /^sgrule-\d+$/);

  const instance = find('aws_instance', instanceId);
  assert.equal(instance.attributes['instance_type'], 't3.micro');
  assert.equal(instance.attributes['ami'], 'ami-12345678');
  assert.equal(instance.attributes['subnet_id'], subnetId);
  assert.deepEqual(instance.attributes['vpc_security_group_ids'], [sgId]);

  const lt = find('aws_launch_template', ltId);
  assert.equal(lt.attributes['name'], 'web');
  assert.equal(lt.attributes['instance_type'], 't3.small', 'read from the default version, listed in bulk');

  const volume = find('aws_ebs_volume', volumeId);
  assert.equal(volume.attributes['size'], 20);
  assert.equal(volume.attributes['type'], 'gp3');
  const attachment = snapshot.resources.find(
    (r) => r.type === 'aws_volume_attachment' && r.attributes['volume_id'] === volumeId,
  );
  assert.ok(attachment);
  assert.equal(attachment.attributes['instance_id'], instanceId);
  assert.equal(attachment.attributes['device_name'], '/dev/sdh');
  assert.match(attachment.id ?? '', /^vai-\d+$/);
  const snap = find('aws_ebs_snapshot', snapshotId);
  assert.equal(snap.attributes['volume_id'], volumeId);
  assert.equal(snap.attributes['description'], 'nightly');

  assert.deepEqual(snapshot.incompleteScopes, []);
  // Every scope of the scan is complete: one per catalogue type in one account and region (IAM: global).
  assert.equal(snapshot.completeScopes.length, CATALOGUE.length);

  // Bulk listing: one call per listing, shared by the types that use it.
  assert.equal(apiCalls['ec2:DescribeVolumes'], 1, 'volumes and attachments share one listing');
  assert.equal(apiCalls['ec2:DescribeSecurityGroups'], 1, 'groups and legacy rules share one listing');
  assert.equal(apiCalls['ec2:DescribeSecurityGroupRules'], 1, 'ingress and egress rules share one listing');
  assert.equal(apiCalls['ec2:DescribeInstances'], 1);
  assert.equal(apiCalls['ec2:DescribeVpcs'], 1, 'vpcs and internet gateways share one listing');
});
