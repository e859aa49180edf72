/**
 * AWS SDK clients built from ordinary AWS configuration, so the same code runs against real AWS
 * and against the emulator unchanged:
 *   - credentials: the SDK's default chain (environment, SSO, shared files, instance roles), a named
 *     profile (`fromIni`), or a role in another account assumed through STS;
 *   - endpoint: the SDK itself honours `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE_ID>`
 *     (for example `AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2`), and `endpoint_url` in profiles;
 *   - region: one client per (credentials, service, region), region from the scope.
 *
 * Every client retries in `adaptive` mode (client-side rate limiting on top of the standard
 * backoff) so a large, throttled account finishes slower rather than failing, and counts every
 * API call per `service:Operation` into one shared ApiCallCounter.
 *
 * Every call is bounded (src/observers/aws/deadline.ts): a connection timeout, a socket timeout that
 * fails the attempt (the SDK only warns unless told to throw), and an overall deadline per call,
 * retries included, plus the scan's signal. And every answer must be attributable to the API: a
 * 2xx response without a request id, or an empty body where the protocol always has one, is an
 * UnattributableResponse error, never an empty result (an empty HTTP 200 is not "no subnets").
 *
 * Loading: each service's SDK package is imported only when that service is first used
 * (`loadServiceClients`), and the credential providers only when credentials are first resolved:
 * a scan of a plan, `--help` or a scan of EC2 alone never pays for the other packages.
 */
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { ACMClient } from '@aws-sdk/client-acm';
import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ECRClient } from '@aws-sdk/client-ecr';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { EFSClient } from '@aws-sdk/client-efs';
import type { EKSClient } from '@aws-sdk/client-eks';
import type { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { RDSClient } from '@aws-sdk/client-rds';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { Route53Client } from '@aws-sdk/client-route-53';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider, Pluggable } from '@smithy/types';
import { bounded } from './deadline.js';

/** The clients Driftwarden uses, by the short service name the catalogue and the counter use. */
export interface AwsServiceClients {
  ec2: EC2Client;
  autoscaling: AutoScalingClient;
  elbv2: ElasticLoadBalancingV2Client;
  iam: IAMClient;
  s3: S3Client;
  rds: RDSClient;
  kms: KMSClient;
  sts: STSClient;
  cloudtrail: CloudTrailClient;
  lambda: LambdaClient;
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  sns: SNSClient;
  logs: CloudWatchLogsClient;
  cloudwatch: CloudWatchClient;
  secretsmanager: SecretsManagerClient;
  ssm: SSMClient;
  apigateway: APIGatewayClient;
  efs: EFSClient;
  sfn: SFNClient;
  events: EventBridgeClient;
  elasticache: ElastiCacheClient;
  kinesis: KinesisClient;
  eks: EKSClient;
  ecr: ECRClient;
  ecs: ECSClient;
  route53: Route53Client;
  cloudfront: CloudFrontClient;
  acm: ACMClient;
  elb: ElasticLoadBalancingClient;
  /** The Resource Groups Tagging API: the existence tier (src/observers/aws/existence/). */
  tagging: ResourceGroupsTaggingAPIClient;
}
export type AwsServiceName = keyof AwsServiceClients;

/** Counts API calls per `service:Operation` (one per command sent; SDK retries are not extra calls). */
export class ApiCallCounter {
  private readonly counts = new Map<string, number>();

  increment(key: string, by = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  get total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** A plain object sorted by key, for the JSON report and `--verbose`. */
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}

/**
 * A middleware plugin for any service's client: the SDK types each plugin by its client's input and
 * output unions, and this one only reads the command name.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyClientPlugin = Pluggable<any, any>;

/** A plugin that adds the counting middleware to a client (also used for the STS client of assume-role). */
export function countingPlugin(counter: ApiCallCounter, service: string): AnyClientPlugin {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
          counter.increment(`${service}:${operation}`);
          return next(args);
        },
        // initialize runs once per `send`, before the retry loop: one count per logical call.
        { step: 'initialize', name: 'driftwardenApiCallCounter', override: true },
      );
    },
  };
}

/** Whose resources to observe: the caller's own account, a profile, or a role assumed through STS. */
export interface AwsAccountSpec {
  /** Expected account id. When absent it is read from STS GetCallerIdentity (or the role ARN). */
  readonly account?: string;
  /** A profile from the shared config/credentials files. */
  readonly profile?: string;
  /** A role to assume (in this or another account) with the base credentials. */
  readonly roleArn?: string;
  readonly externalId?: string;
}

