/**
 * aws_security_group: DescribeSecurityGroups. The import id is the group id. `ingress` and
 * `egress` are sets of rule objects flattened the way the provider flattens IpPermissions: one
 * object per (protocol, from_port, to_port, description), collecting its CIDR blocks, IPv6 blocks,
 * prefix lists and groups, with `self` for the group's own id.
 */
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import type { ArgumentSpec, PlanContext } from '../../../model/catalogue.js';
import type { Finding } from '../../../model/finding.js';
import { awsCall, regionOf, type ApiCall } from '../calls.js';
import { arnOf, tagAttributes } from '../mapping.js';
import { EC2_TAG_OPERATIONS, ec2TagCalls } from '../tag-calls.js';
import { defineResourceType } from './define.js';
import { zeroWhenOmitted } from '../omitted.js';

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
  // securityGroupIPPermGather dereferences GroupId (always returned); aws.ToString elsewhere.
  const id = zeroWhenOmitted(pair.GroupId, '');
  return pair.UserId && ownAccount && pair.UserId !== ownAccount ? `${pair.UserId}/${id}` : id;
}

/** IpPermissions → the provider's rule set. Deterministic: rules and their lists are sorted. */
export function flattenPermissions(
  permissions: ReadonlyArray<IpPermission> | undefined,
  group: { GroupId?: string; OwnerId?: string },
): InlineRule[] {
  const rules = new Map<string, InlineRule>();
  for (const perm of permissions ?? []) {
    // initSecurityGroupRule (internal/service/ec2/vpc_security_group.go): aws.ToString(IpProtocol),
    // ports aws.ToInt32 (0 when omitted), and the description only when non-empty ("" in state).
    const protocol = zeroWhenOmitted(perm.IpProtocol, '');
    // "All traffic" has no ports in the API; the provider records 0-0.
    const fromPort = protocol === '-1' ? 0 : zeroWhenOmitted(perm.FromPort, 0);
    const toPort = protocol === '-1' ? 0 : zeroWhenOmitted(perm.ToPort, 0);
    const ruleFor = (description: string | undefined): InlineRule => {
      const desc = zeroWhenOmitted(description, '');
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

/**
 * Reverts compare rules as single grants ("atoms": protocol, ports, one source, description), so a
 * revert revokes exactly what was added by hand and authorizes exactly what was removed, never a
 * rule the record also holds.
 */
interface RuleAtom {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
  readonly description: string;
  readonly source: { readonly kind: 'cidr' | 'ipv6' | 'prefix' | 'group'; readonly value: string };
}

function atomsOf(rules: unknown, groupId: string): RuleAtom[] {
  if (!Array.isArray(rules)) return [];
  const atoms: RuleAtom[] = [];
  for (const raw of rules as InlineRule[]) {
    const base = {
      protocol: String(raw.protocol),
      from: Number(raw.from_port),
      to: Number(raw.to_port),
      description: raw.description ?? '', // not-observation: rule atoms of a finding, for a revert
    };
    for (const value of raw.cidr_blocks ?? []) atoms.push({ ...base, source: { kind: 'cidr', value } });
    for (const value of raw.ipv6_cidr_blocks ?? []) atoms.push({ ...base, source: { kind: 'ipv6', value } });
    for (const value of raw.prefix_list_ids ?? []) atoms.push({ ...base, source: { kind: 'prefix', value } });
    for (const value of raw.security_groups ?? []) atoms.push({ ...base, source: { kind: 'group', value } });
    if (raw.self) atoms.push({ ...base, source: { kind: 'group', value: groupId } });
  }
  return atoms;
}

const atomKey = (a: RuleAtom) =>
  JSON.stringify([a.protocol, a.from, a.to, a.description, a.source.kind, a.source.value]);

/** One IpPermission per atom: the shape Authorize/Revoke take. */
function permissionOf(atom: RuleAtom): IpPermission {
  const ports = atom.protocol === '-1' ? {} : { FromPort: atom.from, ToPort: atom.to };
  const description = atom.description !== '' ? { Description: atom.description } : {};
  const { kind, value } = atom.source;
  const slash = value.indexOf('/');
  const source: IpPermission =
    kind === 'cidr'
      ? { IpRanges: [{ CidrIp: value, ...description }] }
      : kind === 'ipv6'
        ? { Ipv6Ranges: [{ CidrIpv6: value, ...description }] }
        : kind === 'prefix'
          ? { PrefixListIds: [{ PrefixListId: value, ...description }] }
          : {
              UserIdGroupPairs: [
                slash > 0
                  ? { UserId: value.slice(0, slash), GroupId: value.slice(slash + 1), ...description }
                  : { GroupId: value, ...description },
              ],
            };
  return { IpProtocol: atom.protocol, ...ports, ...source };
}

function ruleCalls(finding: Finding, ctx: PlanContext): ApiCall[] {
  const GroupId = finding.resource.id ?? ''; // not-observation: a revert's input
  const region = regionOf(finding, ctx);
  const calls: ApiCall[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const change = finding.changes.find((c) => c.path === direction);
    if (!change) continue;
    const recorded = new Map(atomsOf(change.recorded, GroupId).map((a) => [atomKey(a), a]));
    const observed = new Map(atomsOf(change.observed, GroupId).map((a) => [atomKey(a), a]));
    const extra = [...observed.entries()].filter(([k]) => !recorded.has(k)).map(([, a]) => permissionOf(a));
    const lacking = [...recorded.entries()].filter(([k]) => !observed.has(k)).map(([, a]) => permissionOf(a));
    // Revoke first: closing an exposure matters more than restoring access.
    if (direction === 'ingress') {
      if (extra.length > 0)
        calls.push(awsCall('ec2', 'RevokeSecurityGroupIngress', region, { GroupId, IpPermissions: extra }));
      if (lacking.length > 0)
        calls.push(awsCall('ec2', 'AuthorizeSecurityGroupIngress', region, { GroupId, IpPermissions: lacking }));
    } else {
      if (extra.length > 0)
        calls.push(awsCall('ec2', 'RevokeSecurityGroupEgress', region, { GroupId, IpPermissions: extra }));
      if (lacking.length > 0)
        calls.push(awsCall('ec2', 'AuthorizeSecurityGroupEgress', region, { GroupId, IpPermissions: lacking }));
    }
  }
  return calls;
}

const ruleFields: ArgumentSpec[] = [
  { name: 'description', default: '' },
  { name: 'from_port', required: true },
  { name: 'to_port', required: true },
  { name: 'protocol', required: true },
  { name: 'cidr_blocks' },
  { name: 'ipv6_cidr_blocks' },
  { name: 'prefix_list_ids' },
  { name: 'security_groups' },
  { name: 'self', default: false },
];

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
      vpc_id: zeroWhenOmitted(g.VpcId, ''), // resourceSecurityGroupRead: d.Set(vpc_id, sg.VpcId)
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
  revert: {
    attributes: ['ingress', 'egress', 'tags', 'tags_all'],
    sends: [
      'ec2:RevokeSecurityGroupIngress',
      'ec2:AuthorizeSecurityGroupIngress',
      'ec2:RevokeSecurityGroupEgress',
      'ec2:AuthorizeSecurityGroupEgress',
      ...EC2_TAG_OPERATIONS,
    ],
    plan: (f, ctx) => ({ calls: [...ruleCalls(f, ctx), ...ec2TagCalls(f, ctx)] }),
  },
  prune: {
    sends: ['ec2:DeleteSecurityGroup'],
    plan: (f, ctx) => ({
      calls: [awsCall('ec2', 'DeleteSecurityGroup', regionOf(f, ctx), { GroupId: f.resource.id })],
    }),
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      // Always written: the provider's default ("Managed by Terraform") would force a replacement.
      { name: 'description', required: true },
      { name: 'vpc_id' },
      { name: 'ingress', block: ruleFields },
      { name: 'egress', block: ruleFields },
      { name: 'tags' },
    ],
  },
});
