/**
 * aws_cloudwatch_event_rule: ListEventBuses, then ListRules per event bus (the EventBridge SDK has
 * no paginators: pages are followed by NextToken here, a repeated token ends the listing). ListRules
 * returns what the provider's read takes from DescribeRule, so there is no call per rule. The
 * provider's id is the rule name on the default bus and `<bus>/<rule>` on any other
 * (ruleCreateResourceID); is_enabled is true for ENABLED and
 * ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS; event_pattern is set only when AWS returns one.
 * Rules an AWS service manages for itself (ManagedBy set) are observed as noise.
 */
import type { EventBus, Rule } from '@aws-sdk/client-eventbridge';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { unread } from '../mapping.js';
import type { AwsRepositories } from '../repositories/index.js';
import { defineResourceType } from './define.js';

/** Every page of one EventBridge list operation, by NextToken; stops on a repeated token. */
export async function allPages<T>(
  fetch: (token: string | undefined) => Promise<{ items: ReadonlyArray<T>; next: string | undefined }>,
): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...page.items);
    token = page.next || undefined;
    if (token !== undefined && seen.has(token)) break;
    if (token !== undefined) seen.add(token);
  } while (token !== undefined);
  return out;
}

/** Every event bus of the scope (ListEventBuses, 100 a page). */
export function eventBuses(repos: AwsRepositories): Promise<EventBus[]> {
  return allPages(async (NextToken) => {
    const page = await repos.listing.read('events', 'ListEventBuses', { Limit: 100, NextToken });
    return { items: page?.EventBuses ?? [], next: page?.NextToken };
  });
}

/** A rule with the bus it was listed on (ListRules may collapse the bus name). */
export interface EventRule {
  readonly busName: string;
  readonly rule: Rule;
}

/** Every rule of every bus (shared by aws_cloudwatch_event_rule and aws_cloudwatch_event_target). */
export async function eventRules(repos: AwsRepositories): Promise<EventRule[]> {
  const buses = await eventBuses(repos);
  const perBus = await repos.listing.each(buses, async (bus) => {
    const busName = bus.Name ?? 'default';
    const rules = await allPages(async (NextToken) => {
      const page = await repos.listing.read('events', 'ListRules', { EventBusName: busName, Limit: 100, NextToken }, [
        'ResourceNotFoundException',
      ]);
      return { items: page?.Rules ?? [], next: page?.NextToken };
    });
    return rules.map((rule) => ({ busName, rule }));
  });
  return perBus.flat();
}

/** The provider's ruleCreateResourceID. */
export function ruleId(busName: string, ruleName: string): string {
  return busName === '' || busName === 'default' ? ruleName : `${busName}/${ruleName}`;
}

export const cloudwatchEventRule = defineResourceType<EventRule>({
  type: 'aws_cloudwatch_event_rule',
  service: 'events',
  list: eventRules,
  observe: ({ busName, rule: r }) => ({
    id: ruleId(busName, r.Name ?? ''),
    attributes: {
      id: ruleId(busName, r.Name ?? ''),
      arn: r.Arn ?? '',
      name: r.Name,
      description: r.Description ?? '',
      event_bus_name: busName,
      ...(r.EventPattern !== undefined && r.EventPattern !== '' ? { event_pattern: r.EventPattern } : {}),
      is_enabled: r.State === 'ENABLED' || r.State === 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      role_arn: r.RoleArn ?? '',
      schedule_expression: r.ScheduleExpression ?? '',
      state: r.State ?? '',
    },
    ...(r.ManagedBy ? { noise: `a rule ${r.ManagedBy} manages for itself (ManagedBy): no state can own it` } : {}),
  }),
  unread: unread('ListRules returns no tags: ListTagsForResource is one call per rule, not read', 'tags', 'tags_all'),
  // Configuration-only: the name prefix is used once; force_destroy applies to a delete.
  computed: ['name_prefix', 'force_destroy'],
  json: ['event_pattern'],
  // Who the rule acts as when it invokes its targets.
  policy: ['role_arn'],
  forcesReplacement: ['name', 'name_prefix', 'event_bus_name'],
  trailEvents: ['PutRule', 'DeleteRule', 'EnableRule', 'DisableRule', 'TagResource', 'UntagResource'],
  revert: {
    attributes: ['is_enabled', 'state'],
    sends: ['events:EnableRule', 'events:DisableRule'],
    plan: (f, ctx) => {
      const state = recordedOf(f, 'state');
      const enabled = recordedOf(f, 'is_enabled');
      if (state === 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS')
        return { unsupported: 'this state is set only by PutRule with the whole rule: not reverted' };
      const enable = typeof state === 'string' && state !== '' ? state !== 'DISABLED' : enabled;
      if (typeof enable !== 'boolean') return { unsupported: 'the recorded state is not available' };
      const id = f.resource.id ?? '';
      const at = id.lastIndexOf('/');
      const input = at > 0 ? { EventBusName: id.slice(0, at), Name: id.slice(at + 1) } : { Name: id };
      return { calls: [awsCall('events', enable ? 'EnableRule' : 'DisableRule', regionOf(f, ctx), input)] };
    },
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'event_bus_name', default: 'default' },
      { name: 'description', default: '' },
      { name: 'event_pattern', json: true },
      { name: 'schedule_expression', default: '' },
      { name: 'role_arn', default: '' },
      { name: 'state' },
    ],
  },
});
