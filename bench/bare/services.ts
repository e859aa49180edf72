/**
 * Bare listings of the other regional services and Route 53 (global): the scan's bulk listing per
 * type with its page size, then the per-resource reads where the API has no bulk form (attributes
 * per queue/topic/subscription, describe per table/stream/state machine/certificate/task
 * definition, policies per repository, mount targets per file system, rules per event bus, zone
 * details and records per zone, tags ten ids a call), at the scan's fan-out.
 */
import {
  ACMClient,
  DescribeCertificateCommand,
  ListTagsForCertificateCommand,
  paginateListCertificates,
} from '@aws-sdk/client-acm';
import { APIGatewayClient, paginateGetRestApis } from '@aws-sdk/client-api-gateway';
import { CloudWatchClient, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTableCommand, DynamoDBClient, paginateListTables } from '@aws-sdk/client-dynamodb';
import {
  ECRClient,
  GetLifecyclePolicyCommand,
  GetRepositoryPolicyCommand,
  ListTagsForResourceCommand,
  paginateDescribeRepositories,
} from '@aws-sdk/client-ecr';
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  paginateListClusters,
  paginateListServices,
  paginateListTaskDefinitions,
} from '@aws-sdk/client-ecs';
import { EFSClient, paginateDescribeFileSystems, paginateDescribeMountTargets } from '@aws-sdk/client-efs';
import { EKSClient, paginateListClusters as paginateListEksClusters } from '@aws-sdk/client-eks';
import { ElastiCacheClient, paginateDescribeCacheSubnetGroups } from '@aws-sdk/client-elasticache';
import { EventBridgeClient, ListEventBusesCommand, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { DescribeStreamSummaryCommand, KinesisClient, paginateListStreams } from '@aws-sdk/client-kinesis';
import { LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import {
  RDSClient,
  paginateDescribeDBInstances,
  paginateDescribeDBParameterGroups,
  paginateDescribeDBSubnetGroups,
} from '@aws-sdk/client-rds';
import {
  GetHostedZoneCommand,
  ListResourceRecordSetsCommand,
  ListTagsForResourcesCommand,
  Route53Client,
  paginateListHealthChecks,
  paginateListHostedZones,
} from '@aws-sdk/client-route-53';
import { SecretsManagerClient, paginateListSecrets } from '@aws-sdk/client-secrets-manager';
import { DescribeStateMachineCommand, SFNClient, paginateListStateMachines } from '@aws-sdk/client-sfn';
import {
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  SNSClient,
  paginateListSubscriptions,
  paginateListTopics,
} from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, SQSClient, paginateListQueues } from '@aws-sdk/client-sqs';
import { SSMClient, paginateDescribeParameters } from '@aws-sdk/client-ssm';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { chunk, mapLimit } from '../../src/observers/aws/repositories/paging.js';
import { FAN_OUT, manual, p, pages, unlessAbsent, type BareRun } from './common.js';

/** Lists `pick`'s items, then runs `read` over each at the scan's fan-out. */
async function listThenRead<T>(list: Promise<unknown[]>, read: (item: T) => Promise<unknown>): Promise<unknown[]> {
  const items = (await list) as T[];
  return mapLimit(items, FAN_OUT, read);
}

const ACM_KEY_TYPES = ['RSA_1024', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_prime256v1', 'EC_secp384r1', 'EC_secp521r1'];

export function messagingListings(run: BareRun): Promise<unknown[]>[] {
  const sqs = run.client(new SQSClient(run.config), 'sqs');
  const sns = run.client(new SNSClient(run.config), 'sns');
  const sfn = run.client(new SFNClient(run.config), 'sfn');
  const events = run.client(new EventBridgeClient(run.config), 'events');
  return [
    listThenRead<string>(
      pages(paginateListQueues(p(sqs, 1000), {}), (x) => x.QueueUrls),
      (QueueUrl) =>
        unlessAbsent(
          sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] })),
          /NonExistentQueue|QueueDoesNotExist/,
        ),
    ),
    listThenRead<{ TopicArn?: string }>(
      pages(paginateListTopics(p(sns), {}), (x) => x.Topics),
      (t) => unlessAbsent(sns.send(new GetTopicAttributesCommand({ TopicArn: t.TopicArn }))),
    ),
    listThenRead<{ SubscriptionArn?: string }>(
      pages(paginateListSubscriptions(p(sns), {}), (x) => x.Subscriptions),
      (s) => unlessAbsent(sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: s.SubscriptionArn }))),
    ),
    listThenRead<{ stateMachineArn?: string }>(
      pages(paginateListStateMachines(p(sfn, 1000), {}), (x) => x.stateMachines),
      (m) => unlessAbsent(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: m.stateMachineArn }))),
    ),
    (async () => {
      const buses = await manual(async (NextToken) => {
        const page = await events.send(new ListEventBusesCommand({ Limit: 100, NextToken }));
        return { items: page.EventBuses, next: page.NextToken };
      });
      const rules = await mapLimit(buses, FAN_OUT, (bus) =>
        manual(async (NextToken) => {
          const page = await events.send(new ListRulesCommand({ EventBusName: bus.Name, Limit: 100, NextToken }));
          return { items: page.Rules, next: page.NextToken };
        }),
      );
      return [...buses, ...rules.flat()];
    })(),
  ];
}

