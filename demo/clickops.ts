/**
 * The seed scenarios' hand-made changes ("ClickOps"): each is what a person in the AWS console
 * does, made through the same API calls the console makes. None of them touches the state file.
 */
import { UpdateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSnapshotCommand,
  CreateVolumeCommand,
  DeleteSecurityGroupCommand,
  ModifyInstanceAttributeCommand,
  StartInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { ModifyLoadBalancerAttributesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AttachRolePolicyCommand, CreatePolicyCommand } from '@aws-sdk/client-iam';
import { createEstateClients, type AwsClientConfig, type EstateClients } from './clients.js';
import type { EstateIds } from './estate.js';

export const SCENARIOS = [
  'ssh-open-to-world',
  'orphan-volume',
  'instance-type-changed',
  'asg-scaled',
  'policy-attached-by-hand',
  'lb-idle-timeout-changed',
  'security-group-deleted',
  'leftover-snapshot',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** What each change does, in the words of the person who made it (printed by the demo). */
export const SCENARIO_STORIES: Readonly<Record<Scenario, string>> = {
  'ssh-open-to-world': 'opened SSH (port 22) to 0.0.0.0/0 on the managed security group "web"',
  'orphan-volume': 'created a 50 GiB EBS volume outside Terraform',
  'instance-type-changed': 'changed aws_instance.app[1] from t3.micro to t3.large (stop, change type, start)',
  'asg-scaled': 'scaled the Auto Scaling group "app" from 3 to 10 instances',
  'policy-attached-by-hand':
    'created a full-access policy in the console and attached it to the managed IAM role "app"',
  'lb-idle-timeout-changed': 'raised the load balancer idle timeout from 60 s to 300 s',
  'security-group-deleted': 'deleted the managed security group "bastion"',
  'leftover-snapshot': 'took a snapshot of the data volume and left it behind',
};

/** Ids of what a ClickOps change created, for assertions (the orphan volume, the snapshot). */
export interface ClickOpsResult {
  readonly volumeId?: string;
  readonly snapshotId?: string;
  readonly policyArn?: string;
}

type Change = (clients: EstateClients, ids: EstateIds) => Promise<ClickOpsResult>;

const CHANGES: Readonly<Record<Scenario, Change>> = {
  'ssh-open-to-world': async ({ ec2 }, ids) => {
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: ids.webSecurityGroupId,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 22,
            ToPort: 22,
            IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'temp debug' }],
          },
        ],
      }),
    );
    return {};
  },
  'orphan-volume': async ({ ec2 }, ids) => {
    const created = await ec2.send(
      new CreateVolumeCommand({
        AvailabilityZone: `${ids.region}a`,
        Size: 50,
        VolumeType: 'gp3',
        TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'scratch' }] }],
      }),
    );
    return created.VolumeId ? { volumeId: created.VolumeId } : {};
  },
  'instance-type-changed': async ({ ec2 }, ids) => {
    const instanceId = ids.instanceIds[1] ?? '';
    await ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
    await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: instanceId, InstanceType: { Value: 't3.large' } }));
    await ec2.send(new StartInstancesCommand({ InstanceIds: [instanceId] }));
    return {};
  },
  'asg-scaled': async ({ autoscaling }, ids) => {
    await autoscaling.send(
      new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: ids.autoScalingGroupName, DesiredCapacity: 10 }),
    );
    return {};
  },
  'policy-attached-by-hand': async ({ iam }, ids) => {
    // "Just for tonight's incident": a full-access policy made in the console and attached to the role.
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    const policy = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'incident-full-access', PolicyDocument: document }),
    );
    const policyArn = policy.Policy?.Arn ?? '';
    await iam.send(new AttachRolePolicyCommand({ RoleName: ids.roleName, PolicyArn: policyArn }));
    return { policyArn };
  },
  'lb-idle-timeout-changed': async ({ elbv2 }, ids) => {
    await elbv2.send(
      new ModifyLoadBalancerAttributesCommand({
        LoadBalancerArn: ids.loadBalancerArn,
        Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '300' }],
      }),
    );
    return {};
  },
  'security-group-deleted': async ({ ec2 }, ids) => {
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: ids.bastionSecurityGroupId }));
    return {};
  },
  'leftover-snapshot': async ({ ec2 }, ids) => {
    const snapshot = await ec2.send(
      new CreateSnapshotCommand({ VolumeId: ids.volumeId, Description: 'before resizing app-data' }),
    );
    return snapshot.SnapshotId ? { snapshotId: snapshot.SnapshotId } : {};
  },
};

/** Makes the given hand changes, in order, against the estate; returns what they created. */
export async function applyClickOps(
  aws: AwsClientConfig,
  ids: EstateIds,
  scenarios: ReadonlyArray<Scenario>,
): Promise<ClickOpsResult> {
  const clients = createEstateClients(aws);
  try {
    let result: ClickOpsResult = {};
    for (const scenario of scenarios) result = { ...result, ...(await CHANGES[scenario](clients, ids)) };
    return result;
  } finally {
    clients.destroy();
  }
}
