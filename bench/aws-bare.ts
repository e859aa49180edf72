/**
 * The irreducible cost of observing the benchmark estate: the same Describe/List/Get calls the
 * scan needs for the same data, made with the SDK's own clients and paginators alone (default
 * retry mode, no repositories, no memo, no error classification, no mapping), with every listing
 * in flight at once. Per-resource reads exist only where the API has no bulk form, and run with
 * the scan's per-scope fan-out (4), so both sides ask the API for exactly the same work and only
 * the framework's overhead separates them.
 */
import { AutoScalingClient, paginateDescribeAutoScalingGroups } from '@aws-sdk/client-auto-scaling';
import {
  DescribeAddressesCommand,
  EC2Client,
  paginateDescribeInstances,
  paginateDescribeInternetGateways,
  paginateDescribeLaunchTemplates,
  paginateDescribeLaunchTemplateVersions,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroupRules,
  paginateDescribeSecurityGroups,
  paginateDescribeSnapshots,
  paginateDescribeSubnets,
  paginateDescribeVolumes,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancerAttributesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  IAMClient,
  paginateGetAccountAuthorizationDetails,
  paginateListPolicyTags,
  paginateListRoles,
} from '@aws-sdk/client-iam';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  paginateListAliases,
  paginateListKeys,
  paginateListResourceTags,
} from '@aws-sdk/client-kms';
import { RDSClient, paginateDescribeDBInstances } from '@aws-sdk/client-rds';
import {
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  S3Client,
  paginateListBuckets,
} from '@aws-sdk/client-s3';
import type { AnyClientPlugin } from '../src/observers/aws/client.js';
import { chunk, mapLimit } from '../src/observers/aws/repositories/paging.js';
import type { ClientConfig } from './aws-populate.js';

/**
 * Operations that cost one call per resource in both the scan and the bare listing because the
 * API has no bulk form: `service:Operation` (as the scan's ApiCallCounter names them) → why.
 */
export const PER_RESOURCE_OPERATIONS: Readonly<Record<string, string>> = {
  's3:GetBucketTagging': 'S3 has no bulk read of bucket tags',
  's3:GetBucketPolicy': 'S3 has no bulk read of bucket policies',
  's3:GetBucketVersioning': 'S3 has no bulk read of versioning',
  's3:GetPublicAccessBlock': 'S3 has no bulk read of public access blocks',
  's3:GetBucketLocation': 'the emulator does not echo BucketRegion in ListBuckets (AWS does: 0 calls there)',
  'kms:DescribeKey': 'ListKeys returns ids only',
  'kms:GetKeyPolicy': 'one policy per key',
  'kms:GetKeyRotationStatus': 'one status per key',
  'kms:ListResourceTags': 'one tag list per key',
  'iam:ListPolicyTags': 'GetAccountAuthorizationDetails omits managed-policy tags',
  'elbv2:DescribeLoadBalancerAttributes': 'one load balancer per call',
  'elbv2:DescribeTargetGroupAttributes': 'one target group per call',
  'elbv2:DescribeListeners': 'needs a load balancer ARN',
  'elbv2:DescribeTags': '20 ARNs per call (batched, not per resource)',
};

/** The scan's fan-out for per-resource reads in one scope (RepositoryContext.fanOut). */
const FAN_OUT = 4;

export interface BareListing {
  /** Items returned per listing (no mapping: a count proves the data arrived). */
  readonly items: number;
  /** API calls per `service:Operation`, counted like the scan's ApiCallCounter. */
  readonly apiCalls: Record<string, number>;
}

