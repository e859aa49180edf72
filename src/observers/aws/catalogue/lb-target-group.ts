/**
 * aws_lb_target_group: DescribeTargetGroups in bulk, plus DescribeTargetGroupAttributes per group
 * (no bulk form). The provider's id and import id are the ARN.
 */
import type { TargetGroup } from '@aws-sdk/client-elastic-load-balancing-v2';
import { boolOf, numberOf, tagRecord } from '../mapping.js';
import type { WithDetails } from '../repositories/elbv2.js';
import { arnSuffix } from './lb.js';
import { defineResourceType } from './define.js';

export const lbTargetGroup = defineResourceType<WithDetails<TargetGroup>>({
  type: 'aws_lb_target_group',
  service: 'elbv2',
  list: (repos) => repos.elbv2.targetGroupsWithDetails(),
  observe: ({ item: g, attributes: a, tags }) => {
    const tagMap = tagRecord(tags);
    return {
      id: g.TargetGroupArn ?? '',
      attributes: {
        id: g.TargetGroupArn,
        arn: g.TargetGroupArn,
        arn_suffix: g.TargetGroupArn ? `targetgroup/${arnSuffix(g.TargetGroupArn, ':targetgroup/')}` : '',
        name: g.TargetGroupName,
        port: g.Port,
        protocol: g.Protocol,
        protocol_version: g.ProtocolVersion ?? '',
        vpc_id: g.VpcId ?? '',
        target_type: g.TargetType,
        ip_address_type: g.IpAddressType ?? 'ipv4',
        load_balancer_arns: [...(g.LoadBalancerArns ?? [])].sort(),
        health_check: [
          {
            enabled: g.HealthCheckEnabled ?? true,
            healthy_threshold: g.HealthyThresholdCount,
            unhealthy_threshold: g.UnhealthyThresholdCount,
            interval: g.HealthCheckIntervalSeconds,
            timeout: g.HealthCheckTimeoutSeconds,
            path: g.HealthCheckPath ?? '',
            port: g.HealthCheckPort ?? 'traffic-port',
            protocol: g.HealthCheckProtocol,
            matcher: g.Matcher?.HttpCode ?? g.Matcher?.GrpcCode ?? '',
          },
        ],
        // DescribeTargetGroupAttributes answers only the keys that apply to the group's protocol and
        // target type; the provider sets an attribute only when its key was returned (and keeps the
        // recorded or schema-default value otherwise), so an absent key is observed as absent, never
        // filled in. Declared defaults below say which absences are not drift, and why.
        deregistration_delay: a['deregistration_delay.timeout_seconds'],
        slow_start: numberOf(a['slow_start.duration_seconds']),
        load_balancing_algorithm_type: a['load_balancing.algorithm.type'],
        proxy_protocol_v2: boolOf(a['proxy_protocol_v2.enabled']),
        preserve_client_ip: a['preserve_client_ip.enabled'],
        connection_termination: boolOf(a['deregistration_delay.connection_termination.enabled']),
        stickiness:
          a['stickiness.enabled'] === undefined
            ? []
            : [
                {
                  enabled: boolOf(a['stickiness.enabled']) ?? false,
                  type: a['stickiness.type'] ?? '',
                  cookie_duration: numberOf(a['stickiness.lb_cookie.duration_seconds']) ?? 86400,
                  cookie_name: a['stickiness.app_cookie.cookie_name'] ?? '',
                },
              ],
        tags: { ...tagMap },
        tags_all: tagMap,
      },
    };
  },
  computed: [
    'name_prefix',
    // Read-only, derived from the listeners and rules that forward to the group; `terraform apply`
    // records [] because the group is created before its load balancer's listener.
    'load_balancer_arns',
    'lambda_multi_value_headers_enabled',
    'load_balancing_anomaly_mitigation',
    'load_balancing_cross_zone_enabled',
    'target_failover',
    'target_health_state',
    'target_group_health',
  ],
  sets: ['load_balancer_arns'],
  defaults: [
    {
      path: 'deregistration_delay',
      value: '300',
      why: "the provider's schema default (300 s), kept in state when the API returns no deregistration delay",
    },
    { path: 'slow_start', value: 0, why: "the provider's schema default (off), kept when the API returns none" },
    { path: 'proxy_protocol_v2', value: false, why: "the provider's schema default, kept when the API returns none" },
    {
      path: 'load_balancing_algorithm_type',
      value: 'round_robin',
      why: 'the routing algorithm AWS applies when none is set; the provider keeps the recorded value when the API returns none',
    },
    {
      path: 'connection_termination',
      value: false,
      why: 'the API returns no connection-termination attribute for HTTP/HTTPS groups; the provider then keeps the recorded value (null in 5.x states, false in older ones)',
    },
  ],
  forcesReplacement: [
    'name',
    'name_prefix',
    'port',
    'protocol',
    'protocol_version',
    'vpc_id',
    'target_type',
    'ip_address_type',
  ],
  trailEvents: [
    'CreateTargetGroup',
    'ModifyTargetGroup',
    'ModifyTargetGroupAttributes',
    'DeleteTargetGroup',
    'AddTags',
    'RemoveTags',
  ],
  limitations: 'attributes cost one DescribeTargetGroupAttributes call per target group (the API has no bulk form)',
});
