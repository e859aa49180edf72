/**
 * More EC2/VPC types for issue 15 (breadth-net, session 3), on the emulator: each type's resources
 * are created through the SDK, then observed with the provider's ids and attributes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AssociateDhcpOptionsCommand,
  CreateDhcpOptionsCommand,
  CreateEgressOnlyInternetGatewayCommand,
  CreateNetworkInterfaceCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcEndpointCommand,
  AttachVpnGatewayCommand,
  AllocateAddressCommand,
  AssociateAddressCommand,
  AssociateVpcCidrBlockCommand,
  AttachNetworkInterfaceCommand,
  CreateTagsCommand,
  CreateTransitGatewayCommand,
  RunInstancesCommand,
  CreateImageCommand,
  CreateCustomerGatewayCommand,
  CreateFlowLogsCommand,
  CreateVpcPeeringConnectionCommand,
  CreateVpnGatewayCommand,
  CreateVpcCommand,
  EC2Client,
  ImportKeyPairCommand,
} from '@aws-sdk/client-ec2';
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { observeAws } from '../src/observers/aws/observe.js';
import { useMoto } from './aws-support.js';

const env = useMoto();
const ec2 = (region = 'eu-west-1') => new EC2Client(env.moto.clientConfig(region));

async function vpc(cidr: string): Promise<string> {
  return (await ec2().send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId ?? '';
}

test('aws_egress_only_internet_gateway: the attached VPC and tags, one DescribeEgressOnlyInternetGateways', async () => {
  const vpcId = await vpc('10.40.0.0/16');
  const id =
    (
      await ec2().send(
        new CreateEgressOnlyInternetGatewayCommand({
          VpcId: vpcId,
          TagSpecifications: [{ ResourceType: 'egress-only-internet-gateway', Tags: [{ Key: 'Name', Value: 'v6' }] }],
        }),
      )
    ).EgressOnlyInternetGateway?.EgressOnlyInternetGatewayId ?? '';
  const { snapshot, apiCalls } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_egress_only_internet_gateway'],
  });
  const gateway = snapshot.resources.find((r) => r.type === 'aws_egress_only_internet_gateway' && r.id === id);
  assert.ok(gateway, 'the gateway is observed by its id');
  assert.deepEqual(gateway.attributes, { id, vpc_id: vpcId, tags: { Name: 'v6' }, tags_all: { Name: 'v6' } });
  assert.equal(apiCalls['ec2:DescribeEgressOnlyInternetGateways'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_key_pair: DescribeKeyPairs in one call, the ARN from the key name, the public key never read', async () => {
  const material = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO9zYHk7m2Ow0H9hBRWbZ0jzq5y1pX5w9gQk3hX0m2S0 test@x';
  await ec2().send(
    new ImportKeyPairCommand({
      KeyName: 'deploy-key',
      PublicKeyMaterial: new TextEncoder().encode(material),
      TagSpecifications: [{ ResourceType: 'key-pair', Tags: [{ Key: 'team', Value: 'ops' }] }],
    }),
  );
  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_key_pair'] });
  const key = snapshot.resources.find((r) => r.type === 'aws_key_pair' && r.id === 'deploy-key');
  assert.ok(key, 'the key pair is observed by its name');
  assert.equal(key.attributes['key_name'], 'deploy-key');
  assert.match(String(key.attributes['arn']), /^arn:aws:ec2:eu-west-1:\d{12}:key-pair\/deploy-key$/);
  assert.match(String(key.attributes['key_pair_id']), /^key-/);
  assert.notEqual(key.attributes['fingerprint'], '');
  assert.deepEqual(key.attributes['tags'], { team: 'ops' });
  assert.equal('public_key' in key.attributes, false);
  assert.equal(apiCalls['ec2:DescribeKeyPairs'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_vpc_dhcp_options and aws_vpc_dhcp_options_association: options as the provider stores them, one association per VPC', async () => {
  const vpcId = await vpc('10.41.0.0/16');
  const bare = await vpc('10.42.0.0/16');
  const optionsId =
    (
      await ec2().send(
        new CreateDhcpOptionsCommand({
          DhcpConfigurations: [
            { Key: 'domain-name', Values: ['corp.example'] },
            { Key: 'domain-name-servers', Values: ['10.41.0.2', '10.41.0.3'] },
          ],
        }),
      )
    ).DhcpOptions?.DhcpOptionsId ?? '';
  await ec2().send(new AssociateDhcpOptionsCommand({ DhcpOptionsId: optionsId, VpcId: vpcId }));

  const { snapshot, apiCalls, expectedUnmanaged } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_vpc_dhcp_options', 'aws_vpc_dhcp_options_association'],
  });
  const find = (type: string, id: string) => snapshot.resources.find((r) => r.type === type && r.id === id);
  const options = find('aws_vpc_dhcp_options', optionsId);
  assert.ok(options, 'the options set is observed');
  assert.equal(options.attributes['domain_name'], 'corp.example');
  assert.deepEqual(options.attributes['domain_name_servers'], ['10.41.0.2', '10.41.0.3']);
  assert.deepEqual(options.attributes['ntp_servers'], []);
  assert.equal(options.attributes['netbios_node_type'], '');

  const association = find('aws_vpc_dhcp_options_association', `${optionsId}-${vpcId}`);
  assert.ok(association, 'the association is observed under the provider id');
  assert.deepEqual(association.attributes, {
    id: `${optionsId}-${vpcId}`,
    dhcp_options_id: optionsId,
    vpc_id: vpcId,
  });
  assert.ok(!expectedUnmanaged.some((e) => e.address === association.address), 'a set associated by hand is not noise');
  // A VPC with no options set: observed, and noise with the reason.
  const none = snapshot.resources.find(
    (r) => r.type === 'aws_vpc_dhcp_options_association' && r.attributes['vpc_id'] === bare,
  );
  assert.ok(none, 'the VPC without options is observed too');
  assert.ok(expectedUnmanaged.some((e) => e.address === none.address && /no DHCP options set/.test(e.why)));

  assert.equal(apiCalls['ec2:DescribeVpcs'], 1, 'one VPC listing serves both types');
  assert.equal(apiCalls['ec2:DescribeDhcpOptions'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_vpc_endpoint and aws_network_interface: gateway and interface endpoints; one interface listing serves both types', async () => {
  const vpcId = await vpc('10.43.0.0/16');
  const subnetId =
    (
      await ec2().send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.43.1.0/24', AvailabilityZone: 'eu-west-1a' }),
      )
    ).Subnet?.SubnetId ?? '';
  const rtbId = (await ec2().send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable?.RouteTableId ?? '';
  const sgId = (await ec2().send(new CreateSecurityGroupCommand({ GroupName: 'ep', Description: 'ep', VpcId: vpcId })))
    .GroupId!;
  const gatewayId =
    (
      await ec2().send(
        new CreateVpcEndpointCommand({
          VpcId: vpcId,
          ServiceName: 'com.amazonaws.eu-west-1.s3',
          VpcEndpointType: 'Gateway',
          RouteTableIds: [rtbId],
        }),
      )
    ).VpcEndpoint?.VpcEndpointId ?? '';
  const interfaceId =
    (
      await ec2().send(
        new CreateVpcEndpointCommand({
          VpcId: vpcId,
          ServiceName: 'com.amazonaws.eu-west-1.ssm',
          VpcEndpointType: 'Interface',
          SubnetIds: [subnetId],
          SecurityGroupIds: [sgId],
          PrivateDnsEnabled: true,
        }),
      )
    ).VpcEndpoint?.VpcEndpointId ?? '';
  const eniId =
    (
      await ec2().send(
        new CreateNetworkInterfaceCommand({
          SubnetId: subnetId,
          Description: 'app',
          Groups: [sgId],
          PrivateIpAddress: '10.43.1.50',
          TagSpecifications: [{ ResourceType: 'network-interface', Tags: [{ Key: 'Name', Value: 'app' }] }],
        }),
      )
    ).NetworkInterface?.NetworkInterfaceId ?? '';

  const { snapshot, apiCalls } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_vpc_endpoint', 'aws_network_interface'],
  });
  const find = (type: string, id: string) => snapshot.resources.find((r) => r.type === type && r.id === id);

  const gateway = find('aws_vpc_endpoint', gatewayId);
  assert.ok(gateway, 'the gateway endpoint is observed');
  assert.equal(gateway.attributes['vpc_endpoint_type'], 'Gateway');
  assert.equal(gateway.attributes['service_name'], 'com.amazonaws.eu-west-1.s3');
  assert.deepEqual(gateway.attributes['route_table_ids'], [rtbId]);
  assert.match(String(gateway.attributes['prefix_list_id']), /^pl-/, 'the S3 prefix list, found by service name');
  // The emulator's S3 prefix list has no CIDRs; the mapping of returned CIDRs is in the unit test.
  assert.ok(Array.isArray(gateway.attributes['cidr_blocks']));
  assert.match(String(gateway.attributes['policy']), /"Statement"/);

  const iface = find('aws_vpc_endpoint', interfaceId);
  assert.ok(iface, 'the interface endpoint is observed');
  assert.deepEqual(iface.attributes['subnet_ids'], [subnetId]);
  assert.deepEqual(iface.attributes['security_group_ids'], [sgId]);
  assert.equal(iface.attributes['private_dns_enabled'], true);
  const endpointEnis = iface.attributes['network_interface_ids'] as string[];
  assert.equal(endpointEnis.length, 1);
  const configuration = iface.attributes['subnet_configuration'] as Array<Record<string, string>>;
  assert.equal(configuration.length, 1);
  assert.equal(configuration[0]?.['subnet_id'], subnetId);
  const endpointEni = find('aws_network_interface', endpointEnis[0] ?? '');
  assert.ok(endpointEni, "the endpoint's interface is in the same listing");
  assert.equal(configuration[0]?.['ipv4'], endpointEni.attributes['private_ip']);

  const eni = find('aws_network_interface', eniId);
  assert.ok(eni, 'the interface is observed');
  assert.equal(eni.attributes['subnet_id'], subnetId);
  assert.equal(eni.attributes['private_ip'], '10.43.1.50');
  assert.deepEqual(eni.attributes['private_ips'], ['10.43.1.50']);
  assert.equal(eni.attributes['private_ips_count'], 0);
  assert.deepEqual(eni.attributes['security_groups'], [sgId]);
  assert.equal(eni.attributes['description'], 'app');
  assert.deepEqual(eni.attributes['attachment'], []);
  assert.deepEqual(eni.attributes['tags'], { Name: 'app' });

  assert.equal(apiCalls['ec2:DescribeNetworkInterfaces'], 1, 'one interface listing serves both types');
  assert.equal(apiCalls['ec2:DescribeVpcEndpoints'], 1);
  assert.equal(apiCalls['ec2:DescribePrefixLists'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_vpc_peering_connection, aws_flow_log, aws_customer_gateway, aws_vpn_gateway: as the provider reads them', async () => {
  const vpcA = await vpc('10.44.0.0/16');
  const vpcB = await vpc('10.45.0.0/16');
  const peeringId =
    (await ec2().send(new CreateVpcPeeringConnectionCommand({ VpcId: vpcA, PeerVpcId: vpcB }))).VpcPeeringConnection
      ?.VpcPeeringConnectionId ?? '';
  await new CloudWatchLogsClient(env.moto.clientConfig('eu-west-1')).send(
    new CreateLogGroupCommand({ logGroupName: 'flows' }),
  );
  const flowLogId =
    (
      await ec2().send(
        new CreateFlowLogsCommand({
          ResourceIds: [vpcA],
          ResourceType: 'VPC',
          TrafficType: 'REJECT',
          LogGroupName: 'flows',
          DeliverLogsPermissionArn: 'arn:aws:iam::123456789012:role/flows',
        }),
      )
    ).FlowLogIds?.[0] ?? '';
  const cgwId =
    (await ec2().send(new CreateCustomerGatewayCommand({ Type: 'ipsec.1', BgpAsn: 65010, IpAddress: '198.51.100.7' })))
      .CustomerGateway?.CustomerGatewayId ?? '';
  const vgwId =
    (await ec2().send(new CreateVpnGatewayCommand({ Type: 'ipsec.1', AmazonSideAsn: 64600 }))).VpnGateway
      ?.VpnGatewayId ?? '';
  await ec2().send(new AttachVpnGatewayCommand({ VpnGatewayId: vgwId, VpcId: vpcB }));

  const types = ['aws_vpc_peering_connection', 'aws_flow_log', 'aws_customer_gateway', 'aws_vpn_gateway'];
  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types });
  const find = (type: string, id: string) => snapshot.resources.find((r) => r.type === type && r.id === id);

  const peering = find('aws_vpc_peering_connection', peeringId);
  assert.ok(peering, 'the peering connection is observed');
  assert.equal(peering.attributes['vpc_id'], vpcA);
  assert.equal(peering.attributes['peer_vpc_id'], vpcB);
  assert.equal(peering.attributes['peer_region'], 'eu-west-1');
  assert.match(String(peering.attributes['accept_status']), /^(active|pending-acceptance)$/);

  const flow = find('aws_flow_log', flowLogId);
  assert.ok(flow, 'the flow log is observed');
  assert.equal(flow.attributes['vpc_id'], vpcA);
  assert.equal(flow.attributes['subnet_id'], '');
  assert.equal(flow.attributes['traffic_type'], 'REJECT');
  assert.equal(flow.attributes['log_group_name'], 'flows');
  assert.equal(flow.attributes['iam_role_arn'], 'arn:aws:iam::123456789012:role/flows');

  const cgw = find('aws_customer_gateway', cgwId);
  assert.ok(cgw, 'the customer gateway is observed');
  assert.equal(cgw.attributes['bgp_asn'], '65010');
  assert.equal(cgw.attributes['ip_address'], '198.51.100.7');
  assert.equal(cgw.attributes['type'], 'ipsec.1');

  const vgw = find('aws_vpn_gateway', vgwId);
  assert.ok(vgw, 'the VPN gateway is observed');
  assert.equal(vgw.attributes['amazon_side_asn'], '64600');
  assert.equal(vgw.attributes['vpc_id'], vpcB);

  for (const call of [
    'ec2:DescribeVpcPeeringConnections',
    'ec2:DescribeFlowLogs',
    'ec2:DescribeCustomerGateways',
    'ec2:DescribeVpnGateways',
  ])
    assert.equal(apiCalls[call], 1, call);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_ec2_transit_gateway, aws_eip_association, aws_network_interface_attachment, aws_vpc_ipv4_cidr_block_association, aws_ec2_tag: children observed under provider ids, noise where part of a parent', async () => {
  const vpcId = await vpc('10.46.0.0/16');
  const subnetId =
    (
      await ec2().send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.46.1.0/24', AvailabilityZone: 'eu-west-1a' }),
      )
    ).Subnet?.SubnetId ?? '';
  const secondaryCidr = (
    await ec2().send(new AssociateVpcCidrBlockCommand({ VpcId: vpcId, CidrBlock: '10.47.0.0/16' }))
  ).CidrBlockAssociation?.AssociationId;
  const tgwId =
    (await ec2().send(new CreateTransitGatewayCommand({ Description: 'hub', Options: { AmazonSideAsn: 64513 } })))
      .TransitGateway?.TransitGatewayId ?? '';
  const instanceId =
    (
      await ec2().send(
        new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, SubnetId: subnetId }),
      )
    ).Instances?.[0]?.InstanceId ?? '';
  const eniId =
    (await ec2().send(new CreateNetworkInterfaceCommand({ SubnetId: subnetId }))).NetworkInterface
      ?.NetworkInterfaceId ?? '';
  const attachmentId =
    (
      await ec2().send(
        new AttachNetworkInterfaceCommand({ NetworkInterfaceId: eniId, InstanceId: instanceId, DeviceIndex: 1 }),
      )
    ).AttachmentId ?? '';
  const allocationId = (await ec2().send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId ?? '';
  const associationId =
    (await ec2().send(new AssociateAddressCommand({ AllocationId: allocationId, InstanceId: instanceId })))
      .AssociationId ?? '';
  await ec2().send(new CreateTagsCommand({ Resources: [vpcId], Tags: [{ Key: 'cost-center', Value: 'net' }] }));

  const types = [
    'aws_ec2_transit_gateway',
    'aws_eip_association',
    'aws_network_interface_attachment',
    'aws_vpc_ipv4_cidr_block_association',
    'aws_ec2_tag',
  ];
  const { snapshot, apiCalls, expectedUnmanaged } = await observeAws({ regions: ['eu-west-1'], types });
  const find = (type: string, id: string) => snapshot.resources.find((r) => r.type === type && r.id === id);
  const noiseOf = (address: string) => expectedUnmanaged.find((e) => e.address === address)?.why ?? '';

  const tgw = find('aws_ec2_transit_gateway', tgwId);
  assert.ok(tgw, 'the transit gateway is observed');
  assert.equal(tgw.attributes['description'], 'hub');
  assert.equal(tgw.attributes['amazon_side_asn'], 64513);
  assert.equal(noiseOf(tgw.address), '');

  const association = find('aws_eip_association', associationId);
  assert.ok(association, 'the address association is observed by its id');
  assert.equal(association.attributes['allocation_id'], allocationId);
  assert.equal(association.attributes['instance_id'], instanceId);
  assert.match(noiseOf(association.address), /aws_eip/);

  const attachment = find('aws_network_interface_attachment', attachmentId);
  assert.ok(attachment, 'the interface attachment is observed by its id');
  assert.equal(attachment.attributes['network_interface_id'], eniId);
  assert.equal(attachment.attributes['instance_id'], instanceId);
  assert.equal(attachment.attributes['device_index'], 1);
  assert.match(noiseOf(attachment.address), /aws_network_interface\.attachment/);

  const cidr = find('aws_vpc_ipv4_cidr_block_association', secondaryCidr ?? '');
  assert.ok(cidr, 'the secondary CIDR association is observed');
  assert.deepEqual(cidr.attributes, { id: secondaryCidr, cidr_block: '10.47.0.0/16', vpc_id: vpcId });
  assert.equal(noiseOf(cidr.address), '', 'a secondary CIDR no state manages is a finding');
  const primary = snapshot.resources.find(
    (r) => r.type === 'aws_vpc_ipv4_cidr_block_association' && r.attributes['cidr_block'] === '10.46.0.0/16',
  );
  assert.ok(primary, 'the primary CIDR association is observed');
  assert.match(noiseOf(primary.address), /aws_vpc\.cidr_block/);

  const tag = find('aws_ec2_tag', `${vpcId},cost-center`);
  assert.ok(tag, 'the tag is observed under <resource>,<key>');
  assert.equal(tag.attributes['value'], 'net');
  assert.match(noiseOf(tag.address), /tags/);

  assert.equal(apiCalls['ec2:DescribeTransitGateways'], 1);
  assert.equal(apiCalls['ec2:DescribeAddresses'], 1);
  assert.equal(apiCalls['ec2:DescribeNetworkInterfaces'], 1);
  assert.equal(apiCalls['ec2:DescribeVpcs'], 1);
  assert.equal(apiCalls['ec2:DescribeTags'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test("aws_ami: this account's images only (Owners self), as the provider reads them", async () => {
  const instanceId =
    (await ec2().send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1 }))).Instances?.[0]
      ?.InstanceId ?? '';
  const imageId =
    (await ec2().send(new CreateImageCommand({ InstanceId: instanceId, Name: 'app-image', Description: 'app' })))
      .ImageId ?? '';
  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_ami'] });
  const image = snapshot.resources.find((r) => r.type === 'aws_ami' && r.id === imageId);
  assert.ok(image, 'the image is observed');
  assert.equal(image.attributes['name'], 'app-image');
  assert.equal(image.attributes['description'], 'app');
  assert.equal(image.attributes['arn'], `arn:aws:ec2:eu-west-1::image/${imageId}`);
  assert.ok(
    !snapshot.resources.some((r) => r.type === 'aws_ami' && r.id === 'ami-12c6146b'),
    "the emulator's public images are not this account's",
  );
  assert.equal(apiCalls['ec2:DescribeImages'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});
