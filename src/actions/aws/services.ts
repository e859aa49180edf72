/** Auto Scaling, ELBv2, IAM and S3 reverts and prunes (see types.ts). */
import type { Finding } from '../../model/finding.js';
import { regionOf, type ApiCall, type PlanContext, type PlannedCalls, type TypeActions } from './types.js';

const recordedOf = (f: Finding, path: string) => f.changes.find((c) => c.path === path)?.recorded;

const ASG_SIZES: Readonly<Record<string, string>> = {
  desired_capacity: 'DesiredCapacity',
  min_size: 'MinSize',
  max_size: 'MaxSize',
};

export const autoscalingGroupActions: TypeActions = {
  type: 'aws_autoscaling_group',
  revert: {
    attributes: Object.keys(ASG_SIZES),
    plan: (f, ctx) => {
      const input: Record<string, unknown> = { AutoScalingGroupName: f.resource.id };
      for (const [path, field] of Object.entries(ASG_SIZES)) {
        const value = recordedOf(f, path);
        if (typeof value === 'number') input[field] = value;
      }
      return {
        calls: [{ service: 'autoscaling', operation: 'UpdateAutoScalingGroup', region: regionOf(f, ctx), input }],
      };
    },
  },
};

/** aws_lb argument → the load balancer attribute key ModifyLoadBalancerAttributes takes. */
const LB_ATTRIBUTES: Readonly<Record<string, string>> = {
  idle_timeout: 'idle_timeout.timeout_seconds',
  enable_deletion_protection: 'deletion_protection.enabled',
  enable_http2: 'routing.http2.enabled',
  drop_invalid_header_fields: 'routing.http.drop_invalid_header_fields.enabled',
  desync_mitigation_mode: 'routing.http.desync_mitigation_mode',
  enable_cross_zone_load_balancing: 'load_balancing.cross_zone.enabled',
  preserve_host_header: 'routing.http.preserve_host_header.enabled',
  xff_header_processing_mode: 'routing.http.xff_header_processing.mode',
  client_keep_alive: 'client_keep_alive.seconds',
  enable_waf_fail_open: 'waf.fail_open.enabled',
};

export const loadBalancerActions: TypeActions = {
  type: 'aws_lb',
  revert: {
    attributes: Object.keys(LB_ATTRIBUTES),
    plan: (f, ctx) => ({
      calls: [
        {
          service: 'elbv2',
          operation: 'ModifyLoadBalancerAttributes',
          region: regionOf(f, ctx),
          input: {
            LoadBalancerArn: f.resource.id,
            Attributes: f.changes.map((c) => ({ Key: LB_ATTRIBUTES[c.path], Value: String(c.recorded) })),
          },
        },
      ],
    }),
  },
};

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

export const iamRoleActions: TypeActions = {
  type: 'aws_iam_role',
  revert: {
    attributes: ['managed_policy_arns', 'inline_policy'],
    plan: (f) => {
      const role = f.resource.id;
      const calls: ApiCall[] = [];
      const managed = f.changes.find((c) => c.path === 'managed_policy_arns');
      if (managed) {
        const recorded = new Set(stringList(managed.recorded));
        const observed = new Set(stringList(managed.observed));
        for (const arn of observed)
          if (!recorded.has(arn))
            calls.push({
              service: 'iam',
              operation: 'DetachRolePolicy',
              region: 'global',
              input: { RoleName: role, PolicyArn: arn },
            });
        for (const arn of recorded)
          if (!observed.has(arn))
            calls.push({
              service: 'iam',
              operation: 'AttachRolePolicy',
              region: 'global',
              input: { RoleName: role, PolicyArn: arn },
            });
      }
      const inline = f.changes.find((c) => c.path === 'inline_policy');
      if (inline) {
        if (inline.sensitive) return { unsupported: 'the inline policies are sensitive in the record' };
        const byName = (v: unknown) =>
          new Map(
            (Array.isArray(v) ? (v as { name: string; policy: string }[]) : [])
              .filter((p) => p.name)
              .map((p) => [p.name, p.policy]),
          );
        const recorded = byName(inline.recorded);
        const observed = byName(inline.observed);
        for (const name of observed.keys())
          if (!recorded.has(name))
            calls.push({
              service: 'iam',
              operation: 'DeleteRolePolicy',
              region: 'global',
              input: { RoleName: role, PolicyName: name },
            });
        for (const [name, document] of recorded) {
          if (observed.get(name) !== document)
            calls.push({
              service: 'iam',
              operation: 'PutRolePolicy',
              region: 'global',
              input: { RoleName: role, PolicyName: name, PolicyDocument: document },
            });
        }
      }
      return { calls };
    },
  },
};