export function dataListings(run: BareRun): Promise<unknown[]>[] {
  const ddb = run.client(new DynamoDBClient(run.config), 'dynamodb');
  // The Kinesis client defaults to HTTP/2, which the emulator does not speak (as the scan does).
  const kinesis = run.client(new KinesisClient({ ...run.config, requestHandler: new NodeHttpHandler() }), 'kinesis');
  const rds = run.client(new RDSClient(run.config), 'rds');
  const cache = run.client(new ElastiCacheClient(run.config), 'elasticache');
  const ssm = run.client(new SSMClient(run.config), 'ssm');
  const secrets = run.client(new SecretsManagerClient(run.config), 'secretsmanager');
  const efs = run.client(new EFSClient(run.config), 'efs');
  return [
    listThenRead<string>(
      pages(paginateListTables(p(ddb, 100), {}), (x) => x.TableNames),
      (TableName) => unlessAbsent(ddb.send(new DescribeTableCommand({ TableName }))),
    ),
    listThenRead<string>(
      pages(paginateListStreams(p(kinesis, 1000), {}), (x) => x.StreamNames),
      (StreamName) => unlessAbsent(kinesis.send(new DescribeStreamSummaryCommand({ StreamName }))),
    ),
    pages(paginateDescribeDBInstances(p(rds, 100), {}), (x) => x.DBInstances),
    pages(paginateDescribeDBParameterGroups(p(rds, 100), {}), (x) => x.DBParameterGroups),
    pages(paginateDescribeDBSubnetGroups(p(rds, 100), {}), (x) => x.DBSubnetGroups),
    pages(paginateDescribeCacheSubnetGroups(p(cache, 100), {}), (x) => x.CacheSubnetGroups),
    pages(paginateDescribeParameters(p(ssm, 50), {}), (x) => x.Parameters),
    pages(paginateListSecrets(p(secrets, 100), {}), (x) => x.SecretList),
    listThenRead<{ FileSystemId?: string }>(
      pages(paginateDescribeFileSystems(p(efs, 100), {}), (x) => x.FileSystems),
      (fs) =>
        pages(paginateDescribeMountTargets(p(efs, 100), { FileSystemId: fs.FileSystemId }), (x) => x.MountTargets),
    ),
  ];
}

