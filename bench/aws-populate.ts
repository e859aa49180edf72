/**
 * Builds a synthetic AWS estate in the emulator for the observation benchmark (bench/aws.bench.ts):
 * a realistic mix over the catalogue's types, scaled linearly with the target size, created through
 * the SDK in bulk where the API allows it (RunInstances with MaxCount) and otherwise with bounded
 * concurrency. The types whose reads have no bulk API (S3 buckets, KMS keys, load balancers, target
 * groups, customer-managed policies) scale too, so the benchmark can tell their per-resource calls
 * apart from a regression in a type that lists in bulk.
 */
import { AutoScalingClient, CreateAutoScalingGroupCommand } from '@aws-sdk/client-auto-scaling';
import {
  AllocateAddressCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateLaunchTemplateCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateSubnetCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  CreateBucketCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mapLimit } from '../src/observers/aws/repositories/paging.js';
import { populateBreadth } from './aws-populate-services.js';

/** How many of each kind a synthetic estate holds. */
export interface EstateMix {
  readonly vpcs: number;
  readonly subnetsPerVpc: number;
  readonly routeTables: number;
  readonly addresses: number;
  readonly securityGroups: number;
  readonly instances: number;
  readonly launchTemplates: number;
  readonly volumes: number;
  readonly snapshots: number;
  readonly autoscalingGroups: number;
  readonly loadBalancers: number;
  readonly targetGroups: number;
  readonly roles: number;
  readonly policies: number;
  readonly users: number;
  readonly buckets: number;
  readonly dbInstances: number;
  readonly keys: number;
}

/**
 * The mix per 1,000 resources. Every created thing shows up as one or more observed resources
 * (a security group with one ingress rule is five: the group, two `aws_vpc_security_group_*_rule`
 * and two `aws_security_group_rule`; an instance brings its root volume and attachment), so the
 * scan observes roughly `size` resources. Shares follow a typical application account: compute,
 * storage and security groups dominate, buckets and keys are a few percent.
 */
const PER_THOUSAND: EstateMix = {
  vpcs: 2,
  subnetsPerVpc: 4,
  routeTables: 4,
  addresses: 6,
  securityGroups: 50,
  instances: 120,
  launchTemplates: 6,
  volumes: 70,
  snapshots: 50,
  autoscalingGroups: 2,
  loadBalancers: 2,
  targetGroups: 4,
  roles: 70,
  policies: 12,
  users: 20,
  buckets: 12,
  dbInstances: 1,
  keys: 4,
};

/**
 * The mix for a target size: PER_THOUSAND scaled, each kind at least one (subnets per VPC fixed).
 * One DB instance whatever the size: moto gives every DB instance of an account the same
 * DbiResourceId (the provider's id for aws_db_instance), so a second one would collide with the
 * first in the CLI scan's matching, a drift the emulator invents and AWS never shows.
 */
export function estateMix(size: number): EstateMix {
  const scale = (n: number): number => Math.max(1, Math.round((n * size) / 1000));
  const mix = {} as Record<keyof EstateMix, number>;
  for (const [key, perThousand] of Object.entries(PER_THOUSAND) as [keyof EstateMix, number][]) {
    mix[key] = key === 'subnetsPerVpc' || key === 'dbInstances' ? perThousand : scale(perThousand);
  }
  return mix;
}

