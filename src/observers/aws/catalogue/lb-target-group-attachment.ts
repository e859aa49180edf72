/**
 * aws_lb_target_group_attachment: DescribeTargetHealth per target group (no bulk form; the target
 * groups from the shared DescribeTargetGroups listing), four at a time. The provider's id is random
 * (a prefix of the target group ARN): pairing is by target group and target (identityAttributes);
 * the observed id is `<target group ARN>,<target id>,<port>`. As the provider's read: a draining
 * target is gone. Instances an Auto Scaling group registers in its own target groups are noise.
 */
import type { TargetDescription, TargetHealthDescription } from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';

export interface TargetItem {
  readonly targetGroupArn: string;
  readonly description: TargetHealthDescription;
  /** The Auto Scaling group that registers instances in this target group, if any. */
  readonly autoScalingGroup?: string;
}

export const lbTargetGroupAttachment = defineResourceType<TargetItem>({
  type: 'aws_lb_target_group_attachment',
  service: 'elbv2',
  list: async (repos) => {
    const [groups, scalingGroups] = await Promise.all([repos.elbv2.targetGroups(), repos.autoscaling.groups()]);
    const registeredBy = new Map<string, string>();
    for (const g of scalingGroups)
      for (const arn of g.TargetGroupARNs ?? []) registeredBy.set(arn, g.AutoScalingGroupName ?? '');
    const healths = await repos.listing.each(groups, async (g) => {
      const TargetGroupArn = g.TargetGroupArn ?? '';
      const out = await repos.listing.read('elbv2', 'DescribeTargetHealth', { TargetGroupArn }, [
        'TargetGroupNotFoundException',
      ]);
      return (out?.TargetHealthDescriptions ?? [])
        .filter((d) => d.TargetHealth?.State !== 'draining')
        .map((description) => ({
          targetGroupArn: TargetGroupArn,
          description,
          ...(registeredBy.has(TargetGroupArn) ? { autoScalingGroup: registeredBy.get(TargetGroupArn) } : {}),
        }));
    });
    return healths.flat();
  },
  observe: ({ targetGroupArn, description, autoScalingGroup }) => {
    const t: TargetDescription = description.Target ?? { Id: undefined };
    const id = `${targetGroupArn},${t.Id ?? ''},${t.Port ?? ''}`;
    return {
      id,
      attributes: {
        id,
        target_group_arn: targetGroupArn,
        target_id: t.Id,
        ...(t.Port !== undefined ? { port: t.Port } : {}),
        ...(t.AvailabilityZone ? { availability_zone: t.AvailabilityZone } : {}),
      },
      ...(autoScalingGroup !== undefined && (t.Id ?? '').startsWith('i-')
        ? { noise: `an instance Auto Scaling group ${autoScalingGroup} registers in its target group` }
        : {}),
    };
  },
  computed: [],
  identityAttributes: ['target_group_arn', 'target_id'],
  // Which hosts receive the load balancer's traffic.
  policy: ['target_id'],
  forcesReplacement: ['availability_zone', 'port', 'target_group_arn', 'target_id'],
  trailEvents: ['RegisterTargets', 'DeregisterTargets'],
  prune: {
    sends: ['elbv2:DeregisterTargets'],
    plan: (f, ctx) => {
      const [arn, target, port] = (f.resource.id ?? '').split(',');
      const TargetGroupArn = String(recordedOf(f, 'target_group_arn') ?? arn ?? '');
      if (!TargetGroupArn.startsWith('arn:') || !target)
        return { unsupported: 'the target group or target is not known' };
      return {
        calls: [
          awsCall('elbv2', 'DeregisterTargets', regionOf(f, ctx), {
            TargetGroupArn,
            Targets: [{ Id: target, ...(port ? { Port: Number(port) } : {}) }],
          }),
        ],
      };
    },
  },
  codify: {
    arguments: [
      { name: 'target_group_arn', required: true },
      { name: 'target_id', required: true },
      { name: 'port' },
      { name: 'availability_zone' },
    ],
  },
});
