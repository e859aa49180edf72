import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arnSuffix, lb } from './lb.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { splitNotReturned } from '../omitted.js';
import { diffResource } from '../../../engine/diff.js';
import { resource } from '../../../../test/support/engine-fixtures.js';

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

test('aws_lb: an attribute DescribeLoadBalancerAttributes omits is kept as recorded (loadBalancerAttributeMap.flatten), not filled in', () => {
  const o = lb.observe(
    { item: { LoadBalancerArn: ARN, Type: 'application', Scheme: 'internet-facing' }, attributes: {}, tags: {} },
    scope,
  );
  const { attributes, notReturned } = splitNotReturned(o.attributes);
  assert.deepEqual(notReturned.map((n) => n.path.join('.')).sort(), [
    'desync_mitigation_mode',
    'drop_invalid_header_fields',
    'enable_deletion_protection',
    'enable_http2',
    'idle_timeout',
  ]);
  // A state holding idle_timeout 300: the provider keeps it; the old `?? 60` fill-in reported 300 -> 60.
  const recorded = resource({
    address: 'aws_lb.front',
    type: 'aws_lb',
    id: ARN,
    attributes: { ...attributes, idle_timeout: 300, enable_http2: true },
  });
  const observed = { ...resource({ address: 'o', type: 'aws_lb', id: ARN, attributes }), notReturned };
  const diff = diffResource(recorded, observed, lb, true);
  assert.deepEqual(diff.changes, []);
  assert.deepEqual(diff.suppressed.map((x) => x.rule).sort(), [
    'not-returned:enable_http2',
    'not-returned:idle_timeout',
  ]);
});

test('every provider attribute of aws_lb is observed by these fixtures or declared with a reason', () => {
  assertAccounted(lb, observedItems);
});
