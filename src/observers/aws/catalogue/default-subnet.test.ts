import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { defaultSubnet } from './default-subnet.js';

const observedItems = trackObservations(defaultSubnet);
const scope = { account: '123456789012', region: 'eu-west-1' };
const DEFAULT = {
  SubnetId: 'subnet-d',
  VpcId: 'vpc-d',
  CidrBlock: '172.31.0.0/20',
  AvailabilityZone: 'eu-west-1a',
  DefaultForAz: true,
  MapPublicIpOnLaunch: true,
};

test('aws_default_subnet observes default subnets only, with aws_subnet attributes, noise until adopted', async () => {
  const repos = { ec2: { subnets: async () => [DEFAULT, { SubnetId: 'subnet-1', DefaultForAz: false }] } } as never;
  assert.deepEqual(
    (await defaultSubnet.list(repos, scope)).map((s) => s.SubnetId),
    ['subnet-d'],
  );
  const o = defaultSubnet.observe(DEFAULT, scope);
  assert.equal(o.id, 'subnet-d');
  assert.equal(o.attributes['availability_zone'], 'eu-west-1a');
  assert.equal(o.attributes['map_public_ip_on_launch'], true);
  assert.match(o.noise ?? '', /aws_default_subnet/);
});

test('every provider attribute of aws_default_subnet is observed by these fixtures or declared with a reason', () => {
  assertAccounted(defaultSubnet, observedItems);
});