export interface AwsClientOptions {
  readonly counter: ApiCallCounter;
  /**
   * Attempts per call, including the first. Generous by default so adaptive retry can ride out
   * throttling; `AWS_MAX_ATTEMPTS` (the SDK's own setting) wins when set and this is not.
   */
  readonly maxAttempts?: number;
  /** Explicit credentials (tests, embedding); otherwise the account spec decides. */
  readonly credentials?: AwsCredentialIdentityProvider;
  /** Deadline of one call, retries included (default DEFAULT_CALL_TIMEOUT_MS). */
  readonly callTimeoutMs?: number;
  /** The scan's signal: aborted at the scan deadline or on a stop request; every call obeys it. */
  readonly signal?: AbortSignal;
}

export const DEFAULT_MAX_ATTEMPTS = 10;
/** One call, retries included: generous for adaptive back-off in a throttled account, finite. */
export const DEFAULT_CALL_TIMEOUT_MS = 90_000;
const CONNECT_TIMEOUT_MS = 5_000;
/** One attempt with no byte from the endpoint for this long fails (and may be retried). */
const SOCKET_TIMEOUT_MS = 30_000;

/** The HTTP handler options every client (and the assume-role STS client) gets. */
export function requestHandlerOptions(callTimeoutMs = DEFAULT_CALL_TIMEOUT_MS): Record<string, unknown> {
  const attempt = Math.min(SOCKET_TIMEOUT_MS, callTimeoutMs);
  return {
    connectionTimeout: Math.min(CONNECT_TIMEOUT_MS, callTimeoutMs),
    requestTimeout: attempt,
    socketTimeout: attempt,
    throwOnRequestTimeout: true,
  };
}

/**
 * The SDK's Kinesis client defaults to HTTP/2, which only SubscribeToShard needs; the reads
 * Driftwarden makes (ListStreams, DescribeStreamSummary) are served over HTTP/1.1 by AWS, and only
 * over HTTP/1.1 by endpoints such as moto, where HTTP/2 fails the whole scope. Every other client's
 * default handler is HTTP/1.1 already.
 */
function requestHandlerFor(service: AwsServiceName, callTimeoutMs: number | undefined): unknown {
  const options = requestHandlerOptions(callTimeoutMs);
  return service === 'kinesis' ? new NodeHttpHandler(options) : options;
}

/** A 2xx answer that cannot be attributed to the API: no request id, or no body where one is due. */
export class UnattributableResponseError extends Error {
  readonly $metadata: { httpStatusCode: number };
  constructor(
    readonly operation: string,
    status: number,
    readonly why: string,
  ) {
    super(`${operation}: HTTP ${status} answer ${why}`);
    this.name = 'UnattributableResponse';
    this.$metadata = { httpStatusCode: status };
  }
}

interface RawResponse {
  readonly statusCode?: number;
  readonly headers?: Record<string, string | undefined>;
}

/**
 * Refuses answers the SDK cannot attribute to the API. Runs around the deserializer, so it sees
 * both the raw response and the parsed output. S3 may legitimately answer 2xx with no body (HEAD);
 * every other service's protocol (query, EC2, JSON) always has one.
 */
export function attributionPlugin(service: string): AnyClientPlugin {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          const result = await next(args);
          const response = result.response as RawResponse;
          const status = response.statusCode ?? 0;
          if (status < 200 || status > 299) return result;
          const operation = `${service}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`;
          const headers = Object.fromEntries(
            Object.entries(response.headers ?? {}).map(([key, value]) => [key.toLowerCase(), value]),
          );
          const metadata = (result.output as { $metadata?: { requestId?: string } } | undefined)?.$metadata;
          const requestId =
            metadata?.requestId ?? Object.entries(headers).find(([key]) => /^x-[\w-]+-request-?id$/.test(key))?.[1];
          if (!requestId) throw new UnattributableResponseError(operation, status, 'carries no request id');
          if (service !== 's3' && headers['content-length'] === '0')
            throw new UnattributableResponseError(operation, status, 'has an empty body');
          return result;
        },
        { step: 'deserialize', priority: 'high', name: 'driftwardenAttributableResponse', override: true },
      );
    },
  };
}

function resolveMaxAttempts(explicit: number | undefined): number {
  if (explicit !== undefined) return explicit;
  const fromEnv = Number(process.env['AWS_MAX_ATTEMPTS']);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_MAX_ATTEMPTS;
}

/** A custom endpoint (emulator, VPC endpoint proxy) cannot serve virtual-hosted bucket names. */
function customS3Endpoint(): boolean {
  return Boolean(process.env['AWS_ENDPOINT_URL_S3'] ?? process.env['AWS_ENDPOINT_URL']);
}

/** Credentials are refreshed this long before they expire. */
const CREDENTIAL_REFRESH_MS = 5 * 60_000;

