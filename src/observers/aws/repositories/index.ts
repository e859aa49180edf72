/**
 * One repository per AWS service. Catalogue entries never call the SDK: they ask a repository,
 * which pages with the largest page size the API allows, classifies failures (AwsApiError with the
 * IAM action) and memoizes per scope, so two types sharing a listing (a security group and its
 * rules, a volume and its attachments) list once per account and region.
 *
 * A type with one plain bulk listing uses `listing` (listing.ts) from its entry. Adding a service
 * repository (for joins, fan-out, filtering): write repositories/<service>.ts exporting
 * create<Service>Repository(ctx), add its field below.
 */
import type { AwsClientFactory, AwsServiceClients, AwsServiceName } from '../client.js';
import type { AwsScope } from '../catalogue/define.js';
import { classifyAwsError } from '../errors.js';
import { createAutoscalingRepository, type AutoscalingRepository } from './autoscaling.js';
import { createEc2Repository, type Ec2Repository } from './ec2.js';
import { createEksRepository, type EksRepository } from './eks.js';
import { createElbv2Repository, type Elbv2Repository } from './elbv2.js';
import { createIamRepository, type IamRepository } from './iam.js';
import { createIamIdentityRepository, type IamIdentityRepository } from './iam-identity.js';
import { createKmsRepository, type KmsRepository } from './kms.js';
import { createListingRepository, type ListingRepository } from './listing.js';
import { createRdsRepository, type RdsRepository } from './rds.js';
import { createRoute53Repository, type Route53Repository } from './route53.js';
import { createS3Repository, type S3Repository } from './s3.js';

/** What a repository gets: its scope, clients for that scope, a memo and error classification. */
export interface RepositoryContext {
  readonly scope: AwsScope;
  /**
   * The SDK client for a service in this scope's account and region (created on first use).
   * Global services (scope region `global`) get a client in the factory's home region.
   */
  client<S extends AwsServiceName>(service: S): AwsServiceClients[S];
  /** Runs `fn` once per key in this scope; later callers share the same promise (and its failure). */
  memo<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /**
   * A memoized listing whose failure becomes an AwsApiError naming `action` (`ec2:DescribeVolumes`)
   * and this scope. Use the IAM action as the key unless the same action is called with other input.
   */
  list<T>(action: string, fn: () => Promise<T>, key?: string): Promise<T>;
  /** How many per-resource calls (where the API has no bulk form) may run at once in this scope. */
  readonly fanOut: number;
}

export interface AwsRepositories {
  readonly ec2: Ec2Repository;
  readonly autoscaling: AutoscalingRepository;
  readonly elbv2: Elbv2Repository;
  // Slots for the IAM, S3, RDS and KMS repositories (their files are extended by their owner).
  readonly iam: IamRepository;
  readonly s3: S3Repository;
  readonly rds: RdsRepository;
  readonly kms: KmsRepository;
  /** EKS: clusters, node groups and add-ons are described one by one (no bulk describe). */
  readonly eks: EksRepository;
  /** IAM OIDC and SAML providers: listed by ARN, read one by one. */
  readonly iamIdentity: IamIdentityRepository;
  /** Route 53: zones with their details and tags, records per zone. */
  readonly route53: Route53Repository;
  /** Any one paginated bulk listing, named by the entry (listing.ts): no service file needed. */
  readonly listing: ListingRepository;
}

export interface RepositoryContextOptions {
  readonly scope: AwsScope;
  readonly clients: AwsClientFactory;
  /** Region for clients of global services (IAM): the first scanned region, or us-east-1. */
  readonly homeRegion?: string;
  readonly fanOut?: number;
}

export function createRepositoryContext(options: RepositoryContextOptions): RepositoryContext {
  const { scope, clients } = options;
  const memos = new Map<string, Promise<unknown>>();
  const region = scope.region === 'global' ? (options.homeRegion ?? 'us-east-1') : scope.region;
  const memo = <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    let pending = memos.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = fn();
      memos.set(key, pending);
    }
    return pending;
  };
  return {
    scope,
    fanOut: options.fanOut ?? 4,
    client: (service) => clients.client(service, region),
    memo,
    list: (action, fn, key = action) =>
      memo(key, async () => {
        try {
          return await fn();
        } catch (err) {
          throw classifyAwsError(err, { scope, action });
        }
      }),
  };
}

export function createAwsRepositories(ctx: RepositoryContext): AwsRepositories {
  return {
    ec2: createEc2Repository(ctx),
    autoscaling: createAutoscalingRepository(ctx),
    elbv2: createElbv2Repository(ctx),
    iam: createIamRepository(ctx),
    s3: createS3Repository(ctx),
    rds: createRdsRepository(ctx),
    kms: createKmsRepository(ctx),
    eks: createEksRepository(ctx),
    iamIdentity: createIamIdentityRepository(ctx),
    route53: createRoute53Repository(ctx),
    listing: createListingRepository(ctx),
  };
}
