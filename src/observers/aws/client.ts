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
 */
import { ACMClient } from '@aws-sdk/client-acm';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { EFSClient } from '@aws-sdk/client-efs';
import { EKSClient } from '@aws-sdk/client-eks';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { Route53Client } from '@aws-sdk/client-route-53';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
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

/** Base credentials for an account spec: a profile, or the default chain; then the role, if any. */
export function credentialsFor(
  spec: AwsAccountSpec,
  options: AwsClientOptions,
  stsRegion = 'us-east-1',
): AwsCredentialIdentityProvider {
  const base = memoizeCredentials(
    options.credentials ?? (spec.profile ? fromIni({ profile: spec.profile }) : fromNodeProviderChain()),
  );
  if (!spec.roleArn) return base;
  return memoizeCredentials(
    fromTemporaryCredentials({
      masterCredentials: base,
      params: {
        RoleArn: spec.roleArn,
        RoleSessionName: 'driftwarden-scan',
        ...(spec.externalId ? { ExternalId: spec.externalId } : {}),
      },
      clientConfig: {
        region: stsRegion,
        maxAttempts: resolveMaxAttempts(options.maxAttempts),
        requestHandler: requestHandlerOptions(options.callTimeoutMs),
      },
      clientPlugins: [countingPlugin(options.counter, 'sts'), attributionPlugin('sts')],
    }),
  );
}

// Each client's config type differs; the one call site passes the options every client takes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ClientConstructor<S extends AwsServiceName> = new (config: any) => AwsServiceClients[S];

const CONSTRUCTORS: { [S in AwsServiceName]: ClientConstructor<S> } = {
  ec2: EC2Client,
  autoscaling: AutoScalingClient,
  elbv2: ElasticLoadBalancingV2Client,
  iam: IAMClient,
  s3: S3Client,
  rds: RDSClient,
  kms: KMSClient,
  sts: STSClient,
  cloudtrail: CloudTrailClient,
  lambda: LambdaClient,
  dynamodb: DynamoDBClient,
  sqs: SQSClient,
  sns: SNSClient,
  logs: CloudWatchLogsClient,
  cloudwatch: CloudWatchClient,
  secretsmanager: SecretsManagerClient,
  ssm: SSMClient,
  apigateway: APIGatewayClient,
  efs: EFSClient,
  sfn: SFNClient,
  events: EventBridgeClient,
  elasticache: ElastiCacheClient,
  kinesis: KinesisClient,
  eks: EKSClient,
  ecr: ECRClient,
  ecs: ECSClient,
  route53: Route53Client,
  cloudfront: CloudFrontClient,
  acm: ACMClient,
  elb: ElasticLoadBalancingClient,
  tagging: ResourceGroupsTaggingAPIClient,
};

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
    const Constructor = CONSTRUCTORS[service] as ClientConstructor<S>;
    const created = new Constructor({
      region,
      credentials: this.credentials,
      retryMode: 'adaptive',
      maxAttempts: this.maxAttempts,
      // A black-holed endpoint must fail the listing (scope incomplete), never hang the scan.
      requestHandler: requestHandlerOptions(this.options.callTimeoutMs),
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
  const identity = await factory.client('sts', region).send(new GetCallerIdentityCommand({}));
  if (!identity.Account) throw new Error('STS GetCallerIdentity returned no account');
  return identity.Account;
}

/** The account id inside a role ARN (`arn:aws:iam::111111111111:role/x`), when well-formed. */
export function accountOfRoleArn(roleArn: string): string | undefined {
  return /^arn:[^:]+:iam::(\d{12}):/.exec(roleArn)?.[1];
}
