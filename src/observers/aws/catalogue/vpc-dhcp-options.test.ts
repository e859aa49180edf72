import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { vpcDhcpOptions } from './vpc-dhcp-options.js';

const observedItems = trackObservations(vpcDhcpOptions);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_vpc_dhcp_options: configurations to the provider attributes, options not returned reset to "" and []', () => {
  const o = vpcDhcpOptions.observe(
    {
      options: {
        DhcpOptionsId: 'dopt-1',
        OwnerId: '123456789012',
        DhcpConfigurations: [
          { Key: 'domain-name', Values: [{ Value: 'corp.example' }] },
          { Key: 'domain-name-servers', Values: [{ Value: '10.0.0.2' }, { Value: '10.0.0.1' }] },
          { Key: 'netbios-node-type', Values: [{ Value: '2' }] },
        ],
        Tags: [{ Key: 'Name', Value: 'corp' }],
      },
      defaultVpcOptionIds: new Set(['dopt-aws']),
    },
    scope,
  );
  assert.deepEqual(o.attributes, {
    id: 'dopt-1',
    arn: 'arn:aws:ec2:eu-west-1:123456789012:dhcp-options/dopt-1',
    owner_id: '123456789012',
    domain_name: 'corp.example',
    // A list keeps the API's order, as the provider's TypeList does.
    domain_name_servers: ['10.0.0.2', '10.0.0.1'],
    ipv6_address_preferred_lease_time: '',
    netbios_name_servers: [],
    netbios_node_type: '2',
    ntp_servers: [],
    tags: { Name: 'corp' },
    tags_all: { Name: 'corp' },
  });
  assert.equal(o.noise, undefined);
});

test('aws_vpc_dhcp_options: the set of the default VPC is AWS-made noise', () => {
  const o = vpcDhcpOptions.observe(
    {
      options: {
        DhcpOptionsId: 'dopt-aws',
        DhcpConfigurations: [
          { Key: 'domain-name', Values: [{ Value: 'eu-west-1.compute.internal' }] },
          { Key: 'domain-name-servers', Values: [{ Value: 'AmazonProvidedDNS' }] },
        ],
      },
      defaultVpcOptionIds: new Set(['dopt-aws']),
    },
    scope,
  );
  assert.match(o.noise ?? '', /default VPC/);
  // The emulator returns no OwnerId: the provider then builds the ARN with an empty account.
  assert.equal(o.attributes['owner_id'], '');
});

test('aws_vpc_dhcp_options: tag revert and prune plans', () => {
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const resource = { type: 'aws_vpc_dhcp_options', id: 'dopt-1', region: 'eu-west-1', address: 'x' };
  assert.deepEqual(vpcDhcpOptions.prune!.plan({ resource, kind: 'unmanaged', changes: [] } as never, ctx), {
    calls: [
      { service: 'ec2', operation: 'DeleteDhcpOptions', region: 'eu-west-1', input: { DhcpOptionsId: 'dopt-1' } },
    ],
  });
  const reverted = vpcDhcpOptions.revert!.plan(
    {
      resource,
      kind: 'configuration',
      changes: [{ path: 'tags.Name', recorded: 'corp', observed: 'x', sensitive: false }],
    } as never,
    ctx,
  );
  assert.deepEqual(reverted, {
    calls: [
      {
        service: 'ec2',
        operation: 'CreateTags',
        region: 'eu-west-1',
        input: { Resources: ['dopt-1'], Tags: [{ Key: 'Name', Value: 'corp' }] },
      },
    ],
  });
});

test('every provider attribute of aws_vpc_dhcp_options is observed by these fixtures or declared with a reason', () => {
  assertAccounted(vpcDhcpOptions, observedItems);
});
