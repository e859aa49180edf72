/**
 * aws_elb (classic load balancer): DescribeLoadBalancers (400 per page), then one
 * DescribeLoadBalancerAttributes per load balancer (no bulk form) and DescribeTags for up to 20 load
 * balancers per call. The provider's id and import id are the load balancer name.
 *
 * Observed as resourceLoadBalancerRead (5.100.0) stores it: the ARN built from the name, protocols in
 * lower case, `internal` from the scheme, `source_security_group` as `owner/group`, the draining,
 * cross-zone, idle-timeout and desync settings from the attributes, `access_logs` only when the
 * attributes name a bucket, `health_check` only when the API returns a target.
 */
import type { LoadBalancerAttributes, LoadBalancerDescription, Tag } from '@aws-sdk/client-elastic-load-balancing';
import { awsCall, regionOf } from '../calls.js';
import { arnOf, sortedStrings, tagAttributes, unread } from '../mapping.js';
import type { AwsRepositories } from '../repositories/index.js';
import { chunk } from '../repositories/paging.js';
import { defineResourceType } from './define.js';

/** DescribeTags accepts at most 20 load balancer names per call. */
const TAGS_PER_CALL = 20;

export interface ClassicLoadBalancer {
  readonly item: LoadBalancerDescription;
  readonly attributes?: LoadBalancerAttributes;
  readonly tags: ReadonlyArray<Tag>;
}

/** Every classic load balancer of the scope with its attributes and tags. */
export async function classicLoadBalancers(repos: AwsRepositories): Promise<ClassicLoadBalancer[]> {
  const items = await repos.listing.list(
    'elb',
    'DescribeLoadBalancers',
    {},
    (page) => page.LoadBalancerDescriptions,
    400,
  );
  const names = items.map((lb) => lb.LoadBalancerName ?? '');
  const [attributes, tagPages] = await Promise.all([
    repos.listing.each(names, (LoadBalancerName) =>
      repos.listing.read('elb', 'DescribeLoadBalancerAttributes', { LoadBalancerName }, [
        'AccessPointNotFoundException',
      ]),
    ),
    repos.listing.each(chunk(names, TAGS_PER_CALL), (LoadBalancerNames) =>
      repos.listing.read('elb', 'DescribeTags', { LoadBalancerNames }),
    ),
  ]);
  const tags = new Map<string, ReadonlyArray<Tag>>();
  for (const page of tagPages)
    for (const d of page?.TagDescriptions ?? []) tags.set(d.LoadBalancerName ?? '', d.Tags ?? []);
  return items.flatMap((item, i) => {
    const attrs = attributes[i];
    // Deleted between the listing and the attribute read: gone.
    if (attrs === undefined) return [];
    return [
      {
        item,
        ...(attrs.LoadBalancerAttributes ? { attributes: attrs.LoadBalancerAttributes } : {}),
        tags: tags.get(item.LoadBalancerName ?? '') ?? [],
      },
    ];
  });
}

export const elb = defineResourceType<ClassicLoadBalancer>({
  type: 'aws_elb',
  service: 'elb',
  list: (repos) => classicLoadBalancers(repos),
  observe: ({ item: lb, attributes: a, tags }, scope) => {
    const source = lb.SourceSecurityGroup;
    const health = lb.HealthCheck;
    const log = a?.AccessLog;
    const desync = a?.AdditionalAttributes?.find((x) => x.Key === 'elb.http.desyncmitigationmode')?.Value;
    return {
      id: lb.LoadBalancerName ?? '',
      attributes: {
        id: lb.LoadBalancerName,
        name: lb.LoadBalancerName,
        arn: arnOf('elasticloadbalancing', scope.region, scope.account, `loadbalancer/${lb.LoadBalancerName ?? ''}`),
        dns_name: lb.DNSName ?? '',
        zone_id: lb.CanonicalHostedZoneNameID ?? '',
        internal: lb.Scheme === 'internal',
        availability_zones: sortedStrings(lb.AvailabilityZones),
        subnets: sortedStrings(lb.Subnets),
        security_groups: sortedStrings(lb.SecurityGroups),
        instances: sortedStrings(lb.Instances?.map((i) => i.InstanceId)),
        source_security_group: source
          ? source.OwnerAlias
            ? `${source.OwnerAlias}/${source.GroupName ?? ''}`
            : (source.GroupName ?? '')
          : undefined,
        listener: (lb.ListenerDescriptions ?? []).map(({ Listener: l }) => ({
          instance_port: l?.InstancePort ?? 0,
          instance_protocol: (l?.InstanceProtocol ?? '').toLowerCase(),
          lb_port: l?.LoadBalancerPort ?? 0,
          lb_protocol: (l?.Protocol ?? '').toLowerCase(),
          ssl_certificate_id: l?.SSLCertificateId ?? '',
        })),
        health_check: health?.Target
          ? [
              {
                healthy_threshold: health.HealthyThreshold ?? 0,
                interval: health.Interval ?? 0,
                target: health.Target,
                timeout: health.Timeout ?? 0,
                unhealthy_threshold: health.UnhealthyThreshold ?? 0,
              },
            ]
          : [],
        connection_draining: a?.ConnectionDraining?.Enabled ?? false,
        connection_draining_timeout: a?.ConnectionDraining?.Timeout ?? 0,
        cross_zone_load_balancing: a?.CrossZoneLoadBalancing?.Enabled ?? false,
        idle_timeout: a?.ConnectionSettings?.IdleTimeout ?? 0,
        // Set only when the API returns the attribute (Optional, not Computed: the provider keeps its value).
        desync_mitigation_mode: desync,
        access_logs: log?.S3BucketName
          ? [
              {
                bucket: log.S3BucketName,
                bucket_prefix: log.S3BucketPrefix ?? '',
                enabled: log.Enabled ?? false,
                interval: log.EmitInterval ?? 0,
              },
            ]
          : [],
        ...tagAttributes(tags),
      },
    };
  },
  // name_prefix is a create-time argument; the provider derives it from a generated name only.
  computed: ['name_prefix'],
  unread: unread(
    'the provider looks the group id up with EC2 DescribeSecurityGroups by name, one call per load balancer: not read',
    'source_security_group_id',
  ),
  sets: ['availability_zones', 'subnets', 'security_groups', 'instances', 'listener'],
  // Who can reach the load balancer, and on which ports.
  policy: ['internal', 'listener', 'security_groups'],
  forcesReplacement: ['name', 'internal'],
  trailEvents: [
    'CreateLoadBalancer',
    'DeleteLoadBalancer',
    'ModifyLoadBalancerAttributes',
    'ConfigureHealthCheck',
    'CreateLoadBalancerListeners',
    'DeleteLoadBalancerListeners',
    'ApplySecurityGroupsToLoadBalancer',
    'AttachLoadBalancerToSubnets',
    'DetachLoadBalancerFromSubnets',
    'EnableAvailabilityZonesForLoadBalancer',
    'DisableAvailabilityZonesForLoadBalancer',
    'RegisterInstancesWithLoadBalancer',
    'DeregisterInstancesFromLoadBalancer',
    'AddTags',
    'RemoveTags',
  ],
  limitations:
    'one DescribeLoadBalancerAttributes call per load balancer (no bulk form); source_security_group_id is not read',
  prune: {
    sends: ['elb:DeleteLoadBalancer'],
    plan: (f, ctx) => ({
      calls: [awsCall('elb', 'DeleteLoadBalancer', regionOf(f, ctx), { LoadBalancerName: f.resource.id ?? '' })],
    }),
  },
});
