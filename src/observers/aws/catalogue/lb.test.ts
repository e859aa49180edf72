import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arnSuffix, lb } from './lb.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(lb);

const scope = { account: '123456789012', region: 'eu-west-1' };
const ARN = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/front/50dc6c495c0c9188';

test('aws_lb maps the load balancer and its attribute strings to typed provider attributes', () => {
  const o = lb.observe(
    {
      item: {
        LoadBalancerArn: ARN,
        LoadBalancerName: 'front',
        Scheme: 'internet-facing',
        Type: 'application',
        IpAddressType: 'ipv4',
        SecurityGroups: ['sg-1'],
        AvailabilityZones: [{ SubnetId: 'subnet-b' }, { SubnetId: 'subnet-a' }],
        VpcId: 'vpc-1',
      },
      attributes: {
        'idle_timeout.timeout_seconds': '120',
        'deletion_protection.enabled': 'true',
        'routing.http2.enabled': 'false',
      },
      tags: { env: 'prod', 'aws:x': 'y' },
    },
    scope,
  );
  assert.equal(o.id, ARN);
  assert.equal(o.attributes['arn_suffix'], 'app/front/50dc6c495c0c9188');
  assert.equal(o.attributes['internal'], false);
  assert.equal(o.attributes['idle_timeout'], 120);
  assert.equal(o.attributes['enable_deletion_protection'], true);
  assert.equal(o.attributes['enable_http2'], false);
  assert.deepEqual(o.attributes['subnets'], ['subnet-a', 'subnet-b']);
  assert.deepEqual(o.attributes['tags_all'], { env: 'prod' });
  const network = lb.observe(
    {
      item: { LoadBalancerArn: 'arn:x:loadbalancer/net/n/1', Type: 'network', Scheme: 'internal' },
      attributes: {},
      tags: {},
    },
    scope,
  );
  assert.equal(network.attributes['idle_timeout'], undefined, 'network load balancers have no idle timeout');
  assert.equal(network.attributes['internal'], true);
  assert.equal(arnSuffix(undefined, ':loadbalancer/'), '');
});

test('every provider attribute of aws_lb is observed by these fixtures or declared with a reason', () => {
  assertAccounted(lb, observedItems);
});