function counting(counts: Map<string, number>, service: string): AnyClientPlugin {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          const key = `${service}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          return next(args);
        },
        { step: 'initialize', name: 'benchCounter' },
      );
    },
  };
}

async function pages<P>(iterable: AsyncIterable<P>, pick: (page: P) => unknown[] | undefined): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const page of iterable) out.push(...(pick(page) ?? []));
  return out;
}

/** `undefined` when S3 answers that the configuration was never set (a 404 code, not a failure). */
async function unlessNotSet<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (err) {
    if (/^NoSuch/.test((err as { name?: string }).name ?? '')) return undefined;
    throw err;
  }
}

/** Lists the whole estate in `config.region` (IAM too), returning item and call counts. */
export async function bareListing(config: ClientConfig): Promise<BareListing> {
  const counts = new Map<string, number>();
  const make = <C extends { middlewareStack: { use(p: AnyClientPlugin): void } }>(client: C, service: string): C => {
    client.middlewareStack.use(counting(counts, service));
    return client;
  };
  const ec2 = make(new EC2Client(config), 'ec2');
  const autoscaling = make(new AutoScalingClient(config), 'autoscaling');
  const elb = make(new ElasticLoadBalancingV2Client(config), 'elbv2');
  const iam = make(new IAMClient(config), 'iam');
  const s3 = make(new S3Client(config), 's3');
  const rds = make(new RDSClient(config), 'rds');
  const kms = make(new KMSClient(config), 'kms');
  const region = config.region;
  const p = <C>(client: C, pageSize: number) => ({ client, pageSize });

  const elbTags = (arns: string[]) =>
    mapLimit(chunk(arns, 20), FAN_OUT, (batch) => elb.send(new DescribeTagsCommand({ ResourceArns: batch })));

  const listings: Promise<unknown[]>[] = [
    pages(paginateDescribeVpcs(p(ec2, 1000), {}), (x) => x.Vpcs),
    pages(paginateDescribeSubnets(p(ec2, 1000), {}), (x) => x.Subnets),
    pages(paginateDescribeInternetGateways(p(ec2, 1000), {}), (x) => x.InternetGateways),
    pages(paginateDescribeRouteTables(p(ec2, 100), {}), (x) => x.RouteTables),
    ec2.send(new DescribeAddressesCommand({})).then((x) => x.Addresses ?? []),
    pages(paginateDescribeSecurityGroups(p(ec2, 1000), {}), (x) => x.SecurityGroups),
    pages(paginateDescribeSecurityGroupRules(p(ec2, 1000), {}), (x) => x.SecurityGroupRules),
    pages(
      paginateDescribeInstances(p(ec2, 1000), {
        Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }],
      }),
      (x) => x.Reservations?.flatMap((r) => r.Instances ?? []),
    ),
    pages(paginateDescribeLaunchTemplates(p(ec2, 200), {}), (x) => x.LaunchTemplates),
    pages(
      paginateDescribeLaunchTemplateVersions(p(ec2, 200), { Versions: ['$Default'] }),
      (x) => x.LaunchTemplateVersions,
    ),
    pages(paginateDescribeVolumes(p(ec2, 500), {}), (x) => x.Volumes),
    pages(paginateDescribeSnapshots(p(ec2, 1000), { OwnerIds: ['self'] }), (x) => x.Snapshots),
    pages(paginateDescribeAutoScalingGroups(p(autoscaling, 100), {}), (x) => x.AutoScalingGroups),
    pages(paginateDescribeDBInstances(p(rds, 100), {}), (x) => x.DBInstances),
    (async () => {
      const balancers = (await pages(paginateDescribeLoadBalancers(p(elb, 400), {}), (x) => x.LoadBalancers)) as {
        LoadBalancerArn?: string;
      }[];
      const arns = balancers.map((b) => b.LoadBalancerArn ?? '');
      const [, , listeners] = await Promise.all([
        mapLimit(arns, FAN_OUT, (arn) => elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }))),
        elbTags(arns),
        mapLimit(arns, FAN_OUT, (arn) =>
          pages(paginateDescribeListeners(p(elb, 400), { LoadBalancerArn: arn }), (x) => x.Listeners),
        ),
      ]);
      const listenerArns = listeners.flat().map((l) => (l as { ListenerArn?: string }).ListenerArn ?? '');
      await elbTags(listenerArns);
      return [...balancers, ...listenerArns];
    })(),
    (async () => {
      const groups = (await pages(paginateDescribeTargetGroups(p(elb, 400), {}), (x) => x.TargetGroups)) as {
        TargetGroupArn?: string;
      }[];
      const arns = groups.map((g) => g.TargetGroupArn ?? '');
      await Promise.all([
        mapLimit(arns, FAN_OUT, (arn) => elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }))),
        elbTags(arns),
      ]);
      return groups;
    })(),
    (async () => {
      const [details, roles] = await Promise.all([
        (async () => {
          const out: unknown[] = [];
          const policies: { Arn?: string }[] = [];
          for await (const page of paginateGetAccountAuthorizationDetails(p(iam, 1000), {
            Filter: ['Role', 'User', 'LocalManagedPolicy'],
          })) {
            out.push(...(page.RoleDetailList ?? []), ...(page.UserDetailList ?? []));
            policies.push(...(page.Policies ?? []));
          }
          await mapLimit(policies, FAN_OUT, (policy) =>
            pages(paginateListPolicyTags(p(iam, 1000), { PolicyArn: policy.Arn }), (x) => x.Tags),
          );
          return [...out, ...policies];
        })(),
        pages(paginateListRoles(p(iam, 1000), {}), (x) => x.Roles),
      ]);
      return [...details, ...roles];
    })(),
    (async () => {
      const listed = (await pages(paginateListBuckets(p(s3, 10000), { BucketRegion: region }), (x) => x.Buckets)) as {
        Name?: string;
        BucketRegion?: string;
      }[];
      const inRegion = await mapLimit(listed, FAN_OUT, async (b) => {
        if (b.BucketRegion) return b.BucketRegion === region ? b.Name : undefined;
        const location = (await s3.send(new GetBucketLocationCommand({ Bucket: b.Name }))).LocationConstraint;
        return (location === 'EU' ? 'eu-west-1' : location || 'us-east-1') === region ? b.Name : undefined;
      });
      const names = inRegion.filter((n): n is string => n !== undefined);
      // The scan reads each configuration as its own listing, so the four run side by side.
      await Promise.all([
        mapLimit(names, FAN_OUT, (Bucket) => unlessNotSet(s3.send(new GetBucketTaggingCommand({ Bucket })))),
        mapLimit(names, FAN_OUT, (Bucket) => unlessNotSet(s3.send(new GetBucketPolicyCommand({ Bucket })))),
        mapLimit(names, FAN_OUT, (Bucket) => s3.send(new GetBucketVersioningCommand({ Bucket }))),
        mapLimit(names, FAN_OUT, (Bucket) => unlessNotSet(s3.send(new GetPublicAccessBlockCommand({ Bucket })))),
      ]);
      return names;
    })(),
    (async () => {
      // Keys behind alias/aws/... are AWS-managed whatever KeyManager says: one bulk ListAliases.
      const [keys, aliases] = await Promise.all([
        pages(paginateListKeys(p(kms, 1000), {}), (x) => x.Keys) as Promise<{ KeyId?: string }[]>,
        pages(paginateListAliases(p(kms, 100), {}), (x) => x.Aliases) as Promise<
          { AliasName?: string; TargetKeyId?: string }[]
        >,
      ]);
      const awsKeys = new Set(aliases.filter((a) => a.AliasName?.startsWith('alias/aws/')).map((a) => a.TargetKeyId));
      const metadata = await mapLimit(
        keys,
        FAN_OUT,
        async (k) => (await kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata,
      );
      const customer = metadata.filter(
        (m) => m && m.KeyManager !== 'AWS' && m.KeyState !== 'PendingDeletion' && !awsKeys.has(m.KeyId),
      );
      await mapLimit(customer, FAN_OUT, (m) =>
        Promise.all([
          kms.send(new GetKeyPolicyCommand({ KeyId: m!.KeyId, PolicyName: 'default' })),
          (m!.KeySpec ?? m!.CustomerMasterKeySpec) === 'SYMMETRIC_DEFAULT'
            ? kms.send(new GetKeyRotationStatusCommand({ KeyId: m!.KeyId }))
            : undefined,
          pages(paginateListResourceTags(p(kms, 50), { KeyId: m!.KeyId }), (x) => x.Tags),
        ]),
      );
      return customer;
    })(),
  ];
  try {
    const results = await Promise.all(listings);
    return {
      items: results.reduce((sum, list) => sum + list.length, 0),
      apiCalls: Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1))),
    };
  } finally {
    for (const client of [ec2, autoscaling, elb, iam, s3, rds, kms]) client.destroy();
  }
}
