/**
 * The breadth part of the benchmark estate (bench/aws-populate.ts builds the compute core): a few
 * resources of every further type the emulator serves, so the scan observes at least 60 types
 * (issue 15). `perType` of each, not scaled with the estate: these types are there for breadth,
 * the core carries the size. Everything is created with the SDK in the emulator, eu-west-1.
 */
import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import { APIGatewayClient, CreateRestApiCommand } from '@aws-sdk/client-api-gateway';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  AssociateDhcpOptionsCommand,
  CreateCustomerGatewayCommand,
  CreateDhcpOptionsCommand,
  CreateEgressOnlyInternetGatewayCommand,
  CreateKeyPairCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  CreateNetworkInterfaceCommand,
  CreateTransitGatewayCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  CreateVpcPeeringConnectionCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CreateRepositoryCommand,
  ECRClient,
  PutLifecyclePolicyCommand,
  SetRepositoryPolicyCommand,
} from '@aws-sdk/client-ecr';
import { CreateClusterCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateFileSystemCommand, EFSClient } from '@aws-sdk/client-efs';
import { CreateCacheSubnetGroupCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { EventBridgeClient, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  IAMClient,
  PutGroupPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateStreamCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateDBParameterGroupCommand, CreateDBSubnetGroupCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  ChangeResourceRecordSetsCommand,
  CreateHealthCheckCommand,
  CreateHostedZoneCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mapLimit } from '../src/observers/aws/repositories/paging.js';
import type { ClientConfig } from './aws-populate.js';

const CONCURRENCY = 4;
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const each = (n: number, fn: (i: number) => Promise<unknown>): Promise<unknown[]> =>
  mapLimit(range(n), CONCURRENCY, fn);
const policyFor = (resource: string, action: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: action, Resource: resource },
    ],
  });

/** The network the EC2 breadth types hang off (the core's first VPC and its subnets). */
export interface BreadthNetwork {
  readonly vpcId: string;
  readonly subnetIds: ReadonlyArray<string>;
}

async function ec2Breadth(ec2: EC2Client, n: number, net: BreadthNetwork): Promise<void> {
  await each(n, async (i) => {
    await ec2.send(new CreateKeyPairCommand({ KeyName: `bench-key-${i}` }));
    await ec2.send(
      new CreateCustomerGatewayCommand({ Type: 'ipsec.1', BgpAsn: 65010 + i, IpAddress: `198.51.100.${i + 1}` }),
    );
    const acl = (await ec2.send(new CreateNetworkAclCommand({ VpcId: net.vpcId }))).NetworkAcl?.NetworkAclId ?? '';
    await ec2.send(
      new CreateNetworkAclEntryCommand({
        NetworkAclId: acl,
        RuleNumber: 100,
        Protocol: '6',
        RuleAction: 'allow',
        Egress: false,
        CidrBlock: '10.0.0.0/8',
        PortRange: { From: 443, To: 443 },
      }),
    );
    await ec2.send(
      new CreateNetworkInterfaceCommand({ SubnetId: net.subnetIds[i % net.subnetIds.length], Description: `eni ${i}` }),
    );
    await ec2.send(new CreateTransitGatewayCommand({ Description: `hub ${i}` }));
  });
  const dhcp = (
    await ec2.send(
      new CreateDhcpOptionsCommand({ DhcpConfigurations: [{ Key: 'domain-name', Values: ['bench.internal'] }] }),
    )
  ).DhcpOptions?.DhcpOptionsId;
  await ec2.send(new AssociateDhcpOptionsCommand({ DhcpOptionsId: dhcp, VpcId: net.vpcId }));
  await ec2.send(new CreateEgressOnlyInternetGatewayCommand({ VpcId: net.vpcId }));
  const peer = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.200.0.0/16' }))).Vpc?.VpcId;
  await ec2.send(new CreateVpcPeeringConnectionCommand({ VpcId: net.vpcId, PeerVpcId: peer }));
  await ec2.send(
    new CreateVpcEndpointCommand({
      VpcId: net.vpcId,
      ServiceName: 'com.amazonaws.eu-west-1.s3',
      VpcEndpointType: 'Gateway',
    }),
  );
}

