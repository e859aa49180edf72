/**
 * aws_security_group: DescribeSecurityGroups. The import id is the group id. `ingress` and
 * `egress` are sets of rule objects flattened the way the provider flattens IpPermissions: one
 * object per (protocol, from_port, to_port, description), collecting its CIDR blocks, IPv6 blocks,
 * prefix lists and groups, with `self` for the group's own id.
 */
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import { arnOf, tagAttributes } from '../mapping.js';
import { defineResourceType } from './define.js';

export interface InlineRule {
  from_port: number;
  to_port: number;
  protocol: string;
  cidr_blocks: string[];
  ipv6_cidr_blocks: string[];
  prefix_list_ids: string[];
  security_groups: string[];
  self: boolean;
  description: string;
}

/** A referenced group as the provider writes it: the id, or `account/id` for another account's group. */
export function groupReference(pair: { GroupId?: string; UserId?: string }, ownAccount: string | undefined): string {
  const id = pair.GroupId ?? '';
  return pair.UserId && ownAccount && pair.UserId !== ownAccount ? `${pair.UserId}/${id}` : id;
}

/** IpPermissions → the provider's rule set. Deterministic: rules and their lists are sorted. */
export function flattenPermissions(
  permissions: ReadonlyArray<IpPermission> | undefined,
  group: { GroupId?: string; OwnerId?: string },
): InlineRule[] {
  const rules = new Map<string, InlineRule>();
  for (const perm of permissions ?? []) {
    const protocol = perm.IpProtocol ?? '-1';
    // "All traffic" has no ports in the API; the provider records 0-0.
    const fromPort = protocol === '-1' ? 0 : (perm.FromPort ?? 0);
    const toPort = protocol === '-1' ? 0 : (perm.ToPort ?? 0);
    const ruleFor = (description: string | undefined): InlineRule => {
      const desc = description ?? '';
      const key = `${protocol}|${fromPort}|${toPort}|${desc}`;
      let rule = rules.get(key);
      if (!rule) {
        rule = {
          from_port: fromPort,
          to_port: toPort,
          protocol,
          cidr_blocks: [],
          ipv6_cidr_blocks: [],
          prefix_list_ids: [],
          security_groups: [],
          self: false,
          description: desc,
        };
        rules.set(key, rule);
      }
      return rule;
    };
    for (const r of perm.IpRanges ?? []) if (r.CidrIp) ruleFor(r.Description).cidr_blocks.push(r.CidrIp);
    for (const r of perm.Ipv6Ranges ?? []) if (r.CidrIpv6) ruleFor(r.Description).ipv6_cidr_blocks.push(r.CidrIpv6);
    for (const r of perm.PrefixListIds ?? [])
      if (r.PrefixListId) ruleFor(r.Description).prefix_list_ids.push(r.PrefixListId);
    for (const pair of perm.UserIdGroupPairs ?? []) {
      const rule = ruleFor(pair.Description);
      if (pair.GroupId && pair.GroupId === group.GroupId) rule.self = true;
      else rule.security_groups.push(groupReference(pair, group.OwnerId));
    }
  }
  const sorted = [...rules.values()].map((r) => ({
    ...r,
    cidr_blocks: [...r.cidr_blocks].sort(),
    ipv6_cidr_blocks: [...r.ipv6_cidr_blocks].sort(),
    prefix_list_ids: [...r.prefix_list_ids].sort(),
    security_groups: [...r.security_groups].sort(),
  }));
  return sorted.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

export const securityGroup = defineResourceType<SecurityGroup>({
  type: 'aws_security_group',
  service: 'ec2',
  list: (repos) => repos.ec2.securityGroups(),
  observe: (g, scope) => ({
    id: g.GroupId ?? '',
    attributes: {
      id: g.GroupId,
      arn: g.SecurityGroupArn ?? arnOf('ec2', scope.region, g.OwnerId ?? scope.account, `security-group/${g.GroupId}`),
      name: g.GroupName,
      description: g.Description,
      vpc_id: g.VpcId ?? '',
      owner_id: g.OwnerId,
      ingress: flattenPermissions(g.IpPermissions, g),
      egress: flattenPermissions(g.IpPermissionsEgress, g),
      ...tagAttributes(g.Tags),
    },
    ...(g.GroupName === 'default'
      ? {
          noise:
            'the default security group AWS creates with every VPC (Terraform manages it as aws_default_security_group)',
        }
      : {}),
  }),
  // name_prefix, revoke_rules_on_delete and timeouts are configuration-only: the API never returns them.
  computed: ['name_prefix', 'revoke_rules_on_delete', 'timeouts'],
  sets: ['ingress', 'egress'],
  policy: ['ingress', 'egress'],
  defaults: [{ path: 'description', value: 'Managed by Terraform', why: "the provider's default description" }],
  forcesReplacement: ['name', 'name_prefix', 'description', 'vpc_id'],
  trailEvents: [
    'CreateSecurityGroup',
    'DeleteSecurityGroup',
    'AuthorizeSecurityGroupIngress',
    'AuthorizeSecurityGroupEgress',
    'RevokeSecurityGroupIngress',
    'RevokeSecurityGroupEgress',
    'ModifySecurityGroupRules',
    'UpdateSecurityGroupRuleDescriptionsIngress',
    'UpdateSecurityGroupRuleDescriptionsEgress',
    'CreateTags',
    'DeleteTags',
  ],
});
