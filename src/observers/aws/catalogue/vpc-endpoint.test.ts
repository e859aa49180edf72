import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { vpcEndpoint } from './vpc-endpoint.js';

const observedItems = trackObservations(vpcEndpoint);
const scope = { account: '123456789012', region: 'eu-west-1' };
const policy = '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}';

test('aws_vpc_endpoint (Gateway): prefix list by service name gives cidr_blocks and prefix_list_id', () => {
  const o = vpcEndpoint.observe(
    {
      endpoint: {
        VpcEndpointId: 'vpce-1',
        VpcEndpointType: 'Gateway',
        VpcId: 'vpc-1',
        ServiceName: 'com.amazonaws.eu-west-1.s3',
        // AWS returns it lowercase; the SDK's enum spells it capitalized.
        State: 'available' as 'Available',
        PolicyDocument: policy,
        RouteTableIds: ['rtb-2', 'rtb-1'],
        OwnerId: '123456789012',
        IpAddressType: 'ipv4',
        Tags: [{ Key: 'Name', Value: 's3' }],
      },
      prefixLists: new Map([
        ['com.amazonaws.eu-west-1.s3', { PrefixListId: 'pl-6da54004', PrefixListName: 'x', Cidrs: ['52.218.0.0/17'] }],
      ]),
      interfaces: new Map(),
    },
    scope,
  );
  assert.deepEqual(o.attributes, {
    id: 'vpce-1',
    arn: 'arn:aws:ec2:eu-west-1:123456789012:vpc-endpoint/vpce-1',
    cidr_blocks: ['52.218.0.0/17'],
    dns_entry: [],
    dns_options: [],
    ip_address_type: 'ipv4',
    network_interface_ids: [],
    owner_id: '123456789012',
    policy,
    prefix_list_id: 'pl-6da54004',
    private_dns_enabled: false,
    requester_managed: false,
    resource_configuration_arn: '',
    route_table_ids: ['rtb-1', 'rtb-2'],
    security_group_ids: [],
    service_name: 'com.amazonaws.eu-west-1.s3',
    service_network_arn: '',
    service_region: '',
    state: 'available',
    subnet_configuration: [],
    subnet_ids: [],
    vpc_endpoint_type: 'Gateway',
    vpc_id: 'vpc-1',
    tags: { Name: 's3' },
    tags_all: { Name: 's3' },
  });
  assert.equal(o.noise, undefined);
});

test('aws_vpc_endpoint (Interface): DNS entries and options, groups, subnet_configuration from its interfaces', () => {
  const o = vpcEndpoint.observe(
    {
      endpoint: {
        VpcEndpointId: 'vpce-2',
        VpcEndpointType: 'Interface',
        VpcId: 'vpc-1',
        ServiceName: 'com.amazonaws.eu-west-1.ssm',
        PrivateDnsEnabled: true,
        SubnetIds: ['subnet-b', 'subnet-a'],
        NetworkInterfaceIds: ['eni-2', 'eni-1'],
        Groups: [{ GroupId: 'sg-1', GroupName: 'endpoints' }],
        DnsEntries: [{ DnsName: 'vpce-2.ssm.eu-west-1.vpce.amazonaws.com', HostedZoneId: 'Z7HUB22UULQXV' }],
        DnsOptions: { DnsRecordIpType: 'ipv4' },
      },
      prefixLists: new Map(),
      interfaces: new Map([
        ['eni-1', { NetworkInterfaceId: 'eni-1', SubnetId: 'subnet-a', PrivateIpAddress: '10.0.1.5' }],
        ['eni-2', { NetworkInterfaceId: 'eni-2', SubnetId: 'subnet-b', PrivateIpAddress: '10.0.2.5' }],
      ]),
    },
    scope,
  );
  assert.deepEqual(o.attributes['dns_entry'], [
    { dns_name: 'vpce-2.ssm.eu-west-1.vpce.amazonaws.com', hosted_zone_id: 'Z7HUB22UULQXV' },
  ]);
  assert.deepEqual(o.attributes['dns_options'], [
    {
      dns_record_ip_type: 'ipv4',
      private_dns_only_for_inbound_resolver_endpoint: false,
    },
  ]);
  assert.deepEqual(o.attributes['subnet_configuration'], [
    { ipv4: '10.0.1.5', ipv6: '', subnet_id: 'subnet-a' },
    { ipv4: '10.0.2.5', ipv6: '', subnet_id: 'subnet-b' },
  ]);
  assert.deepEqual(o.attributes['security_group_ids'], ['sg-1']);
  assert.deepEqual(o.attributes['network_interface_ids'], ['eni-1', 'eni-2']);
  // No prefix list for an interface service: the provider sets cidr_blocks to null.
  assert.deepEqual(o.attributes['cidr_blocks'], []);
  assert.equal(o.attributes['private_dns_enabled'], true);
});

test('aws_vpc_endpoint: an empty type reads as Gateway; requester-managed endpoints are noise', () => {
  const o = vpcEndpoint.observe(
    {
      endpoint: { VpcEndpointId: 'vpce-3', VpcId: 'vpc-1', RequesterManaged: true },
      prefixLists: new Map(),
      interfaces: new Map(),
    },
    scope,
  );
  assert.equal(o.attributes['vpc_endpoint_type'], 'Gateway');
  assert.match(o.noise ?? '', /AWS service/);
});

test('aws_vpc_endpoint prune deletes the endpoint', () => {
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const finding = {
    resource: { type: 'aws_vpc_endpoint', id: 'vpce-1', region: 'eu-west-1' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(vpcEndpoint.prune!.plan(finding, ctx), {
    calls: [
      { service: 'ec2', operation: 'DeleteVpcEndpoints', region: 'eu-west-1', input: { VpcEndpointIds: ['vpce-1'] } },
    ],
  });
});

test('every provider attribute of aws_vpc_endpoint is observed by these fixtures or declared with a reason', () => {
  assertAccounted(vpcEndpoint, observedItems);
});
