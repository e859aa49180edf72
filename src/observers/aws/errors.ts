/**
 * AWS API failures, classified by what the user can do about them. Classification reads only the
 * error's `name`, its system `code` (network errors) and `$metadata.httpStatusCode`, never the
 * message text, which AWS and the emulator word differently and change without notice.
 *
 * A classified error marks exactly one scope (type, account, region) incomplete; the scan goes on.
 */
import { DriftwardenError, type ErrorCode } from '../../model/errors.js';
import type { AwsScope } from './catalogue/define.js';

/** The machine-readable reason of an incomplete scope (IncompleteScope.code). */
export type AwsFailureKind =
  'access-denied' | 'throttled' | 'unsupported' | 'endpoint' | 'timeout' | 'unattributable' | 'stopped' | 'error';

export interface AwsFailureContext {
  readonly scope: AwsScope;
  /** The IAM action that failed, for example `ec2:DescribeVolumes`. */
  readonly action: string;
  /** The Terraform type being listed, when known. */
  readonly type?: string;
}

const ACCESS_DENIED_NAMES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthFailure',
  'AuthorizationError',
  'NotAuthorized',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidAccessKeyId',
  'CredentialsProviderError',
]);

const THROTTLED_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'SlowDown',
  'EC2ThrottledException',
  'BandwidthLimitExceeded',
  'ProvisionedThroughputExceededException',
  'PriorRequestNotComplete',
]);

const UNSUPPORTED_NAMES = new Set([
  'NotImplemented',
  'NotImplementedException',
  'NotImplementedError',
  'InvalidAction',
  'UnsupportedOperation',
  'UnsupportedOperationException',
  'UnknownOperationException',
  'OptInRequired',
]);

/** Node's socket error codes and the SDK's timeout names: the endpoint did not answer. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
]);
const NETWORK_NAMES = new Set(['NetworkingError']);
/** A call past a deadline: the SDK's socket timeout, or one of ours (src/observers/aws/deadline.ts). */
const TIMEOUT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'CallDeadlineExceeded',
  'ScanDeadlineExceeded',
]);

const ERROR_CODES: Record<AwsFailureKind, ErrorCode> = {
  'access-denied': 'aws.access-denied',
  throttled: 'aws.throttled',
  unsupported: 'aws.unsupported',
  endpoint: 'aws.endpoint',
  timeout: 'aws.timeout',
  unattributable: 'aws.unattributable',
  stopped: 'aws.stopped',
  error: 'aws.error',
};

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** Which kind of failure an SDK error is. Pure; exported for tests and for other observers. */
export function classifyAwsFailure(err: unknown): AwsFailureKind {
  if (err instanceof AwsApiError) return err.kind;
  const shape = (typeof err === 'object' && err !== null ? err : {}) as SdkErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : '';
  const code = typeof shape.code === 'string' ? shape.code : '';
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  // The SDK's AbortError carries the abort reason (our deadline or stop error) as its cause.
  if (name === 'AbortError' && typeof shape.cause === 'object' && shape.cause !== null)
    return classifyAwsFailure(shape.cause);
  if (name === 'ScanStopped') return 'stopped';
  if (TIMEOUT_NAMES.has(name)) return 'timeout';
  if (name === 'UnattributableResponse') return 'unattributable';
  if (THROTTLED_NAMES.has(name) || status === 429) return 'throttled';
  if (ACCESS_DENIED_NAMES.has(name) || status === 403) return 'access-denied';
  if (UNSUPPORTED_NAMES.has(name) || status === 501) return 'unsupported';
  if (NETWORK_CODES.has(code) || NETWORK_CODES.has(name) || NETWORK_NAMES.has(name)) return 'endpoint';
  // A 2xx the SDK could not read (empty, truncated, unparseable): not an answer of the API.
  if (status !== undefined && status >= 200 && status < 300) return 'unattributable';
  return 'error';
}

