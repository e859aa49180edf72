import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lbTargetGroup } from './lb-target-group.js';

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
