import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { observedSnapshot, recordedSnapshot, resource } from '../../../../test/support/engine-fixtures.js';
import { detectDrift } from '../../../engine/engine.js';
import { semanticsLookup } from '../../../model/catalogue.js';
import { elb, type ClassicLoadBalancer } from './elb.js';

const observedItems = trackObservations(elb);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

// DescribeLoadBalancers, DescribeLoadBalancerAttributes and DescribeTags answers as the SDK returns them.
const listed: ClassicLoadBalancer = {
  item: {
    LoadBalancerName: 'classic',
    DNSName: 'classic.eu-west-1.elb.amazonaws.com',
    Scheme: 'internet-facing',
    AvailabilityZones: ['eu-west-1a'],
    Subnets: ['subnet-d63a'],
    SecurityGroups: ['sg-369a'],
    Instances: [],
    SourceSecurityGroup: { OwnerAlias: '123456789012', GroupName: 'default' },
    ListenerDescriptions: [
      { Listener: { InstancePort: 8080, InstanceProtocol: 'HTTP', LoadBalancerPort: 80, Protocol: 'HTTP' } },
    ],
    HealthCheck: { Target: 'HTTP:8080/', Interval: 30, Timeout: 5, HealthyThreshold: 2, UnhealthyThreshold: 3 },
  },
  attributes: {
    ConnectionDraining: { Enabled: false, Timeout: 300 },
    CrossZoneLoadBalancing: { Enabled: true },
    ConnectionSettings: { IdleTimeout: 60 },
    AccessLog: { Enabled: false },
    AdditionalAttributes: [{ Key: 'elb.http.desyncmitigationmode', Value: 'defensive' }],
  },
  tags: [{ Key: 'team', Value: 'platform' }],
};

// What `terraform apply` with provider 5.100.0 wrote for this load balancer (captured on the emulator,
// account and zone as a real account has them).
const STATE = {
  access_logs: [],
  arn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/classic',
  availability_zones: ['eu-west-1a'],
  connection_draining: false,
  connection_draining_timeout: 300,
  cross_zone_load_balancing: true,
  desync_mitigation_mode: 'defensive',
  dns_name: 'classic.eu-west-1.elb.amazonaws.com',
  health_check: [{ healthy_threshold: 2, interval: 30, target: 'HTTP:8080/', timeout: 5, unhealthy_threshold: 3 }],
  id: 'classic',
  idle_timeout: 60,
  instances: [],
  internal: false,
  listener: [
    { instance_port: 8080, instance_protocol: 'http', lb_port: 80, lb_protocol: 'http', ssl_certificate_id: '' },
  ],
  name: 'classic',
  name_prefix: '',
  security_groups: ['sg-369a'],
  source_security_group: '123456789012/default',
  source_security_group_id: 'sg-c69d',
  subnets: ['subnet-d63a'],
  tags: { team: 'platform' },
  tags_all: { team: 'platform' },
  timeouts: null,
  zone_id: '',
};

function scan(item: ClassicLoadBalancer) {
  const o = elb.observe(item, scope);
  return detectDrift({
    recorded: recordedSnapshot([
      resource({ address: 'aws_elb.classic', type: 'aws_elb', id: 'classic', ...scope, attributes: STATE }),
    ]),
    observed: observedSnapshot(
      [resource({ address: 'live', type: 'aws_elb', id: o.id, ...scope, attributes: o.attributes })],
      [{ type: 'aws_elb', ...scope }],
    ),
    semantics: semanticsLookup([elb]),
  });
}

test('aws_elb is observed as the provider stores it: the state terraform wrote shows no drift', () => {
  const o = elb.observe(listed, scope);
  assert.equal(o.id, 'classic');
  assert.equal(o.attributes['arn'], STATE.arn);
  assert.deepEqual(o.attributes['listener'], STATE.listener, 'protocols in lower case');
  assert.deepEqual(scan(listed).findings, []);
});

test('idle timeout and listeners changed in the console are drift', () => {
  const changed = structuredClone(listed);
  changed.attributes!.ConnectionSettings = { IdleTimeout: 120 };
  changed.item.ListenerDescriptions!.push({
    Listener: { InstancePort: 22, InstanceProtocol: 'TCP', LoadBalancerPort: 22, Protocol: 'TCP' },
  });
  const out = scan(changed);
  assert.deepEqual(out.findings[0]?.changes.map((c) => c.path).sort(), ['idle_timeout', 'listener']);
});

test('access logs only when the attributes name a bucket; no health check, no block, zero values', () => {
  const o = elb.observe(
    {
      item: { LoadBalancerName: 'x', Scheme: 'internal' },
      attributes: { AccessLog: { Enabled: true, S3BucketName: 'logs', S3BucketPrefix: 'elb', EmitInterval: 5 } },
      tags: [],
    },
    scope,
  );
  assert.deepEqual(o.attributes['access_logs'], [{ bucket: 'logs', bucket_prefix: 'elb', enabled: true, interval: 5 }]);
  assert.deepEqual(o.attributes['health_check'], []);
  assert.equal(o.attributes['internal'], true);
  assert.equal(o.attributes['desync_mitigation_mode'], undefined, 'not returned: not filled in');
  assert.equal(o.attributes['source_security_group'], undefined);
});

test('aws_elb prune deletes the load balancer by name', () => {
  const finding = { resource: { type: 'aws_elb', id: 'classic', region: 'eu-west-1', address: 'x' }, changes: [] };
  assert.deepEqual(elb.prune!.plan(finding as never, ctx), {
    calls: [
      { service: 'elb', operation: 'DeleteLoadBalancer', region: 'eu-west-1', input: { LoadBalancerName: 'classic' } },
    ],
  });
});

test('every provider attribute of aws_elb is observed by these fixtures or declared with a reason', () => {
  assertAccounted(elb, observedItems);
});
