/**
 * aws_lb_listener_rule: DescribeRules, one paginated call per listener (the API lists no rules
 * without a listener ARN), on the listener listing aws_lb_listener shares; tags 20 rules per
 * DescribeTags call. The provider's id and import id are the rule ARN.
 *
 * Observed as resourceListenerRuleRead (5.100.0) stores it: `listener_arn` from the rule's listener,
 * `priority` as a number, actions in order (mapped as aws_lb_listener's default actions), conditions
 * as a set whose elements carry every condition block (empty where another field is set), as the
 * provider's SDK writes them. A listener's default rule is the listener's `default_action`, never an
 * aws_lb_listener_rule: observed, marked noise.
 */
import type { Rule, RuleCondition } from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsCall, regionOf } from '../calls.js';
import { sortedStrings, tagRecord } from '../mapping.js';
import type { WithDetails } from '../repositories/elbv2.js';
import { defineResourceType } from './define.js';
import { defaultActionOf } from './lb-listener.js';

type ListedRule = WithDetails<Rule> & { readonly listenerArn: string };

const values = (v: ReadonlyArray<string> | undefined) => [{ values: sortedStrings(v) }];

/** One condition as the provider's flattener writes it: the block of its field, the others empty. */
function conditionOf(c: RuleCondition): Record<string, unknown> {
  return {
    host_header: c.Field === 'host-header' ? values(c.HostHeaderConfig?.Values ?? c.Values) : [],
    http_header:
      c.Field === 'http-header'
        ? [
            {
              http_header_name: c.HttpHeaderConfig?.HttpHeaderName ?? '',
              values: sortedStrings(c.HttpHeaderConfig?.Values),
            },
          ]
        : [],
    http_request_method: c.Field === 'http-request-method' ? values(c.HttpRequestMethodConfig?.Values) : [],
    path_pattern: c.Field === 'path-pattern' ? values(c.PathPatternConfig?.Values ?? c.Values) : [],
    query_string:
      c.Field === 'query-string'
        ? (c.QueryStringConfig?.Values ?? []).map((q) => ({ key: q.Key ?? '', value: q.Value ?? '' }))
        : [],
    source_ip: c.Field === 'source-ip' ? values(c.SourceIpConfig?.Values) : [],
  };
}

export const lbListenerRule = defineResourceType<ListedRule>({
  type: 'aws_lb_listener_rule',
  service: 'elbv2',
  list: (repos) => repos.elbv2.rules(),
  observe: ({ item: r, listenerArn, tags }) => {
    const tagMap = tagRecord(tags);
    const priority = r.Priority === undefined || r.Priority === 'default' ? undefined : Number(r.Priority);
    return {
      id: r.RuleArn ?? '',
      attributes: {
        id: r.RuleArn,
        arn: r.RuleArn,
        listener_arn: listenerArn,
        priority,
        action: [...(r.Actions ?? [])]
          .sort((x, y) => (x.Order ?? 0) - (y.Order ?? 0))
          .map((a, i) => defaultActionOf(a, i)),
        condition: (r.Conditions ?? []).map(conditionOf),
        tags: { ...tagMap },
        tags_all: tagMap,
      },
      ...(r.IsDefault
        ? { noise: "the listener's default rule: Terraform manages it as aws_lb_listener.default_action" }
        : {}),
    };
  },
  sets: [
    'condition',
    'condition.host_header.values',
    'condition.http_header.values',
    'condition.http_request_method.values',
    'condition.path_pattern.values',
    'condition.source_ip.values',
  ],
  // Which requests reach which target, and who must authenticate first.
  policy: ['action', 'condition'],
  forcesReplacement: ['listener_arn'],
  trailEvents: ['CreateRule', 'ModifyRule', 'DeleteRule', 'SetRulePriorities', 'AddTags', 'RemoveTags'],
  limitations:
    'one DescribeRules call per listener (the API cannot list all rules at once); actions are mapped as aws_lb_listener default actions (forward blocks with several target groups and authenticate blocks are not compared)',
  prune: {
    sends: ['elbv2:DeleteRule'],
    plan: (f, ctx) => ({
      calls: [awsCall('elbv2', 'DeleteRule', regionOf(f, ctx), { RuleArn: f.resource.id ?? '' })],
    }),
  },
});
