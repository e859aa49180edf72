/**
 * The vocabulary AWS catalogue entries use to declare enforcement: one API call of a revert or
 * prune plan, named by service and operation and typed against the SDK at compile time (type-only
 * imports: no SDK module is loaded by declaring a call; `sdkModule` loads one on first use), and the extra steps an entry
 * declares around a call (a wait, a merge, a detach) for the generic executor to run.
 *
 * Invariants:
 *   - a call is plain data (it is saved in plans and in the audit log) and names its operation
 *     exactly as the SDK does (`RevokeSecurityGroupIngress` is sent as RevokeSecurityGroupIngressCommand);
 *   - the executor sends only calls whose `service:Operation` the entry of the item's type lists in
 *     its `sends`, and runs only steps the entry declares: a plan file cannot make it call anything else;
 *   - steps reach AWS only through `StepContext.send`, so retries, endpoints and counting stay the
 *     executor's.
 */
import type * as acm from '@aws-sdk/client-acm';
import type * as apigateway from '@aws-sdk/client-api-gateway';
import type * as autoscaling from '@aws-sdk/client-auto-scaling';
import type * as cloudfront from '@aws-sdk/client-cloudfront';
import type * as cloudtrail from '@aws-sdk/client-cloudtrail';
import type * as cloudwatch from '@aws-sdk/client-cloudwatch';
import type * as dynamodb from '@aws-sdk/client-dynamodb';
import type * as ec2 from '@aws-sdk/client-ec2';
import type * as ecr from '@aws-sdk/client-ecr';
import type * as ecs from '@aws-sdk/client-ecs';
import type * as efs from '@aws-sdk/client-efs';
import type * as eks from '@aws-sdk/client-eks';
import type * as elb from '@aws-sdk/client-elastic-load-balancing';
import type * as elasticache from '@aws-sdk/client-elasticache';
import type * as elbv2 from '@aws-sdk/client-elastic-load-balancing-v2';
import type * as events from '@aws-sdk/client-eventbridge';
import type * as iam from '@aws-sdk/client-iam';
import type * as kinesis from '@aws-sdk/client-kinesis';
import type * as kms from '@aws-sdk/client-kms';
import type * as lambda from '@aws-sdk/client-lambda';
import type * as logs from '@aws-sdk/client-cloudwatch-logs';
import type * as rds from '@aws-sdk/client-rds';
import type * as route53 from '@aws-sdk/client-route-53';
import type * as s3 from '@aws-sdk/client-s3';
import type * as secretsmanager from '@aws-sdk/client-secrets-manager';
import type * as sfn from '@aws-sdk/client-sfn';
import type * as sns from '@aws-sdk/client-sns';
import type * as sqs from '@aws-sdk/client-sqs';
import type * as ssm from '@aws-sdk/client-ssm';
import type { Finding } from '../../model/finding.js';
import type {
  ApiCall as ProviderCall,
  PlanContext,
  PruneDeclaration,
  RevertDeclaration,
} from '../../model/catalogue.js';

/** The SDK module of each service an entry may act through (type level only). */
export interface AwsSdkModules {
  acm: typeof acm;
  apigateway: typeof apigateway;
  autoscaling: typeof autoscaling;
  cloudfront: typeof cloudfront;
  cloudtrail: typeof cloudtrail;
  cloudwatch: typeof cloudwatch;
  dynamodb: typeof dynamodb;
  ec2: typeof ec2;
  ecr: typeof ecr;
  ecs: typeof ecs;
  efs: typeof efs;
  eks: typeof eks;
  elasticache: typeof elasticache;
  elb: typeof elb;
  elbv2: typeof elbv2;
  events: typeof events;
  iam: typeof iam;
  kinesis: typeof kinesis;
  kms: typeof kms;
  lambda: typeof lambda;
  logs: typeof logs;
  rds: typeof rds;
  route53: typeof route53;
  s3: typeof s3;
  secretsmanager: typeof secretsmanager;
  sfn: typeof sfn;
  sns: typeof sns;
  sqs: typeof sqs;
  ssm: typeof ssm;
}
export type AwsActionService = keyof AwsSdkModules;

