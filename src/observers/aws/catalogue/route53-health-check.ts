/**
 * aws_route53_health_check: ListHealthChecks through the generic listing (1,000 per page), tags ten
 * health checks per ListTagsForResources call. The import id is the health check id. As the
 * provider's read: every HealthCheckConfig field as returned (absent ones at the provider's zero
 * values), the alarm name and region only where an alarm identifier is returned, the ARN without
 * region or account. Health checks another AWS service created (LinkedService) are noise.
 */
import type { HealthCheck, Tag } from '@aws-sdk/client-route-53';
import { awsCall, recordedOf } from '../calls.js';
import { sortedStrings, tagAttributes } from '../mapping.js';
import { chunk } from '../repositories/paging.js';
import { defineResourceType } from './define.js';

/** ListTagsForResources takes at most ten resource ids per call. */
const TAGGED_PER_CALL = 10;

export interface HealthCheckItem {
  readonly check: HealthCheck;
  readonly tags: ReadonlyArray<Tag>;
}

export const route53HealthCheck = defineResourceType<HealthCheckItem>({
  type: 'aws_route53_health_check',
  service: 'route53',
  global: true,
  list: async (repos) => {
    const checks = await repos.listing.list('route53', 'ListHealthChecks', {}, (page) => page.HealthChecks, 1000);
    const pages = await repos.listing.each(
      chunk(
        checks.map((c) => c.Id ?? ''),
        TAGGED_PER_CALL,
      ),
      (ResourceIds) =>
        repos.listing.read('route53', 'ListTagsForResources', { ResourceType: 'healthcheck', ResourceIds }),
    );
    const tags = new Map(pages.flatMap((p) => p?.ResourceTagSets ?? []).map((s) => [s.ResourceId ?? '', s.Tags ?? []]));
    return checks.map((check) => ({ check, tags: tags.get(check.Id ?? '') ?? [] }));
  },
  observe: ({ check, tags }) => {
    const c = check.HealthCheckConfig ?? ({} as NonNullable<HealthCheck['HealthCheckConfig']>);
    const alarm = c.AlarmIdentifier;
    return {
      id: check.Id ?? '',
      attributes: {
        id: check.Id,
        arn: `arn:aws:route53:::healthcheck/${check.Id}`,
        child_health_threshold: c.HealthThreshold ?? 0,
        child_healthchecks: sortedStrings(c.ChildHealthChecks),
        ...(alarm ? { cloudwatch_alarm_name: alarm.Name ?? '', cloudwatch_alarm_region: alarm.Region ?? '' } : {}),
        disabled: c.Disabled ?? false,
        enable_sni: c.EnableSNI ?? false,
        failure_threshold: c.FailureThreshold ?? 0,
        fqdn: c.FullyQualifiedDomainName ?? '',
        insufficient_data_health_status: c.InsufficientDataHealthStatus ?? '',
        invert_healthcheck: c.Inverted ?? false,
        ip_address: c.IPAddress ?? '',
        measure_latency: c.MeasureLatency ?? false,
        port: c.Port ?? 0,
        regions: sortedStrings(c.Regions),
        request_interval: c.RequestInterval ?? 0,
        resource_path: c.ResourcePath ?? '',
        routing_control_arn: c.RoutingControlArn ?? '',
        search_string: c.SearchString ?? '',
        type: c.Type,
        ...tagAttributes(tags),
      },
      ...(check.LinkedService?.ServicePrincipal
        ? { noise: `created and managed by ${check.LinkedService.ServicePrincipal} (its linked service)` }
        : {}),
    };
  },
  // Configuration only: reference_name seeds the caller reference, triggers only force replacement.
  computed: ['reference_name', 'triggers'],
  sets: ['child_healthchecks', 'regions'],
  forcesReplacement: ['measure_latency', 'reference_name', 'request_interval', 'routing_control_arn', 'type'],
  trailEvents: ['CreateHealthCheck', 'UpdateHealthCheck', 'DeleteHealthCheck', 'ChangeTagsForResource'],
  revert: {
    attributes: ['disabled', 'failure_threshold', 'invert_healthcheck', 'resource_path', 'search_string'],
    sends: ['route53:UpdateHealthCheck'],
    plan: (f) => {
      const input: Record<string, unknown> = { HealthCheckId: f.resource.id ?? '' };
      const fields: ReadonlyArray<readonly [string, string]> = [
        ['disabled', 'Disabled'],
        ['failure_threshold', 'FailureThreshold'],
        ['invert_healthcheck', 'Inverted'],
        ['resource_path', 'ResourcePath'],
        ['search_string', 'SearchString'],
      ];
      for (const [path, field] of fields) {
        const value = recordedOf(f, path);
        if (value !== undefined && value !== null) input[field] = value;
      }
      if (Object.keys(input).length === 1) return { unsupported: 'no recorded value to put back' };
      return {
        calls: [awsCall('route53', 'UpdateHealthCheck', 'global', input as { HealthCheckId: string })],
      };
    },
  },
  prune: {
    sends: ['route53:DeleteHealthCheck'],
    plan: (f) => ({
      calls: [awsCall('route53', 'DeleteHealthCheck', 'global', { HealthCheckId: f.resource.id ?? '' })],
    }),
  },
  codify: {
    arguments: [
      { name: 'type', required: true },
      { name: 'fqdn' },
      { name: 'ip_address' },
      { name: 'port' },
      { name: 'resource_path' },
      { name: 'failure_threshold' },
      { name: 'request_interval' },
      { name: 'tags' },
    ],
  },
});