export interface ClientConfig {
  endpoint: string;
  region: string;
  forcePathStyle: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/** Creation calls in flight at once: enough to keep the emulator busy, not so many that it stalls. */
const CONCURRENCY = 8;
const IMAGE = 'ami-12345678';
const INSTANCES_PER_CALL = 100;

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const tags = (kind: string, i: number) => [
  { Key: 'Name', Value: `${kind}-${i}` },
  { Key: 'team', Value: i % 2 === 0 ? 'payments' : 'search' },
];

async function populateNetworkAndCompute(
  ec2: EC2Client,
  mix: EstateMix,
): Promise<{ vpcId: string; subnetIds: string[] }[]> {
  const networks = await mapLimit(range(mix.vpcs), CONCURRENCY, async (v) => {
    const vpcId =
      (
        await ec2.send(
          new CreateVpcCommand({
            CidrBlock: `10.${v}.0.0/16`,
            TagSpecifications: [{ ResourceType: 'vpc', Tags: tags('vpc', v) }],
          }),
        )
      ).Vpc?.VpcId ?? '';
    const gatewayId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId ?? '';
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: gatewayId, VpcId: vpcId }));
    const subnetIds = await mapLimit(
      range(mix.subnetsPerVpc),
      CONCURRENCY,
      async (s) =>
        (
          await ec2.send(
            new CreateSubnetCommand({
              VpcId: vpcId,
              CidrBlock: `10.${v}.${s}.0/24`,
              AvailabilityZone: `eu-west-1${'abc'[s % 3]}`,
            }),
          )
        ).Subnet?.SubnetId ?? '',
    );
    return { vpcId, subnetIds };
  });
  const network = (i: number) => networks[i % networks.length]!;

  await mapLimit(range(mix.routeTables), CONCURRENCY, (i) =>
    ec2.send(new CreateRouteTableCommand({ VpcId: network(i).vpcId })),
  );
  await mapLimit(range(mix.addresses), CONCURRENCY, () => ec2.send(new AllocateAddressCommand({ Domain: 'vpc' })));
  const groupIds = await mapLimit(range(mix.securityGroups), CONCURRENCY, async (i) => {
    const groupId =
      (
        await ec2.send(
          new CreateSecurityGroupCommand({ GroupName: `sg-${i}`, Description: `group ${i}`, VpcId: network(i).vpcId }),
        )
      ).GroupId ?? '';
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: `10.${i % 250}.0.0/16` }] },
        ],
      }),
    );
    return groupId;
  });
  // The one bulk creation call EC2 has: up to INSTANCES_PER_CALL instances per RunInstances.
  const batches = range(Math.ceil(mix.instances / INSTANCES_PER_CALL)).map((b) =>
    Math.min(INSTANCES_PER_CALL, mix.instances - b * INSTANCES_PER_CALL),
  );
  await mapLimit(batches, 2, (count, b) =>
    ec2.send(
      new RunInstancesCommand({
        ImageId: IMAGE,
        InstanceType: 't3.micro',
        MinCount: count,
        MaxCount: count,
        SubnetId: network(b).subnetIds[b % mix.subnetsPerVpc],
        SecurityGroupIds: [groupIds[b % groupIds.length] ?? ''],
        TagSpecifications: [{ ResourceType: 'instance', Tags: tags('instance', b) }],
      }),
    ),
  );
  await mapLimit(range(mix.launchTemplates), CONCURRENCY, (i) =>
    ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: `lt-${i}`,
        LaunchTemplateData: { ImageId: IMAGE, InstanceType: 't3.small' },
      }),
    ),
  );
  const volumeIds = await mapLimit(
    range(mix.volumes),
    CONCURRENCY,
    async (i) =>
      (
        await ec2.send(
          new CreateVolumeCommand({
            AvailabilityZone: 'eu-west-1a',
            Size: 8 + (i % 5),
            VolumeType: 'gp3',
            TagSpecifications: [{ ResourceType: 'volume', Tags: tags('volume', i) }],
          }),
        )
      ).VolumeId ?? '',
  );
  await mapLimit(range(mix.snapshots), CONCURRENCY, (i) =>
    ec2.send(new CreateSnapshotCommand({ VolumeId: volumeIds[i % volumeIds.length], Description: `backup ${i}` })),
  );
  return networks;
}

async function populateGroupsAndBalancers(
  config: ClientConfig,
  mix: EstateMix,
  networks: { vpcId: string; subnetIds: string[] }[],
): Promise<void> {
  const first = networks[0]!;
  const autoscaling = new AutoScalingClient(config);
  const elb = new ElasticLoadBalancingV2Client(config);
  try {
    await mapLimit(range(mix.autoscalingGroups), CONCURRENCY, (i) =>
      autoscaling.send(
        new CreateAutoScalingGroupCommand({
          AutoScalingGroupName: `asg-${i}`,
          MinSize: 0,
          MaxSize: 4,
          DesiredCapacity: 0,
          LaunchTemplate: { LaunchTemplateName: 'lt-0', Version: '$Latest' },
          VPCZoneIdentifier: first.subnetIds.join(','),
        }),
      ),
    );
    const targetGroupArns = await mapLimit(
      range(mix.targetGroups),
      CONCURRENCY,
      async (i) =>
        (
          await elb.send(
            new CreateTargetGroupCommand({
              Name: `tg-${i}`,
              Protocol: 'HTTP',
              Port: 80,
              VpcId: first.vpcId,
              TargetType: 'instance',
            }),
          )
        ).TargetGroups?.[0]?.TargetGroupArn ?? '',
    );
    await mapLimit(range(mix.loadBalancers), CONCURRENCY, async (i) => {
      const lbArn =
        (
          await elb.send(
            new CreateLoadBalancerCommand({
              Name: `lb-${i}`,
              Subnets: first.subnetIds.slice(0, 2),
              Type: 'application',
              Tags: tags('lb', i),
            }),
          )
        ).LoadBalancers?.[0]?.LoadBalancerArn ?? '';
      await elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: lbArn,
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArns[i % targetGroupArns.length] }],
        }),
      );
    });
  } finally {
    autoscaling.destroy();
    elb.destroy();
  }
}

