import { test } from 'node:test';
import assert from 'node:assert/strict';
import { vpc } from './vpc.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(vpc);

const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_vpc maps DescribeVpcs to the provider attributes, without aws: tags', () => {
  const observed = vpc.observe(
    {
      VpcId: 'vpc-1',
      CidrBlock: '10.0.0.0/16',
      InstanceTenancy: 'default',
      DhcpOptionsId: 'dopt-1',
      OwnerId: '123456789012',
      IsDefault: false,
      Tags: [
        { Key: 'Name', Value: 'main' },
        { Key: 'aws:cloudformation:stack-name', Value: 'x' },
      ],
    },
    scope,
  );
  assert.equal(observed.id, 'vpc-1');
  assert.deepEqual(observed.attributes, {
    id: 'vpc-1',
    arn: 'arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-1',
    cidr_block: '10.0.0.0/16',
    instance_tenancy: 'default',
    dhcp_options_id: 'dopt-1',
    owner_id: '123456789012',
    ipv6_cidr_block: '',
    ipv6_association_id: '',
    tags: { Name: 'main' },
    tags_all: { Name: 'main' },
  });
  assert.equal(observed.noise, undefined);
});

test('aws_vpc marks the default VPC as expected-unmanaged noise and reads its associated IPv6 block', () => {
  const observed = vpc.observe(
    {
      VpcId: 'vpc-d',
      CidrBlock: '172.31.0.0/16',
      IsDefault: true,
      Ipv6CidrBlockAssociationSet: [
        { Ipv6CidrBlock: '2a05::/56', AssociationId: 'a-old', Ipv6CidrBlockState: { State: 'disassociated' } },
        { Ipv6CidrBlock: '2a05:1::/56', AssociationId: 'a-1', Ipv6CidrBlockState: { State: 'associated' } },
      ],
    },
    scope,
  );
  assert.match(observed.noise ?? '', /default VPC/);
  assert.equal(observed.attributes['ipv6_cidr_block'], '2a05:1::/56');
  assert.equal(observed.attributes['ipv6_association_id'], 'a-1');
});

test('every provider attribute of aws_vpc is observed by these fixtures or declared with a reason', () => {
  assertAccounted(vpc, observedItems);
});