const SDK_MODULES: Readonly<Record<AwsActionService, () => Promise<Record<string, unknown>>>> = {
  acm: () => import('@aws-sdk/client-acm'),
  apigateway: () => import('@aws-sdk/client-api-gateway'),
  autoscaling: () => import('@aws-sdk/client-auto-scaling'),
  cloudfront: () => import('@aws-sdk/client-cloudfront'),
  cloudtrail: () => import('@aws-sdk/client-cloudtrail'),
  cloudwatch: () => import('@aws-sdk/client-cloudwatch'),
  dynamodb: () => import('@aws-sdk/client-dynamodb'),
  ec2: () => import('@aws-sdk/client-ec2'),
  ecr: () => import('@aws-sdk/client-ecr'),
  ecs: () => import('@aws-sdk/client-ecs'),
  efs: () => import('@aws-sdk/client-efs'),
  eks: () => import('@aws-sdk/client-eks'),
  elasticache: () => import('@aws-sdk/client-elasticache'),
  elb: () => import('@aws-sdk/client-elastic-load-balancing'),
  elbv2: () => import('@aws-sdk/client-elastic-load-balancing-v2'),
  events: () => import('@aws-sdk/client-eventbridge'),
  iam: () => import('@aws-sdk/client-iam'),
  kinesis: () => import('@aws-sdk/client-kinesis'),
  kms: () => import('@aws-sdk/client-kms'),
  lambda: () => import('@aws-sdk/client-lambda'),
  logs: () => import('@aws-sdk/client-cloudwatch-logs'),
  rds: () => import('@aws-sdk/client-rds'),
  route53: () => import('@aws-sdk/client-route-53'),
  s3: () => import('@aws-sdk/client-s3'),
  secretsmanager: () => import('@aws-sdk/client-secrets-manager'),
  sfn: () => import('@aws-sdk/client-sfn'),
  sns: () => import('@aws-sdk/client-sns'),
  sqs: () => import('@aws-sdk/client-sqs'),
  ssm: () => import('@aws-sdk/client-ssm'),
};

/** True for a service whose SDK module `sdkModule` can load. */
export function isActionService(service: string): service is AwsActionService {
  return Object.hasOwn(SDK_MODULES, service);
}

/** A service's SDK module, loaded on first use (commands and paginators are looked up by name). */
export function sdkModule(service: AwsActionService): Promise<Record<string, unknown>> {
  return SDK_MODULES[service]();
}

// The SDK's command classes take one input of their own type; `any` only matches the constructor shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CommandClass = new (input: any) => unknown;

/** Operation names of a service: every `<Operation>Command` class its SDK module exports. */
export type AwsOperation<S extends AwsActionService> = {
  [K in keyof AwsSdkModules[S] & string]: K extends `${infer O}Command`
    ? O extends ''
      ? never
      : AwsSdkModules[S][K] extends CommandClass
        ? O
        : never
    : never;
}[keyof AwsSdkModules[S] & string];

type CommandOf<S extends AwsActionService, O extends string> = AwsSdkModules[S][`${O}Command` & keyof AwsSdkModules[S]];

/** The SDK input type of an operation. */
export type AwsInput<S extends AwsActionService, O extends AwsOperation<S>> =
  CommandOf<S, O> extends new (...args: never[]) => { readonly input: infer I } ? I : never;

/** `service:Operation`, checked against the SDK: what an entry's `sends` lists. */
export type AwsCommandRef = { [S in AwsActionService]: `${S}:${AwsOperation<S>}` }[AwsActionService];

/** One API call of an AWS plan: the provider-neutral call, on a service the executor can reach. */
export interface ApiCall extends ProviderCall {
  readonly service: AwsActionService;
}

/** Builds a call whose operation and input the compiler checks against the SDK. */
export function awsCall<S extends AwsActionService, O extends AwsOperation<S>>(
  service: S,
  operation: O,
  region: string,
  input: AwsInput<S, O>,
  around: { note?: string; before?: string; after?: string } = {},
): ApiCall {
  return { service, operation, region, input: input as Readonly<Record<string, unknown>>, ...around };
}

/** How a step reaches AWS: the executor's own clients, retries and call counting. */
export interface StepContext {
  send<S extends AwsActionService, O extends AwsOperation<S>>(
    service: S,
    operation: O,
    input: AwsInput<S, O>,
  ): Promise<Record<string, unknown>>;
  /** Polls `check` with backoff until it holds; throws WaitTimeoutError past the executor's limit. */
  waitUntil(what: string, check: () => Promise<boolean>): Promise<void>;
}

/** A step an entry declares around one of its calls. */
export interface AwsStep {
  /** Runs before the call; returns the input to send (unchanged, or completed). */
  before?(input: Readonly<Record<string, unknown>>, ctx: StepContext): Promise<Readonly<Record<string, unknown>>>;
  /** Runs after the call with its output; returns what the audit log records as the call's output. */
  after?(
    input: Readonly<Record<string, unknown>>,
    output: Readonly<Record<string, unknown>>,
    ctx: StepContext,
  ): Promise<Record<string, unknown>>;
}

/** An AWS revert: the provider-neutral declaration plus the operations its plans may send. */
export interface AwsRevert extends RevertDeclaration<ApiCall> {
  readonly sends: ReadonlyArray<AwsCommandRef>;
}
export interface AwsPrune extends PruneDeclaration<ApiCall> {
  readonly sends: ReadonlyArray<AwsCommandRef>;
}

/** The region a finding's calls go to (S3 buckets carry none: the first scanned region). */
export function regionOf(finding: Finding, ctx: PlanContext): string {
  const region = finding.resource.region;
  return region === undefined || region === '' ? ctx.defaultRegion : region;
}

/** The recorded value of one changed path of a finding. */
export function recordedOf(finding: Finding, path: string): unknown {
  return finding.changes.find((c) => c.path === path)?.recorded;
}