const ASSUME_EC2 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const policyDocument = (i: number) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::data-${i}/*` }],
  });

async function populateIam(iam: IAMClient, mix: EstateMix): Promise<void> {
  const policyArns = await mapLimit(
    range(mix.policies),
    CONCURRENCY,
    async (i) =>
      (
        await iam.send(
          new CreatePolicyCommand({
            PolicyName: `policy-${i}`,
            PolicyDocument: policyDocument(i),
            Tags: tags('policy', i),
          }),
        )
      ).Policy?.Arn ?? '',
  );
  await mapLimit(range(mix.roles), CONCURRENCY, async (i) => {
    const RoleName = `role-${i}`;
    await iam.send(
      new CreateRoleCommand({
        RoleName,
        AssumeRolePolicyDocument: ASSUME_EC2,
        Description: `role ${i}`,
        Tags: tags('role', i),
      }),
    );
    if (i % 2 === 0)
      await iam.send(new PutRolePolicyCommand({ RoleName, PolicyName: 'inline', PolicyDocument: policyDocument(i) }));
    if (i % 2 === 1)
      await iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn: policyArns[i % policyArns.length] }));
  });
  await mapLimit(range(mix.users), CONCURRENCY, async (i) => {
    const UserName = `user-${i}`;
    await iam.send(new CreateUserCommand({ UserName, Tags: tags('user', i) }));
    await iam.send(new AttachUserPolicyCommand({ UserName, PolicyArn: policyArns[i % policyArns.length] }));
  });
}

async function populateBuckets(s3: S3Client, mix: EstateMix): Promise<void> {
  await mapLimit(range(mix.buckets), CONCURRENCY, async (i) => {
    const Bucket = `bench-bucket-${i}`;
    await s3.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: tags('bucket', i) } }));
    if (i % 2 === 0)
      await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    if (i % 3 === 0) {
      await s3.send(
        new PutPublicAccessBlockCommand({
          Bucket,
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
        }),
      );
    }
    if (i % 4 === 0) {
      const policy = {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: `arn:aws:s3:::${Bucket}/*`,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      };
      await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: JSON.stringify(policy) }));
    }
  });
}

async function populateDataServices(config: ClientConfig, mix: EstateMix): Promise<void> {
  const rds = new RDSClient(config);
  const kms = new KMSClient(config);
  try {
    await mapLimit(range(mix.dbInstances), CONCURRENCY, (i) =>
      rds.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: `db-${i}`,
          DBInstanceClass: 'db.t3.micro',
          Engine: 'postgres',
          AllocatedStorage: 20,
          MasterUsername: 'app',
          MasterUserPassword: 'bench-password-never-read',
        }),
      ),
    );
    await mapLimit(range(mix.keys), CONCURRENCY, (i) =>
      kms.send(new CreateKeyCommand({ Description: `key ${i}`, Tags: [{ TagKey: 'team', TagValue: 'payments' }] })),
    );
  } finally {
    rds.destroy();
    kms.destroy();
  }
}

/**
 * Creates the estate for `mix` in the emulator behind `config` (region eu-west-1), and with
 * `breadthPerType` > 0 that many resources of each breadth type (aws-populate-services.ts).
 */
export async function populateEstate(config: ClientConfig, mix: EstateMix, breadthPerType = 0): Promise<void> {
  const ec2 = new EC2Client(config);
  const iam = new IAMClient(config);
  const s3 = new S3Client(config);
  try {
    // EC2 first (the load balancers need its subnets); IAM and S3 are independent and overlap it.
    const [networks] = await Promise.all([
      populateNetworkAndCompute(ec2, mix),
      populateIam(iam, mix),
      populateBuckets(s3, mix),
    ]);
    await Promise.all([
      populateGroupsAndBalancers(config, mix, networks),
      populateDataServices(config, mix),
      breadthPerType > 0 ? populateBreadth(config, breadthPerType, networks[0]!) : undefined,
    ]);
  } finally {
    ec2.destroy();
    iam.destroy();
    s3.destroy();
  }
}