/** Splits `role/arn` (attachment) or `role:name` (inline policy) ids. */
function splitId(id: string | undefined, separator: string): [string, string] | undefined {
  const at = id?.indexOf(separator) ?? -1;
  return id && at > 0 ? [id.slice(0, at), id.slice(at + 1)] : undefined;
}

function onManagedRole(role: string, ctx: PlanContext): string | undefined {
  const managed = ctx.managedIds('aws_iam_role');
  if (managed === undefined) return 'cannot tell whether the role is managed (no dependency graph)';
  return managed.has(role) ? undefined : `role ${role} is not managed by any state: prune it instead`;
}

export const iamRolePolicyAttachmentActions: TypeActions = {
  type: 'aws_iam_role_policy_attachment',
  revert: {
    attributes: [],
    unmanaged: true,
    plan: (f, ctx): PlannedCalls => {
      const parts = splitId(f.resource.id, '/');
      if (f.kind !== 'unmanaged' || !parts)
        return { unsupported: 'only a hand-made attachment on a managed role is reverted (detached)' };
      const notManaged = onManagedRole(parts[0], ctx);
      if (notManaged) return { unsupported: notManaged };
      return {
        calls: [
          {
            service: 'iam',
            operation: 'DetachRolePolicy',
            region: 'global',
            input: { RoleName: parts[0], PolicyArn: parts[1] },
          },
        ],
      };
    },
  },
};

export const iamRolePolicyActions: TypeActions = {
  type: 'aws_iam_role_policy',
  revert: {
    attributes: ['policy'],
    unmanaged: true,
    plan: (f, ctx): PlannedCalls => {
      const parts = splitId(f.resource.id, ':');
      if (!parts) return { unsupported: `unexpected id ${f.resource.id ?? '(none)'}` };
      if (f.kind === 'unmanaged') {
        const notManaged = onManagedRole(parts[0], ctx);
        if (notManaged) return { unsupported: notManaged };
        return {
          calls: [
            {
              service: 'iam',
              operation: 'DeleteRolePolicy',
              region: 'global',
              input: { RoleName: parts[0], PolicyName: parts[1] },
            },
          ],
        };
      }
      const policy = f.changes.find((c) => c.path === 'policy');
      if (!policy || policy.sensitive || typeof policy.recorded !== 'string')
        return { unsupported: 'the recorded policy document is not available' };
      return {
        calls: [
          {
            service: 'iam',
            operation: 'PutRolePolicy',
            region: 'global',
            input: { RoleName: parts[0], PolicyName: parts[1], PolicyDocument: policy.recorded },
          },
        ],
      };
    },
  },
};

export const iamPolicyActions: TypeActions = {
  type: 'aws_iam_policy',
  prune: {
    plan: (f) => ({
      calls: [
        {
          service: 'iam',
          operation: 'DeletePolicy',
          region: 'global',
          input: { PolicyArn: f.resource.id },
          note: 'detaches it everywhere and deletes its other versions first',
        },
      ],
    }),
  },
};

export const s3VersioningActions: TypeActions = {
  type: 'aws_s3_bucket_versioning',
  revert: {
    attributes: ['versioning_configuration[0].status'],
    plan: (f, ctx) => ({
      calls: [
        {
          service: 's3',
          operation: 'PutBucketVersioning',
          region: regionOf(f, ctx),
          input: {
            Bucket: f.resource.id,
            VersioningConfiguration: { Status: recordedOf(f, 'versioning_configuration[0].status') },
          },
        },
      ],
    }),
  },
};

const PAB_FIELDS: Readonly<Record<string, string>> = {
  block_public_acls: 'BlockPublicAcls',
  block_public_policy: 'BlockPublicPolicy',
  ignore_public_acls: 'IgnorePublicAcls',
  restrict_public_buckets: 'RestrictPublicBuckets',
};

export const s3PublicAccessBlockActions: TypeActions = {
  type: 'aws_s3_bucket_public_access_block',
  revert: {
    attributes: Object.keys(PAB_FIELDS),
    plan: (f, ctx) => ({
      calls: [
        {
          service: 's3',
          operation: 'PutPublicAccessBlock',
          region: regionOf(f, ctx),
          input: {
            Bucket: f.resource.id,
            PublicAccessBlockConfiguration: Object.fromEntries(f.changes.map((c) => [PAB_FIELDS[c.path], c.recorded])),
          },
          note: 'the settings not listed keep their current values',
        },
      ],
    }),
  },
};