/**
 * Shares one resolution of a credential provider between every client of an account (otherwise
 * each client would assume the role again), refreshing shortly before expiry.
 */
export function memoizeCredentials(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let pending: ReturnType<AwsCredentialIdentityProvider> | undefined;
  return async () => {
    if (pending) {
      try {
        const current = await pending;
        if (!current.expiration || current.expiration.getTime() - Date.now() > CREDENTIAL_REFRESH_MS) return current;
      } catch {
        // a failed resolution is retried on the next call
      }
    }
    pending = provider();
    return pending;
  };
}

/** The SDK's credential providers, imported when credentials are first resolved. */
const credentialProviders = () => import('@aws-sdk/credential-providers');

/** Base credentials for an account spec: a profile, or the default chain; then the role, if any. */
export function credentialsFor(
  spec: AwsAccountSpec,
  options: AwsClientOptions,
  stsRegion = 'us-east-1',
): AwsCredentialIdentityProvider {
  const base = memoizeCredentials(
    options.credentials ??
      (async (props) => {
        const { fromIni, fromNodeProviderChain } = await credentialProviders();
        return (spec.profile ? fromIni({ profile: spec.profile }) : fromNodeProviderChain())(props);
      }),
  );
  if (!spec.roleArn) return base;
  const roleArn = spec.roleArn;
  return memoizeCredentials(async (props) => {
    const { fromTemporaryCredentials } = await credentialProviders();
    return fromTemporaryCredentials({
      masterCredentials: base,
      params: {
        RoleArn: roleArn,
        RoleSessionName: 'driftwarden-scan',
        ...(spec.externalId ? { ExternalId: spec.externalId } : {}),
      },
      clientConfig: {
        region: stsRegion,
        maxAttempts: resolveMaxAttempts(options.maxAttempts),
        requestHandler: requestHandlerOptions(options.callTimeoutMs),
      },
      clientPlugins: [countingPlugin(options.counter, 'sts'), attributionPlugin('sts')],
    })(props);
  });
}

// Each client's config type differs; the one call site passes the options every client takes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ClientConstructor<S extends AwsServiceName> = new (config: any) => AwsServiceClients[S];

const LOADERS: { [S in AwsServiceName]: () => Promise<ClientConstructor<S>> } = {
  ec2: async () => (await import('@aws-sdk/client-ec2')).EC2Client,
  autoscaling: async () => (await import('@aws-sdk/client-auto-scaling')).AutoScalingClient,
  elbv2: async () => (await import('@aws-sdk/client-elastic-load-balancing-v2')).ElasticLoadBalancingV2Client,
  iam: async () => (await import('@aws-sdk/client-iam')).IAMClient,
  s3: async () => (await import('@aws-sdk/client-s3')).S3Client,
  rds: async () => (await import('@aws-sdk/client-rds')).RDSClient,
  kms: async () => (await import('@aws-sdk/client-kms')).KMSClient,
  sts: async () => (await import('@aws-sdk/client-sts')).STSClient,
  cloudtrail: async () => (await import('@aws-sdk/client-cloudtrail')).CloudTrailClient,
  lambda: async () => (await import('@aws-sdk/client-lambda')).LambdaClient,
  dynamodb: async () => (await import('@aws-sdk/client-dynamodb')).DynamoDBClient,
  sqs: async () => (await import('@aws-sdk/client-sqs')).SQSClient,
  sns: async () => (await import('@aws-sdk/client-sns')).SNSClient,
  logs: async () => (await import('@aws-sdk/client-cloudwatch-logs')).CloudWatchLogsClient,
  cloudwatch: async () => (await import('@aws-sdk/client-cloudwatch')).CloudWatchClient,
  secretsmanager: async () => (await import('@aws-sdk/client-secrets-manager')).SecretsManagerClient,
  ssm: async () => (await import('@aws-sdk/client-ssm')).SSMClient,
  apigateway: async () => (await import('@aws-sdk/client-api-gateway')).APIGatewayClient,
  efs: async () => (await import('@aws-sdk/client-efs')).EFSClient,
  sfn: async () => (await import('@aws-sdk/client-sfn')).SFNClient,
  events: async () => (await import('@aws-sdk/client-eventbridge')).EventBridgeClient,
  elasticache: async () => (await import('@aws-sdk/client-elasticache')).ElastiCacheClient,
  kinesis: async () => (await import('@aws-sdk/client-kinesis')).KinesisClient,
  eks: async () => (await import('@aws-sdk/client-eks')).EKSClient,
  ecr: async () => (await import('@aws-sdk/client-ecr')).ECRClient,
  ecs: async () => (await import('@aws-sdk/client-ecs')).ECSClient,
  route53: async () => (await import('@aws-sdk/client-route-53')).Route53Client,
  cloudfront: async () => (await import('@aws-sdk/client-cloudfront')).CloudFrontClient,
  acm: async () => (await import('@aws-sdk/client-acm')).ACMClient,
  elb: async () => (await import('@aws-sdk/client-elastic-load-balancing')).ElasticLoadBalancingClient,
  tagging: async () => (await import('@aws-sdk/client-resource-groups-tagging-api')).ResourceGroupsTaggingAPIClient,
};

