/**
 * Elastic Load Balancing v2 repository. Load balancers and target groups list in bulk (400 per
 * page); tags come 20 resources per call. Three things have no bulk API and cost one call per
 * resource, run at most `ctx.fanOut` at a time: listeners (DescribeListeners needs a load balancer
 * ARN), load-balancer attributes and target-group attributes.
 */
import {
  DescribeLoadBalancerAttributesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeRules,
  paginateDescribeTargetGroups,
  type Listener,
  type LoadBalancer,
  type Rule,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { RepositoryContext } from './index.js';
import { chunk, collectPages, mapLimit } from './paging.js';

/** Key/value attributes (`idle_timeout.timeout_seconds` → `60`) and tags, beside the API object. */
export interface WithDetails<T> {
  readonly item: T;
  readonly attributes: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
}

/** DescribeTags accepts at most 20 resource ARNs per call. */
const TAGS_PER_CALL = 20;

export function createElbv2Repository(ctx: RepositoryContext) {
  const client = () => ctx.client('elbv2');
  const paging = () => ({ client: client(), pageSize: 400, stopOnSameToken: true });

  const tagsOf = async (arns: ReadonlyArray<string>): Promise<Map<string, Record<string, string>>> => {
    const out = new Map<string, Record<string, string>>();
    await mapLimit(chunk(arns, TAGS_PER_CALL), ctx.fanOut, async (batch) => {
      const res = await client().send(new DescribeTagsCommand({ ResourceArns: batch }));
      for (const description of res.TagDescriptions ?? []) {
        if (!description.ResourceArn) continue;
        out.set(
          description.ResourceArn,
          Object.fromEntries((description.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
        );
      }
    });
    return out;
  };

  const toRecord = (pairs: ReadonlyArray<{ Key?: string; Value?: string }> | undefined): Record<string, string> =>
    Object.fromEntries((pairs ?? []).filter((p) => p.Key !== undefined).map((p) => [p.Key as string, p.Value ?? '']));

  const loadBalancers = (): Promise<LoadBalancer[]> =>
    ctx.list('elasticloadbalancing:DescribeLoadBalancers', () =>
      collectPages(paginateDescribeLoadBalancers(paging(), {}), (p) => p.LoadBalancers),
    );

  const targetGroups = (): Promise<TargetGroup[]> =>
    ctx.list('elasticloadbalancing:DescribeTargetGroups', () =>
      collectPages(paginateDescribeTargetGroups(paging(), {}), (p) => p.TargetGroups),
    );

  const listenerItems = async (): Promise<Listener[]> => {
    const balancers = await loadBalancers();
    const perBalancer = await ctx.list('elasticloadbalancing:DescribeListeners', () =>
      mapLimit(balancers, ctx.fanOut, (lb) =>
        collectPages(paginateDescribeListeners(paging(), { LoadBalancerArn: lb.LoadBalancerArn }), (p) => p.Listeners),
      ),
    );
    return perBalancer.flat();
  };

  return {
    loadBalancers,
    targetGroups,

    loadBalancersWithDetails: async (): Promise<WithDetails<LoadBalancer>[]> => {
      const items = await loadBalancers();
      const arns = items.map((lb) => lb.LoadBalancerArn ?? '');
      const [attributes, tags] = await Promise.all([
        ctx.list('elasticloadbalancing:DescribeLoadBalancerAttributes', () =>
          mapLimit(arns, ctx.fanOut, async (arn) =>
            toRecord(
              (await client().send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }))).Attributes,
            ),
          ),
        ),
        ctx.list('elasticloadbalancing:DescribeTags', () => tagsOf(arns), 'elasticloadbalancing:DescribeTags/lb'),
      ]);
      return items.map((item, i) => ({ item, attributes: attributes[i] ?? {}, tags: tags.get(arns[i] ?? '') ?? {} }));
    },

    targetGroupsWithDetails: async (): Promise<WithDetails<TargetGroup>[]> => {
      const items = await targetGroups();
      const arns = items.map((tg) => tg.TargetGroupArn ?? '');
      const [attributes, tags] = await Promise.all([
        ctx.list('elasticloadbalancing:DescribeTargetGroupAttributes', () =>
          mapLimit(arns, ctx.fanOut, async (arn) =>
            toRecord(
              (await client().send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }))).Attributes,
            ),
          ),
        ),
        ctx.list('elasticloadbalancing:DescribeTags', () => tagsOf(arns), 'elasticloadbalancing:DescribeTags/tg'),
      ]);
      return items.map((item, i) => ({ item, attributes: attributes[i] ?? {}, tags: tags.get(arns[i] ?? '') ?? {} }));
    },

    /** Listeners of every load balancer (one paginated call per load balancer: no bulk API). */
    listeners: async (): Promise<WithDetails<Listener>[]> => {
      const listeners = await listenerItems();
      const arns = listeners.map((l) => l.ListenerArn ?? '');
      const tags = await ctx.list(
        'elasticloadbalancing:DescribeTags',
        () => tagsOf(arns),
        'elasticloadbalancing:DescribeTags/listener',
      );
      return listeners.map((item, i) => ({ item, attributes: {}, tags: tags.get(arns[i] ?? '') ?? {} }));
    },

    /**
     * Rules of every listener (one paginated DescribeRules per listener: no bulk API), on the
     * listener listing aws_lb_listener shares, with their listener's ARN and their tags.
     */
    rules: async (): Promise<Array<WithDetails<Rule> & { readonly listenerArn: string }>> => {
      const listeners = await listenerItems();
      const perListener = await ctx.list('elasticloadbalancing:DescribeRules', () =>
        mapLimit(listeners, ctx.fanOut, (l) =>
          collectPages(paginateDescribeRules(paging(), { ListenerArn: l.ListenerArn }), (p) => p.Rules),
        ),
      );
      const rules = perListener.flatMap((items, i) =>
        items.map((item) => ({ item, listenerArn: listeners[i]?.ListenerArn ?? '' })),
      );
      const arns = rules.map((r) => r.item.RuleArn ?? '');
      const tags = await ctx.list(
        'elasticloadbalancing:DescribeTags',
        () => tagsOf(arns),
        'elasticloadbalancing:DescribeTags/rule',
      );
      return rules.map((r, i) => ({ ...r, attributes: {}, tags: tags.get(arns[i] ?? '') ?? {} }));
    },
  };
}
export type Elbv2Repository = ReturnType<typeof createElbv2Repository>;
