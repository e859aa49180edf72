import { test } from 'node:test';
import assert from 'node:assert/strict';
import { internetGateway } from './internet-gateway.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(internetGateway);

const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_internet_gateway maps the attachment to vpc_id; the default VPC gateway is expected noise', () => {
  const defaults = new Set(['vpc-default']);
  const o = internetGateway.observe(
    {
      gateway: {
        InternetGatewayId: 'igw-1',
        OwnerId: '123456789012',
        Attachments: [{ VpcId: 'vpc-1', State: 'attached' }],
      },
      defaultVpcIds: defaults,
    },
    scope,
  );
  assert.deepEqual(o.attributes, {
    id: 'igw-1',
    arn: 'arn:aws:ec2:eu-west-1:123456789012:internet-gateway/igw-1',
    vpc_id: 'vpc-1',
    owner_id: '123456789012',
    tags: {},
    tags_all: {},
  });
  assert.equal(o.noise, undefined);
  assert.equal(
    internetGateway.observe({ gateway: { InternetGatewayId: 'igw-2' }, defaultVpcIds: defaults }, scope).attributes[
      'vpc_id'
    ],
    '',
  );
  assert.match(
    internetGateway.observe(
      { gateway: { InternetGatewayId: 'igw-d', Attachments: [{ VpcId: 'vpc-default' }] }, defaultVpcIds: defaults },
      scope,
    ).noise ?? '',
    /default VPC/,
  );
});

test('every provider attribute of aws_internet_gateway is observed by these fixtures or declared with a reason', () => {
  assertAccounted(internetGateway, observedItems);
});