/** The constructors imported so far (process-wide: a module is imported once anyway). */
const constructors = new Map<AwsServiceName, Promise<unknown>>();

/**
 * Imports these services' SDK packages (once per process). `AwsClientFactory.client` needs its
 * service loaded: repositories, attribution and executors await this before their first call.
 */
export async function loadServiceClients(...services: AwsServiceName[]): Promise<void> {
  await Promise.all(
    services.map((service) => {
      let pending = constructors.get(service);
      if (!pending) {
        pending = LOADERS[service]().then((constructor) => {
          loaded.set(service, constructor);
        });
        // A failed import is retried by the next caller instead of being cached.
        pending.catch(() => constructors.delete(service));
        constructors.set(service, pending);
      }
      return pending;
    }),
  );
}
const loaded = new Map<AwsServiceName, unknown>();

/**
 * Builds and caches SDK clients for one set of credentials (one account). Clients are reused per
 * (service, region) so connection pools and the adaptive rate limiter are shared by all listings
 * of that service in that region.
 */
export class AwsClientFactory {
  private readonly cache = new Map<string, unknown>();
  private readonly maxAttempts: number;

  constructor(
    private readonly credentials: AwsCredentialIdentityProvider,
    private readonly options: AwsClientOptions,
  ) {
    this.maxAttempts = resolveMaxAttempts(options.maxAttempts);
  }

  client<S extends AwsServiceName>(service: S, region: string): AwsServiceClients[S] {
    const key = `${service}/${region}`;
    const cached = this.cache.get(key) as AwsServiceClients[S] | undefined;
    if (cached) return cached;
    const Constructor = loaded.get(service) as ClientConstructor<S> | undefined;
    // A programming error, not a user's: the caller forgot `await loadServiceClients(service)`.
    if (!Constructor)
      throw new Error(`internal: the ${service} SDK client is used before loadServiceClients('${service}')`);
    const created = new Constructor({
      region,
      credentials: this.credentials,
      retryMode: 'adaptive',
      maxAttempts: this.maxAttempts,
      // A black-holed endpoint must fail the listing (scope incomplete), never hang the scan.
      requestHandler: requestHandlerFor(service, this.options.callTimeoutMs),
      ...(service === 's3' && customS3Endpoint() ? { forcePathStyle: true } : {}),
    });
    const stack = (created as unknown as { middlewareStack: { use(p: AnyClientPlugin): void } }).middlewareStack;
    stack.use(countingPlugin(this.options.counter, service));
    stack.use(attributionPlugin(service));
    this.boundSend(created);
    this.cache.set(key, created);
    return created;
  }

  /**
   * Every `send` (paginators call it too) gets the call's deadline and the scan's signal: the SDK
   * aborts the request, and the call rejects at the deadline even if something inside ignores it.
   */
  private boundSend(client: unknown): void {
    const target = client as { send(command: unknown, options?: Record<string, unknown>): Promise<unknown> };
    const send = target.send.bind(target);
    const bounds = {
      callTimeoutMs: this.options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      ...(this.options.signal ? { signal: this.options.signal } : {}),
    };
    target.send = (command, options) =>
      bounded(bounds, (abortSignal) => send(command, { ...(options ?? {}), abortSignal }));
  }

  /** Releases sockets; call when the scan is over. */
  destroy(): void {
    for (const client of this.cache.values()) (client as { destroy(): void }).destroy();
    this.cache.clear();
  }
}

/** The account the credentials belong to (STS GetCallerIdentity). */
export async function callerAccount(factory: AwsClientFactory, region: string): Promise<string> {
  const [{ GetCallerIdentityCommand }] = await Promise.all([import('@aws-sdk/client-sts'), loadServiceClients('sts')]);
  const identity = await factory.client('sts', region).send(new GetCallerIdentityCommand({}));
  if (!identity.Account) throw new Error('STS GetCallerIdentity returned no account');
  return identity.Account;
}

/** The account id inside a role ARN (`arn:aws:iam::111111111111:role/x`), when well-formed. */
export function accountOfRoleArn(roleArn: string): string | undefined {
  return /^arn:[^:]+:iam::(\d{12}):/.exec(roleArn)?.[1];
}