function nextStepFor(kind: AwsFailureKind, context: AwsFailureContext): string {
  const { action, scope } = context;
  switch (kind) {
    case 'access-denied':
      return `grant ${action} to the scanning identity in account ${scope.account} (see the README, "AWS permissions"), or check its credentials`;
    case 'throttled':
      return `the API kept throttling after every retry: scan again later, narrow the scan (--type, --region), lower the concurrency or raise AWS_MAX_ATTEMPTS`;
    case 'unsupported':
      return `the endpoint does not implement ${action}; the type is not checked there (see the README support table)`;
    case 'endpoint':
      return `check the network and the endpoint configuration (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, the profile's endpoint_url) for region ${scope.region}`;
    case 'timeout':
      return `the endpoint did not answer ${action} in time: check the network and the endpoint for region ${scope.region}, or raise --call-timeout / --scan-timeout`;
    case 'unattributable':
      return `the answer to ${action} did not come from the AWS API as far as the SDK can tell (no request id, empty or unreadable body): check proxies between Driftwarden and the endpoint, then scan again`;
    case 'stopped':
      return 'the scan was stopped before this scope was observed; the next scan observes it';
    case 'error':
      return `retry the scan; if it persists, run with --verbose and report the error name`;
  }
}

const SUMMARY: Record<AwsFailureKind, string> = {
  'access-denied': 'access denied',
  throttled: 'throttled past its retries',
  unsupported: 'not supported by the endpoint',
  endpoint: 'endpoint unreachable',
  timeout: 'timed out',
  unattributable: 'answered with a response that cannot be attributed to the API',
  stopped: 'not observed: the scan was stopped',
  error: 'failed',
};

/**
 * An AWS call that failed, with the scope it concerns, the IAM action and a next step. `reason` is
 * a one-line, secret-free text for reports (error name and status, never the raw message, which may
 * echo request parameters).
 */
export class AwsApiError extends DriftwardenError {
  readonly kind: AwsFailureKind;
  readonly scope: AwsScope;
  readonly action: string;
  readonly type: string | undefined;
  readonly reason: string;

  constructor(kind: AwsFailureKind, context: AwsFailureContext, cause?: unknown, nextStep?: string) {
    const shape = (typeof cause === 'object' && cause !== null ? cause : {}) as SdkErrorShape;
    const name = typeof shape.name === 'string' && shape.name !== 'Error' ? shape.name : undefined;
    const code = typeof shape.code === 'string' ? shape.code : undefined;
    const status = shape.$metadata?.httpStatusCode;
    const detail = [name ?? code, typeof status === 'number' ? `HTTP ${status}` : undefined].filter(Boolean).join(', ');
    const reason = `${context.action} ${SUMMARY[kind]}${detail ? ` (${detail})` : ''}`;
    super(ERROR_CODES[kind], `${reason} in account ${context.scope.account}, region ${context.scope.region}`, {
      key: context.type ? `${context.type}/${context.scope.account}/${context.scope.region}` : undefined,
      nextStep: nextStep ?? nextStepFor(kind, context),
      cause,
    });
    this.name = 'AwsApiError';
    this.kind = kind;
    this.scope = context.scope;
    this.action = context.action;
    this.type = context.type;
    this.reason = reason;
  }
}

export class AccessDeniedError extends AwsApiError {
  constructor(context: AwsFailureContext, cause?: unknown, nextStep?: string) {
    super('access-denied', context, cause, nextStep);
  }
}
export class ThrottledError extends AwsApiError {
  constructor(context: AwsFailureContext, cause?: unknown, nextStep?: string) {
    super('throttled', context, cause, nextStep);
  }
}
export class UnsupportedError extends AwsApiError {
  constructor(context: AwsFailureContext, cause?: unknown, nextStep?: string) {
    super('unsupported', context, cause, nextStep);
  }
}
export class EndpointError extends AwsApiError {
  constructor(context: AwsFailureContext, cause?: unknown, nextStep?: string) {
    super('endpoint', context, cause, nextStep);
  }
}

/** Wraps any failure of an AWS call into the typed error for its kind (idempotent). */
export function classifyAwsError(err: unknown, context: AwsFailureContext): AwsApiError {
  if (err instanceof AwsApiError) return err;
  const kind = classifyAwsFailure(err);
  switch (kind) {
    case 'access-denied':
      return new AccessDeniedError(context, err);
    case 'throttled':
      return new ThrottledError(context, err);
    case 'unsupported':
      return new UnsupportedError(context, err);
    case 'endpoint':
      return new EndpointError(context, err);
    case 'timeout':
    case 'unattributable':
    case 'stopped':
      return new AwsApiError(kind, context, err);
    case 'error':
      return new AwsApiError('error', context, err);
  }
}
