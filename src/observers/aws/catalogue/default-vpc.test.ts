import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { defaultVpc } from './default-vpc.js';
import { vpc } from './vpc.js';

const observedItems = trackObservations(defaultVpc);
const scope = { account: '123456789012', region: 'eu-west-1' };
const DEFAULT = { VpcId: 'vpc-d', CidrBlock: '172.31.0.0/16', IsDefault: true, InstanceTenancy: 'default' as const };

test('aws_default_vpc observes the default VPC only, with aws_vpc attributes, noise until a state adopts it', async () => {
  const repos = { ec2: { vpcs: async () => [DEFAULT, { VpcId: 'vpc-1', IsDefault: false }] } } as never;
  assert.deepEqual(
    (await defaultVpc.list(repos, scope)).map((v) => v.VpcId),
    ['vpc-d'],
  );
  const o = defaultVpc.observe(DEFAULT, scope);
  assert.equal(o.id, 'vpc-d');
  assert.deepEqual(o.attributes, vpc.observe(DEFAULT, scope).attributes);
  assert.equal(o.attributes['cidr_block'], '172.31.0.0/16');
  assert.match(o.noise ?? '', /aws_default_vpc/);
  assert.equal(defaultVpc.prune, undefined, 'destroying it only forgets it: never pruned');
  assert.deepEqual(defaultVpc.deep?.attributes, vpc.deep?.attributes);
});

test('every provider attribute of aws_default_vpc is observed by these fixtures or declared with a reason', () => {
  assertAccounted(defaultVpc, observedItems);
});
