import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { lbTargetGroupAttachment } from './lb-target-group-attachment.js';

const observedItems = trackObservations(lbTargetGroupAttachment);
const scope = { account: '123456789012', region: 'eu-west-1' };
const tg = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef';

test('aws_lb_target_group_attachment: one per registered target, paired by target group and target', () => {
  const o = lbTargetGroupAttachment.observe(
    {
      targetGroupArn: tg,
      description: {
        Target: { Id: '10.0.1.7', Port: 8080, AvailabilityZone: 'all' },
        TargetHealth: { State: 'healthy' },
      },
    },
    scope,
  );
  assert.equal(o.id, `${tg},10.0.1.7,8080`);
  assert.deepEqual(o.attributes, {
    id: `${tg},10.0.1.7,8080`,
    target_group_arn: tg,
    target_id: '10.0.1.7',
    port: 8080,
    availability_zone: 'all',
  });
  assert.equal(o.noise, undefined, 'a target registered by hand is a finding when unmanaged');
  assert.deepEqual(lbTargetGroupAttachment.identityAttributes, ['target_group_arn', 'target_id']);
});

test('aws_lb_target_group_attachment: instances an Auto Scaling group registers are noise', () => {
  const o = lbTargetGroupAttachment.observe(
    { targetGroupArn: tg, description: { Target: { Id: 'i-1', Port: 80 } }, autoScalingGroup: 'web-asg' },
    scope,
  );
  assert.match(o.noise ?? '', /web-asg/);
});

test('aws_lb_target_group_attachment prune deregisters the target', () => {
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const finding = {
    resource: { type: 'aws_lb_target_group_attachment', id: `${tg},i-1,80`, region: 'eu-west-1' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(lbTargetGroupAttachment.prune!.plan(finding, ctx), {
    calls: [
      {
        service: 'elbv2',
        operation: 'DeregisterTargets',
        region: 'eu-west-1',
        input: { TargetGroupArn: tg, Targets: [{ Id: 'i-1', Port: 80 }] },
      },
    ],
  });
});

test('every provider attribute of aws_lb_target_group_attachment is observed by these fixtures or declared with a reason', () => {
  assertAccounted(lbTargetGroupAttachment, observedItems);
});
