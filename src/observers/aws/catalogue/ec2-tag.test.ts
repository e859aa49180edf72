import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { ec2Tag, ec2TagId } from './ec2-tag.js';

const observedItems = trackObservations(ec2Tag);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_ec2_tag: id <resource>,<key>; every tag is noise as part of its resource', () => {
  const o = ec2Tag.observe({ ResourceId: 'vpc-1', ResourceType: 'vpc', Key: 'env', Value: 'prod' }, scope);
  assert.equal(o.id, 'vpc-1,env');
  assert.equal(ec2TagId('vpc-1', 'env'), o.id);
  assert.deepEqual(o.attributes, { id: 'vpc-1,env', key: 'env', resource_id: 'vpc-1', value: 'prod' });
  assert.match(o.noise ?? '', /part of its vpc's tags/);
});

test('aws_ec2_tag revert puts the recorded value back; a key with commas keeps them', () => {
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const plan = ec2Tag.revert!.plan(
    {
      resource: { type: 'aws_ec2_tag', id: 'i-1,cost,center', region: 'eu-west-1' },
      kind: 'configuration',
      changes: [{ path: 'value', recorded: 'ops', observed: 'dev', sensitive: false }],
    } as never,
    ctx,
  );
  assert.deepEqual(plan, {
    calls: [
      {
        service: 'ec2',
        operation: 'CreateTags',
        region: 'eu-west-1',
        input: { Resources: ['i-1'], Tags: [{ Key: 'cost,center', Value: 'ops' }] },
      },
    ],
  });
});

test('every provider attribute of aws_ec2_tag is observed by these fixtures or declared with a reason', () => {
  assertAccounted(ec2Tag, observedItems);
});
