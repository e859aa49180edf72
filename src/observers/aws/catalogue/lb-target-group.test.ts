import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lbTargetGroup } from './lb-target-group.js';
import { diffResource } from '../../../engine/diff.js';
import { awsSemantics } from './index.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(lbTargetGroup);

const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_lb_target_group maps the group, its health check and attribute strings', () => {
  const o = lbTargetGroup.observe(
    {
      item: {
        TargetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/73e2d6bc24d8a067',
        TargetGroupName: 'web',
        Protocol: 'HTTP',
        Port: 80,
        VpcId: 'vpc-1',
        TargetType: 'instance',
        HealthCheckPath: '/health',
        HealthyThresholdCount: 3,
        Matcher: { HttpCode: '200' },
      },
      attributes: {
        'deregistration_delay.timeout_seconds': '30',
        'stickiness.enabled': 'false',
        'stickiness.type': 'lb_cookie',
      },
      tags: {},
    },
    scope,
  );
  assert.equal(o.attributes['arn_suffix'], 'targetgroup/web/73e2d6bc24d8a067');
  assert.equal(o.attributes['deregistration_delay'], '30', 'a string, as the provider stores it');
  assert.equal(o.attributes['port'], 80);
  const health = (o.attributes['health_check'] as Record<string, unknown>[])[0];
  assert.equal(health?.['path'], '/health');
  assert.equal(health?.['matcher'], '200');
  assert.equal(health?.['port'], 'traffic-port');
  assert.deepEqual((o.attributes['stickiness'] as Record<string, unknown>[])[0]?.['type'], 'lb_cookie');
});

test('an HTTP group: attributes the API does not return stay absent; a 5.x state (null) and an older one (false) show no drift', () => {
  const o = lbTargetGroup.observe(
    {
      item: {
        TargetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/1',
        TargetGroupName: 'web',
        Protocol: 'HTTP',
        Port: 80,
        VpcId: 'vpc-1',
        TargetType: 'instance',
      },
      // What AWS returns for an HTTP group: no connection-termination key (that is for NLB groups).
      attributes: { 'deregistration_delay.timeout_seconds': '300', 'slow_start.duration_seconds': '0' },
      tags: {},
    },
    scope,
  );
  assert.equal(o.attributes['connection_termination'], undefined, 'never turned into false');
  assert.equal(o.attributes['load_balancing_algorithm_type'], undefined, 'never filled in from what AWS usually says');
  const resource = (attributes: Record<string, unknown>) => ({
    address: 'aws_lb_target_group.web',
    mode: 'managed' as const,
    type: 'aws_lb_target_group',
    provider: 'aws',
    attributes,
    sensitivePaths: [],
    dependencies: [],
    environment: 'default',
    source: 'test',
  });
  const semantics = awsSemantics('aws_lb_target_group');
  const observed = resource(o.attributes);
  const provider5 = diffResource(
    resource({ ...o.attributes, connection_termination: null }),
    observed,
    semantics,
    false,
  );
  assert.deepEqual(provider5.changes, []);
  const older = diffResource(resource({ ...o.attributes, connection_termination: false }), observed, semantics, false);
  assert.deepEqual(older.changes, []);
  assert.ok(
    older.suppressed.some((s) => s.rule === 'default:connection_termination'),
    'visible as a suppression',
  );
});

test('every provider attribute of aws_lb_target_group is observed by these fixtures or declared with a reason', () => {
  assertAccounted(lbTargetGroup, observedItems);
});
