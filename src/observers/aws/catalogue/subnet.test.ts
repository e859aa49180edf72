import { test } from 'node:test';
import assert from 'node:assert/strict';
import { subnet } from './subnet.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(subnet);

const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_subnet maps DescribeSubnets; default subnets are expected noise', () => {
  const o = subnet.observe(
    {
      SubnetId: 'subnet-1',
      SubnetArn: 'arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-1',
      VpcId: 'vpc-1',
      CidrBlock: '10.0.1.0/24',
      AvailabilityZone: 'eu-west-1a',
      MapPublicIpOnLaunch: true,
      Tags: [{ Key: 'Name', Value: 'a' }],
    },
    scope,
  );
  assert.equal(o.id, 'subnet-1');
  assert.equal(o.attributes['vpc_id'], 'vpc-1');
  assert.equal(o.attributes['cidr_block'], '10.0.1.0/24');
  assert.equal(o.attributes['map_public_ip_on_launch'], true);
  assert.equal(o.attributes['assign_ipv6_address_on_creation'], false);
  assert.deepEqual(o.attributes['tags_all'], { Name: 'a' });
  assert.equal(o.noise, undefined);
  assert.match(subnet.observe({ SubnetId: 'subnet-d', DefaultForAz: true }, scope).noise ?? '', /default subnet/);
});

test('every provider attribute of aws_subnet is observed by these fixtures or declared with a reason', () => {
  assertAccounted(subnet, observedItems);
});
