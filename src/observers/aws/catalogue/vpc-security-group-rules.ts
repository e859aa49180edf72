/**
 * aws_vpc_security_group_ingress_rule and aws_vpc_security_group_egress_rule: one shared listing
 * (DescribeSecurityGroupRules), split by direction. The import id is the rule id (`sgr-…`).
 */
import type { SecurityGroupRule } from '@aws-sdk/client-ec2';
import { arnOf, tagAttributes } from '../mapping.js';
import { defineResourceType, type AwsScope, type ObservedItem, type ResourceTypeEntry } from './define.js';

/** Why a rule no state manages is not reported as its own unmanaged resource. */
export const RULE_NOISE =
  'a rule is part of its security group: a rule no state manages shows as ingress/egress drift of a managed group, or with its unmanaged group';

export function observeVpcRule(r: SecurityGroupRule, scope: AwsScope): ObservedItem {
  const allTraffic = r.IpProtocol === '-1';
  const referenced = r.ReferencedGroupInfo;
  const owner = r.GroupOwnerId ?? scope.account;
  return {
    id: r.SecurityGroupRuleId ?? '',
    attributes: {
      id: r.SecurityGroupRuleId,
      security_group_rule_id: r.SecurityGroupRuleId,
      arn: arnOf('ec2', scope.region, owner, `security-group-rule/${r.SecurityGroupRuleId}`),
      security_group_id: r.GroupId,
      ip_protocol: r.IpProtocol,
      // The provider leaves the ports null for "all traffic" (the API reports -1).
      from_port: allTraffic ? null : (r.FromPort ?? null),
      to_port: allTraffic ? null : (r.ToPort ?? null),
      cidr_ipv4: r.CidrIpv4 ?? null,
      cidr_ipv6: r.CidrIpv6 ?? null,
      prefix_list_id: r.PrefixListId ?? null,
      referenced_security_group_id: referenced?.GroupId
        ? referenced.UserId && referenced.UserId !== owner
          ? `${referenced.UserId}/${referenced.GroupId}`
          : referenced.GroupId
        : null,
      description: r.Description ?? null,
      ...tagAttributes(r.Tags),
    },
    noise: RULE_NOISE,
  };
}

const COMMON = {
  service: 'ec2',
  observe: observeVpcRule,
  computed: [],
  policy: [
    'cidr_ipv4',
    'cidr_ipv6',
    'prefix_list_id',
    'referenced_security_group_id',
    'from_port',
    'to_port',
    'ip_protocol',
  ],
  caseInsensitive: ['ip_protocol'],
  forcesReplacement: ['security_group_id'],
  trailEvents: [
    'AuthorizeSecurityGroupIngress',
    'AuthorizeSecurityGroupEgress',
    'RevokeSecurityGroupIngress',
    'RevokeSecurityGroupEgress',
    'ModifySecurityGroupRules',
    'CreateTags',
    'DeleteTags',
  ],
} satisfies Partial<ResourceTypeEntry<SecurityGroupRule>>;

export const vpcSecurityGroupIngressRule = defineResourceType<SecurityGroupRule>({
  ...COMMON,
  type: 'aws_vpc_security_group_ingress_rule',
  list: async (repos) => (await repos.ec2.securityGroupRules()).filter((r) => !r.IsEgress),
});

export const vpcSecurityGroupEgressRule = defineResourceType<SecurityGroupRule>({
  ...COMMON,
  type: 'aws_vpc_security_group_egress_rule',
  list: async (repos) => (await repos.ec2.securityGroupRules()).filter((r) => r.IsEgress === true),
});