async function iamBreadth(iam: IAMClient, n: number): Promise<void> {
  await each(n, async (i) => {
    const GroupName = `bench-group-${i}`;
    await iam.send(new CreateGroupCommand({ GroupName }));
    await iam.send(new AddUserToGroupCommand({ GroupName, UserName: `user-${i}` }));
    await iam.send(
      new PutGroupPolicyCommand({ GroupName, PolicyName: 'inline', PolicyDocument: policyFor('*', 's3:ListBucket') }),
    );
    await iam.send(new AttachGroupPolicyCommand({ GroupName, PolicyArn: 'arn:aws:iam::123456789012:policy/policy-0' }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: `bench-profile-${i}` }));
  });
}

/** Messaging, data, observability, containers, DNS: one `perType` of each. */
async function serviceBreadth(config: ClientConfig, n: number, net: BreadthNetwork): Promise<void> {
  const sqs = new SQSClient(config);
  const sns = new SNSClient(config);
  const ddb = new DynamoDBClient(config);
  const kinesis = new KinesisClient({ ...config, requestHandler: new NodeHttpHandler() });
  const logs = new CloudWatchLogsClient(config);
  const cw = new CloudWatchClient(config);
  const events = new EventBridgeClient(config);
  const ssm = new SSMClient(config);
  const secrets = new SecretsManagerClient(config);
  const ecr = new ECRClient(config);
  const ecs = new ECSClient(config);
  const sfn = new SFNClient(config);
  const apigw = new APIGatewayClient(config);
  const r53 = new Route53Client(config);
  const acm = new ACMClient(config);
  const efs = new EFSClient(config);
  const cache = new ElastiCacheClient(config);
  const rds = new RDSClient(config);
  const kms = new KMSClient(config);
  const clients = [
    sqs,
    sns,
    ddb,
    kinesis,
    logs,
    cw,
    events,
    ssm,
    secrets,
    ecr,
    ecs,
    sfn,
    apigw,
    r53,
    acm,
    efs,
    cache,
    rds,
    kms,
  ];
  try {
    await each(n, async (i) => {
      const url =
        (
          await sqs.send(
            new CreateQueueCommand({
              QueueName: `bench-queue-${i}`,
              Attributes: { Policy: policyFor('*', 'sqs:SendMessage') },
            }),
          )
        ).QueueUrl ?? '';
      const topic = (await sns.send(new CreateTopicCommand({ Name: `bench-topic-${i}` }))).TopicArn ?? '';
      await sns.send(
        new SubscribeCommand({
          TopicArn: topic,
          Protocol: 'sqs',
          Endpoint: `arn:aws:sqs:eu-west-1:123456789012:${url.split('/').pop()}`,
        }),
      );
      await ddb.send(
        new CreateTableCommand({
          TableName: `bench-table-${i}`,
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await kinesis.send(new CreateStreamCommand({ StreamName: `bench-stream-${i}`, ShardCount: 1 }));
      await logs.send(new CreateLogGroupCommand({ logGroupName: `/bench/app-${i}` }));
      await logs.send(new PutRetentionPolicyCommand({ logGroupName: `/bench/app-${i}`, retentionInDays: 14 }));
      await cw.send(
        new PutMetricAlarmCommand({
          AlarmName: `bench-alarm-${i}`,
          MetricName: 'CPUUtilization',
          Namespace: 'AWS/EC2',
          Statistic: 'Average',
          Period: 300,
          EvaluationPeriods: 1,
          Threshold: 80,
          ComparisonOperator: 'GreaterThanThreshold',
        }),
      );
      await events.send(new PutRuleCommand({ Name: `bench-rule-${i}`, ScheduleExpression: 'rate(1 day)' }));
      await ssm.send(new PutParameterCommand({ Name: `/bench/param-${i}`, Type: 'String', Value: `v${i}` }));
      await secrets.send(new CreateSecretCommand({ Name: `bench-secret-${i}`, SecretString: 'never-read' }));
      const repositoryName = `bench-repo-${i}`;
      await ecr.send(new CreateRepositoryCommand({ repositoryName }));
      await ecr.send(
        new SetRepositoryPolicyCommand({ repositoryName, policyText: policyFor('*', 'ecr:BatchGetImage') }),
      );
      await ecr.send(
        new PutLifecyclePolicyCommand({
          repositoryName,
          lifecyclePolicyText: JSON.stringify({
            rules: [
              {
                rulePriority: 1,
                selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 10 },
                action: { type: 'expire' },
              },
            ],
          }),
        }),
      );
      await ecs.send(new CreateClusterCommand({ clusterName: `bench-cluster-${i}` }));
      await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: `bench-task-${i}`,
          containerDefinitions: [{ name: 'app', image: 'nginx', memory: 128 }],
        }),
      );
      await sfn.send(
        new CreateStateMachineCommand({
          name: `bench-machine-${i}`,
          definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }),
          roleArn: 'arn:aws:iam::123456789012:role/role-0',
        }),
      );
      await apigw.send(new CreateRestApiCommand({ name: `bench-api-${i}` }));
      const zone = (
        await r53.send(new CreateHostedZoneCommand({ Name: `bench${i}.example.com`, CallerReference: `bench-${i}` }))
      ).HostedZone?.Id;
      await r53.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zone,
          ChangeBatch: {
            Changes: [
              {
                Action: 'CREATE',
                ResourceRecordSet: {
                  Name: `www.bench${i}.example.com`,
                  Type: 'A',
                  TTL: 300,
                  ResourceRecords: [{ Value: `192.0.2.${i + 1}` }],
                },
              },
            ],
          },
        }),
      );
      await r53.send(
        new CreateHealthCheckCommand({
          CallerReference: `bench-hc-${i}`,
          HealthCheckConfig: {
            Type: 'HTTPS',
            FullyQualifiedDomainName: `www.bench${i}.example.com`,
            Port: 443,
            ResourcePath: '/',
          },
        }),
      );
      await acm.send(new RequestCertificateCommand({ DomainName: `bench${i}.example.com`, ValidationMethod: 'DNS' }));
      await efs.send(new CreateFileSystemCommand({ CreationToken: `bench-fs-${i}` }));
      await cache.send(
        new CreateCacheSubnetGroupCommand({
          CacheSubnetGroupName: `bench-cache-${i}`,
          CacheSubnetGroupDescription: 'bench',
          SubnetIds: [...net.subnetIds.slice(0, 2)],
        }),
      );
      await rds.send(
        new CreateDBSubnetGroupCommand({
          DBSubnetGroupName: `bench-db-${i}`,
          DBSubnetGroupDescription: 'bench',
          SubnetIds: [...net.subnetIds.slice(0, 2)],
        }),
      );
      await rds.send(
        new CreateDBParameterGroupCommand({
          DBParameterGroupName: `bench-pg-${i}`,
          DBParameterGroupFamily: 'postgres15',
          Description: 'bench',
        }),
      );
      const key = (await kms.send(new CreateKeyCommand({ Description: `aliased ${i}` }))).KeyMetadata?.KeyId;
      await kms.send(new CreateAliasCommand({ AliasName: `alias/bench-${i}`, TargetKeyId: key }));
    });
  } finally {
    for (const c of clients) c.destroy();
  }
}

/** Adds `perType` resources of every breadth type, after the core estate (it needs users and VPCs). */
export async function populateBreadth(config: ClientConfig, perType: number, net: BreadthNetwork): Promise<void> {
  const ec2 = new EC2Client(config);
  const iam = new IAMClient(config);
  try {
    await Promise.all([ec2Breadth(ec2, perType, net), iamBreadth(iam, perType), serviceBreadth(config, perType, net)]);
  } finally {
    ec2.destroy();
    iam.destroy();
  }
}
