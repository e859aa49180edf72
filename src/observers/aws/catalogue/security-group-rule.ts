/**
 * aws_security_group_rule: the legacy one-rule-per-resource type. Its id is synthetic in the
 * provider (`sgrule-<CRC-32 of the group id, ports, protocol, direction and sources>`), so it is
 * matched by content: the observer splits each IpPermission of DescribeSecurityGroups into one item
 * per source (CIDR, IPv6 CIDR, prefix list or group) and gives it the id the provider computes for
 * a rule with exactly that one source. A state rule with one source therefore matches by id; a
 * state rule listing several cidr_blocks has an id over all of them and matches no single item
 * (the engine can fall back on `ruleContentKey`).
 */
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import { terraformHashcode } from '../mapping.js';
import { defineResourceType, type ObservedItem } from './define.js';
import { zeroWhenOmitted } from '../omitted.js';
import { groupReference } from './security-group.js';
import { RULE_NOISE } from './vpc-security-group-rules.js';

export interface AtomicRule {
  readonly group: SecurityGroup;
  readonly direction: 'ingress' | 'egress';
  /** An IpPermission with exactly one source. */
  readonly permission: IpPermission;
}

/** The provider's IPPermissionIDHash, for one permission: an id, not an observed value. */
export function securityGroupRuleId(groupId: string, direction: string, perm: IpPermission): string {
  const str = (v: string | undefined): string => v ?? ''; // not-observation: the hash's aws.ToString
  let buf = `${groupId}-`;
  if (perm.FromPort !== undefined && perm.FromPort > 0) buf += `${perm.FromPort}-`;
  if (perm.ToPort !== undefined && perm.ToPort > 0) buf += `${perm.ToPort}-`;
  buf += `${perm.IpProtocol}-${direction}-`;
  for (const v of (perm.IpRanges ?? []).map((r) => str(r.CidrIp)).sort()) buf += `${v}-`;
  for (const v of (perm.Ipv6Ranges ?? []).map((r) => str(r.CidrIpv6)).sort()) buf += `${v}-`;
  for (const v of (perm.PrefixListIds ?? []).map((r) => str(r.PrefixListId)).sort()) buf += `${v}-`;
  for (const pair of perm.UserIdGroupPairs ?? []) buf += `${str(pair.GroupId)}-${str(pair.GroupName)}-`;
  return `sgrule-${terraformHashcode(buf)}`;
}

/** Splits a group's permissions into one-source rules. */
export function atomicRules(group: SecurityGroup): AtomicRule[] {
  const out: AtomicRule[] = [];
  const split = (direction: 'ingress' | 'egress', perms: ReadonlyArray<IpPermission> | undefined) => {
    for (const perm of perms ?? []) {
      const base = { IpProtocol: perm.IpProtocol, FromPort: perm.FromPort, ToPort: perm.ToPort };
      for (const r of perm.IpRanges ?? []) out.push({ group, direction, permission: { ...base, IpRanges: [r] } });
      for (const r of perm.Ipv6Ranges ?? []) out.push({ group, direction, permission: { ...base, Ipv6Ranges: [r] } });
      for (const r of perm.PrefixListIds ?? [])
        out.push({ group, direction, permission: { ...base, PrefixListIds: [r] } });
      for (const p of perm.UserIdGroupPairs ?? [])
        out.push({
          group,
          direction,
          permission: {
            ...base,
            UserIdGroupPairs: [{ GroupId: p.GroupId, UserId: p.UserId, Description: p.Description }],
          },
        });
    }
  };
  split('ingress', group.IpPermissions);
  split('egress', group.IpPermissionsEgress);
  return out;
}

/** Content identity of a rule (direction, group, protocol, ports, sorted sources), for matching without ids. */
export function ruleContentKey(attributes: Readonly<Record<string, unknown>>): string {
  // not-observation: a matching key built from attributes already mapped
  const list = (k: string) => [...((attributes[k] as string[] | undefined) ?? [])].sort().join(',');
  return [
    attributes['type'],
    attributes['security_group_id'],
    attributes['protocol'],
    attributes['from_port'],
    attributes['to_port'],
    list('cidr_blocks'),
    list('ipv6_cidr_blocks'),
    list('prefix_list_ids'),
    attributes['source_security_group_id'] ?? '', // not-observation: part of the matching key
    attributes['self'] ? 'self' : '',
  ].join('|');
}

/**
 * As resourceSecurityGroupRuleRead / setFromIPPerm (internal/service/ec2/vpc_security_group_rule.go)
 * store a rule: ports as returned (0 when omitted), the sources as lists (empty when omitted).
 */
export function observeAtomicRule({ group, direction, permission: p }: AtomicRule): ObservedItem {
  const pair = p.UserIdGroupPairs?.[0];
  const isSelf = pair?.GroupId !== undefined && pair.GroupId === group.GroupId;
  const allTraffic = p.IpProtocol === '-1';
  const description = zeroWhenOmitted(
    p.IpRanges?.[0]?.Description ??
      p.Ipv6Ranges?.[0]?.Description ??
      p.PrefixListIds?.[0]?.Description ??
      pair?.Description,
    '',
  );
  return {
    id: securityGroupRuleId(group.GroupId ?? '', direction, p),
    attributes: {
      type: direction,
      security_group_id: group.GroupId,
      protocol: p.IpProtocol,
      from_port: allTraffic ? 0 : zeroWhenOmitted(p.FromPort, 0),
      to_port: allTraffic ? 0 : zeroWhenOmitted(p.ToPort, 0),
      cidr_blocks: zeroWhenOmitted(p.IpRanges, []).map((r) => zeroWhenOmitted(r.CidrIp, '')),
      ipv6_cidr_blocks: zeroWhenOmitted(p.Ipv6Ranges, []).map((r) => zeroWhenOmitted(r.CidrIpv6, '')),
      prefix_list_ids: zeroWhenOmitted(p.PrefixListIds, []).map((r) => zeroWhenOmitted(r.PrefixListId, '')),
      source_security_group_id: pair && !isSelf ? groupReference(pair, group.OwnerId) : null,
      self: isSelf,
      description,
    },
    noise: RULE_NOISE,
  };
}

export const securityGroupRule = defineResourceType<AtomicRule>({
  type: 'aws_security_group_rule',
  service: 'ec2',
  list: async (repos) => (await repos.ec2.securityGroups()).flatMap(atomicRules),
  observe: (rule) => observeAtomicRule(rule),
  // security_group_rule_id needs DescribeSecurityGroupRules; the content above already identifies the rule.
  computed: ['security_group_rule_id', 'timeouts'],
  sets: ['cidr_blocks', 'ipv6_cidr_blocks', 'prefix_list_ids'],
  policy: [
    'cidr_blocks',
    'ipv6_cidr_blocks',
    'prefix_list_ids',
    'source_security_group_id',
    'self',
    'from_port',
    'to_port',
    'protocol',
  ],
  forcesReplacement: [
    'type',
    'security_group_id',
    'protocol',
    'from_port',
    'to_port',
    'cidr_blocks',
    'ipv6_cidr_blocks',
    'prefix_list_ids',
    'source_security_group_id',
    'self',
  ],
  trailEvents: [
    'AuthorizeSecurityGroupIngress',
    'AuthorizeSecurityGroupEgress',
    'RevokeSecurityGroupIngress',
    'RevokeSecurityGroupEgress',
    'ModifySecurityGroupRules',
  ],
  limitations:
    'ids are synthetic in the provider: a rule resource with one source matches by id; one with several cidr_blocks is observed per source',
});
