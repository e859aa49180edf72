/**
 * EC2 reverts and prunes. Security-group rules are compared as single grants ("atoms": protocol,
 * ports, one source, description) so a revert revokes exactly what was added by hand and authorizes
 * exactly what was removed, never a rule the record also holds.
 */
import type { Finding } from '../../model/finding.js';
import type { InlineRule } from '../../observers/aws/catalogue/security-group.js';
import { ec2TagCalls } from './tags.js';
import { regionOf, type ApiCall, type PlanContext, type PlannedCalls, type TypeActions } from './types.js';

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
      description: raw.description ?? '',
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
function permissionOf(atom: RuleAtom): Record<string, unknown> {
  const ports = atom.protocol === '-1' ? {} : { FromPort: atom.from, ToPort: atom.to };
  const description: Record<string, string> = atom.description !== '' ? { Description: atom.description } : {};
  const source =
    atom.source.kind === 'cidr'
      ? { IpRanges: [{ CidrIp: atom.source.value, ...description }] }
      : atom.source.kind === 'ipv6'
        ? { Ipv6Ranges: [{ CidrIpv6: atom.source.value, ...description }] }
        : atom.source.kind === 'prefix'
          ? { PrefixListIds: [{ PrefixListId: atom.source.value, ...description }] }
          : { UserIdGroupPairs: [groupPair(atom.source.value, description)] };
  return { IpProtocol: atom.protocol, ...ports, ...source };
}

function groupPair(reference: string, description: Record<string, string>): Record<string, string> {
  const slash = reference.indexOf('/');
  return slash > 0
    ? { UserId: reference.slice(0, slash), GroupId: reference.slice(slash + 1), ...description }
    : { GroupId: reference, ...description };
}

function ruleCalls(finding: Finding, ctx: PlanContext): ApiCall[] {
  const groupId = finding.resource.id ?? '';
  const region = regionOf(finding, ctx);
  const calls: ApiCall[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const change = finding.changes.find((c) => c.path === direction);
    if (!change) continue;
    const recorded = new Map(atomsOf(change.recorded, groupId).map((a) => [atomKey(a), a]));
    const observed = new Map(atomsOf(change.observed, groupId).map((a) => [atomKey(a), a]));
    const extra = [...observed.entries()].filter(([k]) => !recorded.has(k)).map(([, a]) => a);
    const lacking = [...recorded.entries()].filter(([k]) => !observed.has(k)).map(([, a]) => a);
    const suffix = direction === 'ingress' ? 'Ingress' : 'Egress';
    // Revoke first: closing an exposure matters more than restoring access.
    if (extra.length > 0) {
      calls.push({
        service: 'ec2',
        operation: `RevokeSecurityGroup${suffix}`,
        region,
        input: { GroupId: groupId, IpPermissions: extra.map(permissionOf) },
      });
    }
    if (lacking.length > 0) {
      calls.push({
        service: 'ec2',
        operation: `AuthorizeSecurityGroup${suffix}`,
        region,
        input: { GroupId: groupId, IpPermissions: lacking.map(permissionOf) },
      });
    }
  }
  return calls;
}

const withTags = (finding: Finding, ctx: PlanContext, calls: ApiCall[]): PlannedCalls => ({
  calls: [...calls, ...ec2TagCalls(finding, ctx)],
});

export const securityGroupActions: TypeActions = {
  type: 'aws_security_group',
  revert: {
    attributes: ['ingress', 'egress', 'tags', 'tags_all'],
    plan: (f, ctx) => withTags(f, ctx, ruleCalls(f, ctx)),
  },
  prune: {
    plan: (f, ctx) => ({
      calls: [
        {
          service: 'ec2',
          operation: 'DeleteSecurityGroup',
          region: regionOf(f, ctx),
          input: { GroupId: f.resource.id },
        },
      ],
    }),
  },
};

export const instanceActions: TypeActions = {
  type: 'aws_instance',
  revert: {
    attributes: ['instance_type', 'tags', 'tags_all'],
    plan: (f, ctx) => {
      const typeChange = f.changes.find((c) => c.path === 'instance_type');
      if (!typeChange) return withTags(f, ctx, []);
      if (!ctx.instanceTypeRevert) {
        return {
          unsupported:
            'instance type revert stops and starts the instance: enable it with reconcile.revert_instance_type',
        };
      }
      const region = regionOf(f, ctx);
      const id = f.resource.id;
      return withTags(f, ctx, [
        {
          service: 'ec2',
          operation: 'StopInstances',
          region,
          input: { InstanceIds: [id] },
          note: 'waits until stopped',
        },
        {
          service: 'ec2',
          operation: 'ModifyInstanceAttribute',
          region,
          input: { InstanceId: id, InstanceType: { Value: typeChange.recorded } },
        },
        { service: 'ec2', operation: 'StartInstances', region, input: { InstanceIds: [id] } },
      ]);
    },
  },
};

export const ebsVolumeActions: TypeActions = {
  type: 'aws_ebs_volume',
  revert: { attributes: ['tags', 'tags_all'], plan: (f, ctx) => withTags(f, ctx, []) },
  prune: {
    plan: (f, ctx) => {
      const region = regionOf(f, ctx);
      return {
        calls: [
          // A deleted volume cannot be undone; its snapshot can be restored.
          {
            service: 'ec2',
            operation: 'CreateSnapshot',
            region,
            input: { VolumeId: f.resource.id, Description: `driftwarden: before pruning ${f.resource.id}` },
            note: 'waits until the snapshot completes',
          },
          { service: 'ec2', operation: 'DeleteVolume', region, input: { VolumeId: f.resource.id } },
        ],
      };
    },
  },
};

export const ebsSnapshotActions: TypeActions = {
  type: 'aws_ebs_snapshot',
  prune: {
    plan: (f, ctx) => ({
      calls: [
        { service: 'ec2', operation: 'DeleteSnapshot', region: regionOf(f, ctx), input: { SnapshotId: f.resource.id } },
      ],
    }),
  },
};

/** EC2 types whose only revertible attributes are their tags. */
export const ec2TagOnlyActions: TypeActions[] = [
  'aws_vpc',
  'aws_subnet',
  'aws_internet_gateway',
  'aws_route_table',
  'aws_eip',
  'aws_launch_template',
].map((type) => ({
  type,
  revert: { attributes: ['tags', 'tags_all'], plan: (f: Finding, ctx: PlanContext) => withTags(f, ctx, []) },
}));
