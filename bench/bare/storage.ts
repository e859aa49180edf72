/**
 * Bare S3, KMS and ELBv2 listings, each with the per-resource reads the API has no bulk form for
 * (bucket configurations, key metadata/policy/rotation/tags, balancer and target group attributes,
 * listeners per balancer, target health per group, tags 20 ARNs a call), at the scan's fan-out.
 */
import {
  DescribeLoadBalancerAttributesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeRules,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DescribeLoadBalancerAttributesCommand as DescribeClassicAttributesCommand,
  DescribeTagsCommand as DescribeClassicTagsCommand,
  ElasticLoadBalancingClient,
  paginateDescribeLoadBalancers as paginateDescribeClassicLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  paginateListAliases,
  paginateListKeys,
  paginateListResourceTags,
} from '@aws-sdk/client-kms';
import {
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketWebsiteCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  S3Client,
  paginateListBuckets,
} from '@aws-sdk/client-s3';
import { chunk, mapLimit } from '../../src/observers/aws/repositories/paging.js';
import { FAN_OUT, p, pages, unlessAbsent, type BareRun } from './common.js';

export function elbv2Listings(run: BareRun): Promise<unknown[]>[] {
  const elb = run.client(new ElasticLoadBalancingV2Client(run.config), 'elbv2');
  const elbTags = (arns: string[]) =>
    mapLimit(chunk(arns, 20), FAN_OUT, (batch) => elb.send(new DescribeTagsCommand({ ResourceArns: batch })));
  return [
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
      // Listener tags, and the rules of each listener (no bulk form) with their tags, as the scan does.
      const [, rules] = await Promise.all([
        elbTags(listenerArns),
        mapLimit(listenerArns, FAN_OUT, (ListenerArn) =>
          pages(paginateDescribeRules(p(elb, 400), { ListenerArn }), (x) => x.Rules),
        ),
      ]);
      await elbTags(rules.flat().map((r) => (r as { RuleArn?: string }).RuleArn ?? ''));
      return [...balancers, ...listenerArns];
    })(),
    (async () => {
      const groups = (await pages(paginateDescribeTargetGroups(p(elb, 400), {}), (x) => x.TargetGroups)) as {
        TargetGroupArn?: string;
      }[];
      const arns = groups.map((g) => g.TargetGroupArn ?? '');
      await Promise.all([
        mapLimit(arns, FAN_OUT, (arn) => elb.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }))),
        mapLimit(arns, FAN_OUT, (arn) => elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }))),
        elbTags(arns),
      ]);
      return groups;
    })(),
  ];
}

/** Classic load balancers: one listing, attributes per balancer (no bulk form), tags 20 names a call. */
export function classicElbListings(run: BareRun): Promise<unknown[]>[] {
  const elb = run.client(new ElasticLoadBalancingClient(run.config), 'elb');
  return [
    (async () => {
      const balancers = (await pages(
        paginateDescribeClassicLoadBalancers(p(elb, 400), {}),
        (x) => x.LoadBalancerDescriptions,
      )) as { LoadBalancerName?: string }[];
      const names = balancers.map((b) => b.LoadBalancerName ?? '');
      await Promise.all([
        mapLimit(names, FAN_OUT, (LoadBalancerName) =>
          elb.send(new DescribeClassicAttributesCommand({ LoadBalancerName })),
        ),
        mapLimit(chunk(names, 20), FAN_OUT, (LoadBalancerNames) =>
          elb.send(new DescribeClassicTagsCommand({ LoadBalancerNames })),
        ),
      ]);
      return balancers;
    })(),
  ];
}

export function s3Listings(run: BareRun): Promise<unknown[]>[] {
  const s3 = run.client(new S3Client(run.config), 's3');
  const region = run.config.region;
  return [
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
      // The scan reads each configuration as its own listing, so they run side by side.
      const each = (read: (Bucket: string) => Promise<unknown>) =>
        mapLimit(names, FAN_OUT, (Bucket) => unlessAbsent(read(Bucket)));
      await Promise.all([
        each((Bucket) => s3.send(new GetBucketTaggingCommand({ Bucket }))),
        each((Bucket) => s3.send(new GetBucketPolicyCommand({ Bucket }))),
        mapLimit(names, FAN_OUT, (Bucket) => s3.send(new GetBucketVersioningCommand({ Bucket }))),
        each((Bucket) => s3.send(new GetPublicAccessBlockCommand({ Bucket }))),
        each((Bucket) => s3.send(new GetBucketEncryptionCommand({ Bucket }))),
        each((Bucket) => s3.send(new GetBucketOwnershipControlsCommand({ Bucket }))),
        each((Bucket) => s3.send(new GetBucketCorsCommand({ Bucket }))),
        each((Bucket) => s3.send(new GetBucketLoggingCommand({ Bucket }))),
        each((Bucket) => s3.send(new GetBucketWebsiteCommand({ Bucket }))),
      ]);
      return names;
    })(),
  ];
}

export function kmsListings(run: BareRun): Promise<unknown[]>[] {
  const kms = run.client(new KMSClient(run.config), 'kms');
  return [
    (async () => {
      // Keys behind alias/aws/... are AWS-managed whatever KeyManager says: one bulk ListAliases,
      // shared with aws_kms_alias (the scan memoizes it).
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
      return [...customer, ...aliases];
    })(),
  ];
}
