/**
 * Sends a plan's API calls through the SDK clients of an AwsClientFactory (so the emulator, custom
 * endpoints, retries and call counting work exactly as for observation). The few calls that need
 * more than one request are named here: a stop waits until stopped, a snapshot waits until it
 * completes, a policy is detached everywhere before it is deleted, a public access block keeps
 * the settings the plan does not change.
 */
import { UpdateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSnapshotCommand,
  CreateTagsCommand,
  DeleteSecurityGroupCommand,
  DeleteSnapshotCommand,
  DeleteTagsCommand,
  DeleteVolumeCommand,
  DescribeInstancesCommand,
  type DescribeInstancesCommandOutput,
  DescribeSnapshotsCommand,
  ModifyInstanceAttributeCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  StartInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { ModifyLoadBalancerAttributesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  AttachRolePolicyCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRolePolicyCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  ListEntitiesForPolicyCommand,
  ListPolicyVersionsCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  GetPublicAccessBlockCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import type { AwsClientFactory } from '../../observers/aws/client.js';
import { classifyAwsError } from '../../observers/aws/errors.js';
import type { ApiCall } from './types.js';

// The executor table spans the commands of every AWS service: inputs come from validated plan items
// and outputs are read field by field. This is the executors' one untyped boundary.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = new (input: any) => any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the boundary above
type SdkClient = { send(command: unknown): Promise<any> };

const COMMANDS: Readonly<Record<string, AnyCommand>> = {
  'autoscaling:UpdateAutoScalingGroup': UpdateAutoScalingGroupCommand,
  'ec2:AuthorizeSecurityGroupIngress': AuthorizeSecurityGroupIngressCommand,
  'ec2:AuthorizeSecurityGroupEgress': AuthorizeSecurityGroupEgressCommand,
  'ec2:RevokeSecurityGroupIngress': RevokeSecurityGroupIngressCommand,
  'ec2:RevokeSecurityGroupEgress': RevokeSecurityGroupEgressCommand,
  'ec2:CreateTags': CreateTagsCommand,
  'ec2:DeleteTags': DeleteTagsCommand,
  'ec2:StopInstances': StopInstancesCommand,
  'ec2:ModifyInstanceAttribute': ModifyInstanceAttributeCommand,
  'ec2:StartInstances': StartInstancesCommand,
  'ec2:CreateSnapshot': CreateSnapshotCommand,
  'ec2:DeleteVolume': DeleteVolumeCommand,
  'ec2:DeleteSnapshot': DeleteSnapshotCommand,
  'ec2:DeleteSecurityGroup': DeleteSecurityGroupCommand,
  'elbv2:ModifyLoadBalancerAttributes': ModifyLoadBalancerAttributesCommand,
  'iam:AttachRolePolicy': AttachRolePolicyCommand,
  'iam:DetachRolePolicy': DetachRolePolicyCommand,
  'iam:PutRolePolicy': PutRolePolicyCommand,
  'iam:DeleteRolePolicy': DeleteRolePolicyCommand,
  'iam:DeletePolicy': DeletePolicyCommand,
  's3:PutBucketVersioning': PutBucketVersioningCommand,
  's3:PutPublicAccessBlock': PutPublicAccessBlockCommand,
};

export function supportedCall(call: Pick<ApiCall, 'service' | 'operation'>): boolean {
  return COMMANDS[`${call.service}:${call.operation}`] !== undefined;
}

export interface ExecuteContext {
  readonly clients: AwsClientFactory;
  /** Region for global services (IAM). */
  readonly homeRegion: string;
  readonly account: string;
  /** How long a wait (stop, snapshot) may take before it fails. */
  readonly waitTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(delay);
  }
}

/** Sends one call (with its extra steps). Failures become AwsApiError naming `service:Operation`. */
export async function executeCall(call: ApiCall, ctx: ExecuteContext): Promise<Record<string, unknown>> {
  const region = call.region === 'global' ? ctx.homeRegion : call.region;
  const key = `${call.service}:${call.operation}`;
  const Command = COMMANDS[key];
  if (!Command) throw new Error(`no executor for ${key}`);
  const client = ctx.clients.client(call.service, region) as SdkClient;
  const timeout = ctx.waitTimeoutMs ?? 300_000;
  try {
    let input: Record<string, unknown> = { ...call.input };
    if (key === 'iam:DeletePolicy') await detachEverywhere(client, String(input['PolicyArn']));
    if (key === 's3:PutPublicAccessBlock') input = await mergePublicAccessBlock(client, input);
    const output = (await client.send(new Command(input))) as Record<string, unknown>;
    if (key === 'ec2:StopInstances') {
      const ids = input['InstanceIds'] as string[];
      await waitFor(
        `${ids.join(', ')} stopped`,
        async () => {
          const out: DescribeInstancesCommandOutput = await client.send(
            new DescribeInstancesCommand({ InstanceIds: ids }),
          );
          return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []).every((i) => i.State?.Name === 'stopped');
        },
        timeout,
      );
    }
    if (key === 'ec2:CreateSnapshot') {
      const snapshotId = String(output['SnapshotId']);
      await waitFor(
        `snapshot ${snapshotId} completed`,
        async () => {
          const out = await client.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] }));
          const state = out.Snapshots?.[0]?.State;
          if (state === 'error') throw new Error(`snapshot ${snapshotId} failed`);
          return state === 'completed';
        },
        timeout,
      );
      return { SnapshotId: snapshotId };
    }
    return {};
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('timed out')) throw err;
    throw classifyAwsError(err, { scope: { account: ctx.account, region }, action: key });
  }
}

async function detachEverywhere(client: SdkClient, policyArn: string): Promise<void> {
  const entities = await client.send(new ListEntitiesForPolicyCommand({ PolicyArn: policyArn }));
  for (const role of entities.PolicyRoles ?? [])
    await client.send(new DetachRolePolicyCommand({ RoleName: role.RoleName, PolicyArn: policyArn }));
  for (const user of entities.PolicyUsers ?? [])
    await client.send(new DetachUserPolicyCommand({ UserName: user.UserName, PolicyArn: policyArn }));
  for (const group of entities.PolicyGroups ?? [])
    await client.send(new DetachGroupPolicyCommand({ GroupName: group.GroupName, PolicyArn: policyArn }));
  const versions = await client.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn }));
  for (const version of versions.Versions ?? []) {
    if (!version.IsDefaultVersion)
      await client.send(new DeletePolicyVersionCommand({ PolicyArn: policyArn, VersionId: version.VersionId }));
  }
}

async function mergePublicAccessBlock(
  client: SdkClient,
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  let current: Record<string, unknown> = {};
  try {
    const out = await client.send(new GetPublicAccessBlockCommand({ Bucket: String(input['Bucket']) }));
    current = { ...(out.PublicAccessBlockConfiguration ?? {}) };
  } catch (err) {
    if ((err as { name?: string }).name !== 'NoSuchPublicAccessBlockConfiguration') throw err;
  }
  return {
    ...input,
    PublicAccessBlockConfiguration: { ...current, ...(input['PublicAccessBlockConfiguration'] as object) },
  };
}