export function platformListings(run: BareRun): Promise<unknown[]>[] {
  const acm = run.client(new ACMClient(run.config), 'acm');
  const apigw = run.client(new APIGatewayClient(run.config), 'apigateway');
  const cw = run.client(new CloudWatchClient(run.config), 'cloudwatch');
  const logs = run.client(new CloudWatchLogsClient(run.config), 'logs');
  const ecr = run.client(new ECRClient(run.config), 'ecr');
  const ecs = run.client(new ECSClient(run.config), 'ecs');
  const eks = run.client(new EKSClient(run.config), 'eks');
  const lambda = run.client(new LambdaClient(run.config), 'lambda');
  return [
    listThenRead<{ CertificateArn?: string }>(
      pages(
        paginateListCertificates(p(acm, 1000), { Includes: { keyTypes: ACM_KEY_TYPES as never } }),
        (x) => x.CertificateSummaryList,
      ),
      ({ CertificateArn }) =>
        Promise.all([
          unlessAbsent(acm.send(new DescribeCertificateCommand({ CertificateArn }))),
          unlessAbsent(acm.send(new ListTagsForCertificateCommand({ CertificateArn }))),
        ]),
    ),
    pages(paginateGetRestApis(p(apigw, 500), {}), (x) => x.items),
    pages(paginateDescribeAlarms(p(cw, 100), {}), (x) => x.MetricAlarms),
    pages(paginateDescribeLogGroups(p(logs, 50), {}), (x) => x.logGroups),
    listThenRead<{ repositoryName?: string; repositoryArn?: string }>(
      pages(paginateDescribeRepositories(p(ecr, 1000), {}), (x) => x.repositories),
      ({ repositoryName, repositoryArn }) =>
        Promise.all([
          unlessAbsent(ecr.send(new GetLifecyclePolicyCommand({ repositoryName }))),
          unlessAbsent(ecr.send(new GetRepositoryPolicyCommand({ repositoryName }))),
          unlessAbsent(ecr.send(new ListTagsForResourceCommand({ resourceArn: repositoryArn }))),
        ]),
    ),
    (async () => {
      const arns = (await pages(paginateListClusters(p(ecs, 100), {}), (x) => x.clusterArns)) as string[];
      const [described] = await Promise.all([
        mapLimit(chunk(arns, 100), FAN_OUT, (clusters) =>
          ecs.send(new DescribeClustersCommand({ clusters, include: ['SETTINGS', 'CONFIGURATIONS', 'TAGS'] })),
        ),
        // The services of each cluster: ListServices, then DescribeServices 10 at a time.
        mapLimit(arns, FAN_OUT, async (cluster) => {
          const services = (await pages(
            paginateListServices(p(ecs, 100), { cluster }),
            (x) => x.serviceArns,
          )) as string[];
          return mapLimit(chunk(services, 10), FAN_OUT, (batch) =>
            ecs.send(new DescribeServicesCommand({ cluster, services: batch, include: ['TAGS'] })),
          );
        }),
      ]);
      return described;
    })(),
    listThenRead<string>(
      pages(paginateListTaskDefinitions(p(ecs, 100), { status: 'ACTIVE' }), (x) => x.taskDefinitionArns),
      (taskDefinition) => ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition, include: ['TAGS'] })),
    ),
    pages(paginateListEksClusters(p(eks, 100), {}), (x) => x.clusters),
    pages(paginateListFunctions(p(lambda, 50), {}), (x) => x.Functions),
  ];
}

/** Route 53 is global: listed once, like the scan's global scope. */
export function route53Listings(run: BareRun): Promise<unknown[]>[] {
  const r53 = run.client(new Route53Client(run.config), 'route53');
  const tagsOf = (ResourceType: 'hostedzone' | 'healthcheck', ids: string[]) =>
    mapLimit(chunk(ids, 10), FAN_OUT, (ResourceIds) =>
      r53.send(new ListTagsForResourcesCommand({ ResourceType, ResourceIds })),
    );
  return [
    (async () => {
      const zones = (await pages(paginateListHostedZones(p(r53, 100), {}), (x) => x.HostedZones)) as { Id?: string }[];
      const ids = zones.map((z) => (z.Id ?? '').replace(/^\/hostedzone\//, ''));
      const [details, , records] = await Promise.all([
        mapLimit(ids, FAN_OUT, (Id) => r53.send(new GetHostedZoneCommand({ Id }))),
        tagsOf('hostedzone', ids),
        mapLimit(ids, FAN_OUT, (HostedZoneId) =>
          manual(async (token) => {
            const [StartRecordName, StartRecordType, StartRecordIdentifier] = token ? token.split('|') : [];
            const page = await r53.send(
              new ListResourceRecordSetsCommand({
                HostedZoneId,
                MaxItems: 300,
                ...(StartRecordName ? { StartRecordName, StartRecordType: StartRecordType as never } : {}),
                ...(StartRecordIdentifier ? { StartRecordIdentifier } : {}),
              }),
            );
            const next = page.IsTruncated
              ? `${page.NextRecordName}|${page.NextRecordType}|${page.NextRecordIdentifier ?? ''}`
              : undefined;
            return { items: page.ResourceRecordSets, next };
          }),
        ),
      ]);
      return [...details, ...records.flat()];
    })(),
    (async () => {
      const checks = (await pages(paginateListHealthChecks(p(r53, 1000), {}), (x) => x.HealthChecks)) as {
        Id?: string;
      }[];
      await tagsOf(
        'healthcheck',
        checks.map((c) => c.Id ?? ''),
      );
      return checks;
    })(),
  ];
}
