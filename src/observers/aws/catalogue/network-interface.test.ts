import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { networkInterface } from './network-interface.js';

const observedItems = trackObservations(networkInterface);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_network_interface maps addresses, attachment and groups as the provider stores them', () => {
  const o = networkInterface.observe(
    {
      NetworkInterfaceId: 'eni-1',
      OwnerId: '123456789012',
      SubnetId: 'subnet-1',
      Description: 'app',
      InterfaceType: 'interface',
      MacAddress: '02:00:00:00:00:01',
      PrivateDnsName: 'ip-10-0-1-10.eu-west-1.compute.internal',
      PrivateIpAddress: '10.0.1.10',
      PrivateIpAddresses: [
        { PrivateIpAddress: '10.0.1.10', Primary: true },
        { PrivateIpAddress: '10.0.1.9', Primary: false },
      ],
      Groups: [{ GroupId: 'sg-2' }, { GroupId: 'sg-1' }],
      SourceDestCheck: false,
      Attachment: { AttachmentId: 'eni-attach-1', DeviceIndex: 1, InstanceId: 'i-1', Status: 'attached' },
      TagSet: [{ Key: 'Name', Value: 'app' }],
    },
    scope,
  );
  assert.deepEqual(o.attributes, {
    id: 'eni-1',
    arn: 'arn:aws:ec2:eu-west-1:123456789012:network-interface/eni-1',
    attachment: [{ attachment_id: 'eni-attach-1', device_index: 1, instance: 'i-1' }],
    description: 'app',
    interface_type: 'interface',
    ipv4_prefixes: [],
    ipv4_prefix_count: 0,
    ipv6_address_count: 0,
    ipv6_address_list: [],
    ipv6_addresses: [],
    ipv6_prefixes: [],
    ipv6_prefix_count: 0,
    mac_address: '02:00:00:00:00:01',
    outpost_arn: '',
    owner_id: '123456789012',
    private_dns_name: 'ip-10-0-1-10.eu-west-1.compute.internal',
    private_ip: '10.0.1.10',
    private_ips: ['10.0.1.10', '10.0.1.9'],
    private_ips_count: 1,
    private_ip_list: ['10.0.1.10', '10.0.1.9'],
    security_groups: ['sg-1', 'sg-2'],
    source_dest_check: false,
    subnet_id: 'subnet-1',
    tags: { Name: 'app' },
    tags_all: { Name: 'app' },
  });
  assert.equal(o.noise, undefined, 'an interface attached as a secondary one by hand is a finding');
});

test('aws_network_interface: interfaces AWS makes are noise with their reason', () => {
  const noise = (i: object) => networkInterface.observe({ NetworkInterfaceId: 'eni-x', ...i }, scope).noise ?? '';
  assert.match(noise({ RequesterManaged: true, InterfaceType: 'interface' }), /AWS service/);
  assert.match(noise({ InterfaceType: 'nat_gateway' }), /nat_gateway/);
  assert.match(noise({ Attachment: { DeviceIndex: 0, InstanceId: 'i-1' } }), /aws_instance/);
  assert.equal(noise({ InterfaceType: 'interface' }), '');
});

test('aws_network_interface prune deletes the interface', () => {
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const finding = {
    resource: { type: 'aws_network_interface', id: 'eni-1', region: 'eu-west-1' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(networkInterface.prune!.plan(finding, ctx), {
    calls: [
      {
        service: 'ec2',
        operation: 'DeleteNetworkInterface',
        region: 'eu-west-1',
        input: { NetworkInterfaceId: 'eni-1' },
      },
    ],
  });
});

test('every provider attribute of aws_network_interface is observed by these fixtures or declared with a reason', () => {
  assertAccounted(networkInterface, observedItems);
});
