/**
 * aws_network_acl_rule: one entry of a network ACL, from DescribeNetworkAcls (the listing
 * aws_network_acl makes: memoized, one call serves both). The provider's id is
 * `nacl-<hashcode of "<acl>-<rule number>-<egress>-<protocol>-">` with the protocol as configured
 * (`tcp` or `6`): the observed id uses the number the API returns, and the rule also pairs by its
 * identity (ACL, rule number, direction), which is how the provider's read finds it.
 *
 * Every entry is observed and marked noise: an entry no state manages as a rule is part of its ACL,
 * where it shows as ingress/egress drift of a managed aws_network_acl (or with its unmanaged ACL).
 */
import type { NetworkAcl, NetworkAclEntry } from '@aws-sdk/client-ec2';
import { terraformHashcode } from '../mapping.js';
import { DEFAULT_ACL_RULE_NUMBERS, aclProtocol, networkAcls } from './network-acl.js';
import { defineResourceType } from './define.js';

export interface AclRuleItem {
  readonly acl: NetworkAcl;
  readonly entry: NetworkAclEntry;
}

/** The provider's networkACLRuleCreateResourceID. */
export function networkAclRuleId(aclId: string, ruleNumber: number, egress: boolean, protocol: string): string {
  return `nacl-${terraformHashcode(`${aclId}-${ruleNumber}-${egress}-${protocol}-`)}`;
}

export const networkAclRule = defineResourceType<AclRuleItem>({
  type: 'aws_network_acl_rule',
  service: 'ec2',
  list: async (repos) =>
    (await networkAcls(repos)).flatMap((acl) => (acl.Entries ?? []).map((entry) => ({ acl, entry }))),
  observe: ({ acl, entry: e }) => {
    const aclId = acl.NetworkAclId ?? '';
    const egress = e.Egress ?? false;
    const ruleNumber = e.RuleNumber ?? 0;
    const protocol = aclProtocol(e.Protocol);
    const id = networkAclRuleId(aclId, ruleNumber, egress, protocol);
    return {
      id,
      attributes: {
        id,
        network_acl_id: aclId,
        rule_number: ruleNumber,
        egress,
        protocol,
        rule_action: e.RuleAction,
        // The provider sets these from the pointers the API returns: absent, the state holds "".
        cidr_block: e.CidrBlock ?? '',
        ipv6_cidr_block: e.Ipv6CidrBlock ?? '',
        ...(e.PortRange ? { from_port: e.PortRange.From, to_port: e.PortRange.To } : {}),
        ...(e.IcmpTypeCode ? { icmp_code: e.IcmpTypeCode.Code, icmp_type: e.IcmpTypeCode.Type } : {}),
      },
      noise: DEFAULT_ACL_RULE_NUMBERS.has(ruleNumber)
        ? 'the deny-all entry AWS puts last in every network ACL (it can be neither configured nor deleted)'
        : 'an entry is part of its network ACL: one no state manages as a rule shows as ingress/egress drift of a managed aws_network_acl, or with its unmanaged ACL',
    };
  },
  // PortRange and IcmpTypeCode come only with the protocols that use them; the provider sets the
  // ports and ICMP fields only when they come (otherwise the state keeps the configured value), so
  // the keys are observed only then.
  computed: [],
  identityAttributes: ['network_acl_id', 'rule_number', 'egress'],
  policy: ['rule_action', 'cidr_block', 'ipv6_cidr_block', 'protocol', 'from_port', 'to_port'],
  // The provider has no update: every argument replaces the rule.
  forcesReplacement: [
    'network_acl_id',
    'rule_number',
    'egress',
    'protocol',
    'rule_action',
    'cidr_block',
    'ipv6_cidr_block',
    'from_port',
    'to_port',
    'icmp_type',
    'icmp_code',
  ],
  trailEvents: ['CreateNetworkAclEntry', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry'],
  limitations: 'no revert or prune: a finding does not carry the rule number and direction DeleteNetworkAclEntry needs',
  codify: {
    arguments: [
      { name: 'network_acl_id', required: true },
      { name: 'rule_number', required: true },
      { name: 'egress', default: false },
      { name: 'protocol', required: true },
      { name: 'rule_action', required: true },
      { name: 'cidr_block' },
      { name: 'ipv6_cidr_block' },
      { name: 'from_port' },
      { name: 'to_port' },
      { name: 'icmp_type' },
      { name: 'icmp_code' },
    ],
  },
});
