/**
 * aws_lb: DescribeLoadBalancers in bulk, plus DescribeLoadBalancerAttributes per load balancer
 * (no bulk form) for idle timeout, deletion protection and the other attribute-backed arguments.
 * The provider's id and import id are the ARN.
 */
import type { LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import { boolOf, numberOf, sortedStrings, tagRecord } from '../mapping.js';
import type { WithDetails } from '../repositories/elbv2.js';
import { awsCall, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';
import { keptWhenOmitted, zeroWhenOmitted } from '../omitted.js';

/** `arn:…:loadbalancer/app/name/id` → `app/name/id` (the provider's arn_suffix). */
export function arnSuffix(arn: string | undefined, marker: string): string {
  if (!arn) return '';
  const at = arn.indexOf(marker);
  return at < 0 ? '' : arn.slice(at + marker.length);
}

/** aws_lb argument → the load balancer attribute key ModifyLoadBalancerAttributes takes. */
const LB_ATTRIBUTES: Readonly<Record<string, string>> = {
  idle_timeout: 'idle_timeout.timeout_seconds',
  enable_deletion_protection: 'deletion_protection.enabled',
  enable_http2: 'routing.http2.enabled',
  drop_invalid_header_fields: 'routing.http.drop_invalid_header_fields.enabled',
  desync_mitigation_mode: 'routing.http.desync_mitigation_mode',
  enable_cross_zone_load_balancing: 'load_balancing.cross_zone.enabled',
  preserve_host_header: 'routing.http.preserve_host_header.enabled',
  xff_header_processing_mode: 'routing.http.xff_header_processing.mode',
  client_keep_alive: 'client_keep_alive.seconds',
  enable_waf_fail_open: 'waf.fail_open.enabled',
};

export const lb = defineResourceType<WithDetails<LoadBalancer>>({
  type: 'aws_lb',
  service: 'elbv2',
  list: (repos) => repos.elbv2.loadBalancersWithDetails(),
  observe: ({ item: b, attributes: a, tags }) => {
    const tagMap = tagRecord(tags);
    const isApplication = b.Type === 'application';
    return {
      id: b.LoadBalancerArn ?? '',
      attributes: {
        id: b.LoadBalancerArn,
        arn: b.LoadBalancerArn,
        arn_suffix: arnSuffix(b.LoadBalancerArn, ':loadbalancer/'),
        name: b.LoadBalancerName,
        internal: b.Scheme === 'internal',
        load_balancer_type: b.Type,
        ip_address_type: b.IpAddressType,
        security_groups: sortedStrings(b.SecurityGroups),
        subnets: sortedStrings(b.AvailabilityZones?.map((z) => z.SubnetId)),
        dns_name: b.DNSName,
        zone_id: b.CanonicalHostedZoneId,
        vpc_id: b.VpcId,
        // resourceLoadBalancerRead (internal/service/elbv2/load_balancer.go): d.Set with the pointer, ""
        // when omitted. The attributes below come from loadBalancerAttributeMap.flatten, which sets an
        // attribute only when DescribeLoadBalancerAttributes returned its key: otherwise the state keeps
        // the recorded value (never AWS's usual default filled in).
        customer_owned_ipv4_pool: zeroWhenOmitted(b.CustomerOwnedIpv4Pool, ''),
        enable_deletion_protection: keptWhenOmitted(boolOf(a['deletion_protection.enabled'])),
        idle_timeout: isApplication ? keptWhenOmitted(numberOf(a['idle_timeout.timeout_seconds'])) : undefined,
        enable_http2: isApplication ? keptWhenOmitted(boolOf(a['routing.http2.enabled'])) : undefined,
        drop_invalid_header_fields: isApplication
          ? keptWhenOmitted(boolOf(a['routing.http.drop_invalid_header_fields.enabled']))
          : undefined,
        desync_mitigation_mode: isApplication ? keptWhenOmitted(a['routing.http.desync_mitigation_mode']) : undefined,
        enable_cross_zone_load_balancing: isApplication
          ? true
          : keptWhenOmitted(boolOf(a['load_balancing.cross_zone.enabled'])),
        access_logs: [
          {
            enabled: boolOf(a['access_logs.s3.enabled']) ?? false,
            bucket: a['access_logs.s3.bucket'] ?? '',
            prefix: a['access_logs.s3.prefix'] ?? '',
          },
        ],
        tags: { ...tagMap },
        tags_all: tagMap,
      },
    };
  },
  computed: [
    'name_prefix',
    'subnet_mapping',
    'connection_logs',
    'enable_waf_fail_open',
    'enable_tls_version_and_cipher_suite_headers',
    'enable_xff_client_port',
    'xff_header_processing_mode',
    'preserve_host_header',
    'client_keep_alive',
    'enable_zonal_shift',
    'dns_record_client_routing_policy',
    'enforce_security_group_inbound_rules_on_private_link_traffic',
    'ipam_pools',
    'minimum_load_balancer_capacity',
    'timeouts',
  ],
  sets: ['security_groups', 'subnets'],
  policy: ['security_groups', 'internal', 'drop_invalid_header_fields'],
  defaults: [
    { path: 'idle_timeout', value: 60, why: 'AWS applies a 60 s idle timeout to application load balancers' },
    { path: 'enable_http2', value: true, why: 'HTTP/2 is on by default for application load balancers' },
    { path: 'desync_mitigation_mode', value: 'defensive', why: "AWS's default desync mitigation mode" },
    {
      path: 'access_logs',
      value: [{ enabled: false, bucket: '', prefix: '' }],
      why: 'access logs are off unless configured',
    },
  ],
  forcesReplacement: ['name', 'name_prefix', 'internal', 'load_balancer_type', 'customer_owned_ipv4_pool'],
  trailEvents: [
    'CreateLoadBalancer',
    'DeleteLoadBalancer',
    'ModifyLoadBalancerAttributes',
    'SetSecurityGroups',
    'SetSubnets',
    'SetIpAddressType',
    'AddTags',
    'RemoveTags',
  ],
  limitations: 'attributes cost one DescribeLoadBalancerAttributes call per load balancer (the API has no bulk form)',
  revert: {
    attributes: Object.keys(LB_ATTRIBUTES),
    sends: ['elbv2:ModifyLoadBalancerAttributes'],
    plan: (f, ctx) => ({
      calls: [
        awsCall('elbv2', 'ModifyLoadBalancerAttributes', regionOf(f, ctx), {
          LoadBalancerArn: f.resource.id,
          Attributes: f.changes.map((c) => ({ Key: LB_ATTRIBUTES[c.path], Value: String(c.recorded) })),
        }),
      ],
    }),
  },
});
