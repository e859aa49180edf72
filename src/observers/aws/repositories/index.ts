/**
 * One repository per AWS service. Catalogue entries never call the SDK: they ask a repository,
 * which pages with the largest page size the API allows, classifies failures (AwsApiError with the
 * IAM action) and memoizes per scope, so two types sharing a listing (a security group and its
 * rules, a volume and its attachments) list once per account and region.
 *
 * A type with one plain bulk listing uses `listing` (listing.ts) from its entry. Adding a service
 * repository (for joins, fan-out, filtering): write repositories/<service>.ts exporting
 * create<Service>Repository(ctx), add its field below through lazyRepository (the module loads on first use).
 *
 * Each service repository module (and with it its service's SDK package) is imported on the first
 * call to one of its methods, so a scan loads only the services its types use; the generic listing
 * loads the SDK package of the service it lists on its first call.
 */
import { loadServiceClients, type AwsClientFactory, type AwsServiceClients, type AwsServiceName } from '../client.js';
import type { AwsScope } from '../catalogue/define.js';
import { classifyAwsError } from '../errors.js';
import type { AutoscalingRepository } from './autoscaling.js';
import type { Ec2Repository } from './ec2.js';
import type { EksRepository } from './eks.js';
import type { Elbv2Repository } from './elbv2.js';
import type { IamRepository } from './iam.js';
import type { IamIdentityRepository } from './iam-identity.js';
import type { KmsRepository } from './kms.js';
import { createListingRepository, type ListingRepository } from './listing.js';
import type { RdsRepository } from './rds.js';
import type { Route53Repository } from './route53.js';
import type { S3Repository } from './s3.js';

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

/** A repository's methods: every one is an asynchronous call (a listing or a per-resource read). */
type AsyncMethods<R> = {
  [K in keyof R]: R[K] extends (...args: infer A) => Promise<infer T> ? (...args: A) => Promise<T> : never;
};

/**
 * A repository whose module and SDK client are imported on the first method call; the methods
 * keep their types, and the created repository (with its memo) is shared by every later call.
 */
function lazyRepository<R extends AsyncMethods<R>>(
  ctx: RepositoryContext,
  service: AwsServiceName,
  load: () => Promise<(ctx: RepositoryContext) => R>,
): R {
  let created: Promise<R> | undefined;
  const repository = (): Promise<R> =>
    (created ??= Promise.all([load(), loadServiceClients(service)]).then(([create]) => create(ctx)));
  return new Proxy({} as R, {
    get: (_target, method) => {
      if (typeof method !== 'string') return undefined;
      return async (...args: unknown[]) => {
        const repo = (await repository()) as Record<string, (...args: unknown[]) => Promise<unknown>>;
        const fn = repo[method];
        if (typeof fn !== 'function') throw new Error(`internal: the ${service} repository has no method ${method}`);
        return fn(...args);
      };
    },
  });
}

export function createAwsRepositories(ctx: RepositoryContext): AwsRepositories {
  return {
    ec2: lazyRepository(ctx, 'ec2', async () => (await import('./ec2.js')).createEc2Repository),
    autoscaling: lazyRepository(
      ctx,
      'autoscaling',
      async () => (await import('./autoscaling.js')).createAutoscalingRepository,
    ),
    elbv2: lazyRepository(ctx, 'elbv2', async () => (await import('./elbv2.js')).createElbv2Repository),
    iam: lazyRepository(ctx, 'iam', async () => (await import('./iam.js')).createIamRepository),
    s3: lazyRepository(ctx, 's3', async () => (await import('./s3.js')).createS3Repository),
    rds: lazyRepository(ctx, 'rds', async () => (await import('./rds.js')).createRdsRepository),
    kms: lazyRepository(ctx, 'kms', async () => (await import('./kms.js')).createKmsRepository),
    eks: lazyRepository(ctx, 'eks', async () => (await import('./eks.js')).createEksRepository),
    iamIdentity: lazyRepository(
      ctx,
      'iam',
      async () => (await import('./iam-identity.js')).createIamIdentityRepository,
    ),
    route53: lazyRepository(ctx, 'route53', async () => (await import('./route53.js')).createRoute53Repository),
    listing: createListingRepository(ctx),
  };
}
