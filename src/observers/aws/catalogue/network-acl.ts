/**
 * aws_network_acl: DescribeNetworkAcls through the generic listing (shared with
 * aws_network_acl_rule and aws_default_network_acl: one call). The import id is the ACL id. As the
 * provider's read: `ingress` and `egress` are sets of entry objects (every key present, zero values
 * where the API sends none, as a set element is stored), the protocol as its number; AWS's own
 * deny-all entries (rule 32767, and 32768 for IPv6) are left out, as the provider leaves them out
 * (they can be neither configured nor deleted); `subnet_ids` from the associations.
 */
import type { NetworkAcl, NetworkAclEntry } from '@aws-sdk/client-ec2';
import { arnOf, sortedStrings, tagAttributes } from '../mapping.js';
import type { AwsRepositories } from '../repositories/index.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

/** The deny-all entries AWS puts last in every ACL (the provider's defaultACLRuleNumberIPv4/IPv6). */
/** The arguments of one ingress or egress entry block, the same for both directions. */
const ACL_ENTRY_ARGUMENTS = [
  { name: 'rule_no', required: true },
  { name: 'action', required: true },
  { name: 'protocol', required: true },
  { name: 'cidr_block', default: '' },
  { name: 'ipv6_cidr_block', default: '' },
  { name: 'from_port', required: true },
  { name: 'to_port', required: true },
  { name: 'icmp_type', default: 0 },
  { name: 'icmp_code', default: 0 },
];

export const DEFAULT_ACL_RULE_NUMBERS: ReadonlySet<number> = new Set([32767, 32768]);

/** Every network ACL of the scope: one memoized listing for the three ACL types. */
export function networkAcls(repos: AwsRepositories): Promise<NetworkAcl[]> {
  return repos.listing.list('ec2', 'DescribeNetworkAcls', {}, (page) => page.NetworkAcls, 1000);
}

/** The provider's protocol: a number as a string (the API already speaks numbers; "" when absent). */
export function aclProtocol(protocol: string | undefined): string {
  return protocol ?? '';
}

export interface AclEntryObject {
  action: string;
  cidr_block: string;
  from_port: number;
  icmp_code: number;
  icmp_type: number;
  ipv6_cidr_block: string;
  protocol: string;
  rule_no: number;
  to_port: number;
}

/** flattenNetworkACLEntry, with the zero values a stored set element holds for unset keys. */
export function aclEntryObject(e: NetworkAclEntry): AclEntryObject {
  return {
    action: e.RuleAction ?? '',
    cidr_block: e.CidrBlock ?? '',
    from_port: e.PortRange?.From ?? 0,
    icmp_code: e.IcmpTypeCode?.Code ?? 0,
    icmp_type: e.IcmpTypeCode?.Type ?? 0,
    ipv6_cidr_block: e.Ipv6CidrBlock ?? '',
    protocol: aclProtocol(e.Protocol),
    rule_no: e.RuleNumber ?? 0,
    to_port: e.PortRange?.To ?? 0,
  };
}

/** The configurable entries of one direction, in a deterministic order. */
export function aclEntries(acl: NetworkAcl, egress: boolean): AclEntryObject[] {
  return (acl.Entries ?? [])
    .filter((e) => (e.Egress ?? false) === egress && !DEFAULT_ACL_RULE_NUMBERS.has(e.RuleNumber ?? -1))
    .map(aclEntryObject)
    .sort((a, b) => a.rule_no - b.rule_no || JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** The attributes aws_network_acl and aws_default_network_acl share. */
export function aclAttributes(acl: NetworkAcl, scope: { account: string; region: string }): Record<string, unknown> {
  const owner = acl.OwnerId ?? scope.account;
  return {
    id: acl.NetworkAclId,
    arn: arnOf('ec2', scope.region, owner, `network-acl/${acl.NetworkAclId}`),
    owner_id: acl.OwnerId,
    vpc_id: acl.VpcId,
    subnet_ids: sortedStrings(acl.Associations?.map((a) => a.SubnetId)),
    ingress: aclEntries(acl, false),
    egress: aclEntries(acl, true),
    ...tagAttributes(acl.Tags),
  };
}

export const networkAcl = defineResourceType<NetworkAcl>({
  type: 'aws_network_acl',
  service: 'ec2',
  list: networkAcls,
  observe: (acl, scope) => ({
    id: acl.NetworkAclId ?? '',
    attributes: aclAttributes(acl, scope),
    ...(acl.IsDefault
      ? {
          noise: 'the default network ACL AWS creates with every VPC (Terraform manages it as aws_default_network_acl)',
        }
      : {}),
  }),
  computed: [],
  sets: ['ingress', 'egress', 'subnet_ids'],
  // Which traffic a subnet admits: the rules and the subnets they apply to are exposure-relevant.
  policy: ['ingress', 'egress', 'subnet_ids'],
  forcesReplacement: ['vpc_id'],
  trailEvents: [
    'CreateNetworkAcl',
    'DeleteNetworkAcl',
    'CreateNetworkAclEntry',
    'DeleteNetworkAclEntry',
    'ReplaceNetworkAclEntry',
    'ReplaceNetworkAclAssociation',
    'CreateTags',
    'DeleteTags',
  ],
  revert: ec2TagRevert,
  codify: {
    arguments: [
      { name: 'vpc_id', required: true },
      { name: 'subnet_ids' },
      { name: 'ingress', block: ACL_ENTRY_ARGUMENTS },
      { name: 'egress', block: ACL_ENTRY_ARGUMENTS },
      { name: 'tags' },
    ],
  },
});
