/**
 * Reads state text from where Terraform keeps it: a local path, the S3 backend (`s3://bucket/key`,
 * with its workspace key convention) or the HTTP backend (`http(s)://`, GET the address). Every
 * message names the location with credentials stripped; credentials never reach an error, a log
 * or `source`. Every read is bounded (limits.ts): a local file must be a regular file under the
 * size limit, a remote read has connect, first-byte and whole-transfer deadlines and the size limit.
 */
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { DriftwardenError } from '../../model/errors.js';
import { decodeUriPart, redactLocation } from '../../model/redact-location.js';
import { formatBytes, readBoundedTextAsync } from '../files.js';
import { BackendLimitError, boundedHttpGet, unreachable } from './http-backend.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from './limits.js';

export { redactLocation } from '../../model/redact-location.js';

export interface StateLocation {
  /** Local path, `file://` URL, `s3://bucket/key` or `http(s)://[user:pass@]host/path`. */
  readonly location: string;
  /** S3 backend workspace; `default` (or none) reads the key itself. */
  readonly workspace?: string;
  /** S3 backend `workspace_key_prefix`; `env:` when not given (the backend's default). */
  readonly workspaceKeyPrefix?: string;
}

export interface StateText {
  readonly text: string;
  /** The location as it may be shown: credentials removed, the S3 workspace key resolved. */
  readonly source: string;
}

export interface ReadOptions {
  /** An S3 client to use instead of one built from the default credential chain (tests, custom config). */
  readonly s3Client?: S3Client;
  /** Environment for TF_HTTP_USERNAME / TF_HTTP_PASSWORD; process.env when not given. */
  readonly env?: NodeJS.ProcessEnv;
  /** Time and size limits (driftwarden.yaml `limits:`); DEFAULT_READ_LIMITS when not given. */
  readonly limits?: ReadLimits;
}

/** `what` names the document in messages: `state file` or `plan file`. */
export async function readStateText(
  location: StateLocation,
  options: ReadOptions = {},
  what = 'state file',
): Promise<StateText> {
  const where = location.location;
  const limits = options.limits ?? DEFAULT_READ_LIMITS;
  if (where.startsWith('s3://')) return readS3(location, options, limits);
  if (where.startsWith('http://') || where.startsWith('https://'))
    return readHttp(where, options.env ?? process.env, limits);
  const path = where.startsWith('file://') ? fileURLToPath(where) : where;
  const text = await readBoundedTextAsync(path, {
    what,
    maxBytes: limits.maxBytes,
    limitKey: 'limits.max_state_size',
    regularFileHint:
      what === 'plan file'
        ? 'for example `terraform show -json plan.out > plan.json`'
        : 'for example `terraform state pull > state.tfstate`',
    missingNextStep:
      what === 'plan file'
        ? 'check the --plan path; write one with `terraform plan -refresh-only -out plan.out && terraform show -json plan.out > plan.json`'
        : 'check the path (--state, or states[].location in driftwarden.yaml), or run `terraform state pull > terraform.tfstate`',
  });
  return { text, source: path };
}

/** The S3 backend's object key for a workspace: `<prefix>/<workspace>/<key>` unless default. */
export function s3WorkspaceKey(key: string, workspace: string | undefined, workspaceKeyPrefix = 'env:'): string {
  if (workspace === undefined || workspace === '' || workspace === 'default') return key;
  return `${workspaceKeyPrefix}/${workspace}/${key}`;
}

/** `s3://bucket/key` -> bucket and key, or a usage error. */
export function parseS3Location(location: string): { bucket: string; key: string } {
  const rest = location.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const key = slash < 0 ? '' : rest.slice(slash + 1);
  if (bucket === '' || key === '') {
    throw new DriftwardenError('config.invalid', 'an S3 state location needs a bucket and a key', {
      file: location,
      nextStep: 'write it as s3://<bucket>/<key>, the `bucket` and `key` of the S3 backend block',
    });
  }
  return { bucket, key };
}

/** The S3 SDK package, imported only when a state is read from S3. */
const s3Sdk = () => import('@aws-sdk/client-s3');

async function defaultS3Client(limits: ReadLimits): Promise<S3Client> {
  const { S3Client } = await s3Sdk();
  // A custom endpoint (moto, MinIO, LocalStack) rarely serves virtual-hosted bucket names.
  const customEndpoint = Boolean(process.env['AWS_ENDPOINT_URL_S3'] ?? process.env['AWS_ENDPOINT_URL']);
  const config: S3ClientConfig = {
    followRegionRedirects: true,
    ...(customEndpoint ? { forcePathStyle: true } : {}),
    // requestTimeout runs until the response headers, socketTimeout is the inactivity limit after;
    // the whole transfer is bounded by the abort signal of readS3.
    requestHandler: {
      connectionTimeout: limits.connectTimeoutMs,
      requestTimeout: limits.firstByteTimeoutMs,
      throwOnRequestTimeout: true,
      socketTimeout: limits.firstByteTimeoutMs,
    },
  };
  return new S3Client(config);
}

async function readS3(location: StateLocation, options: ReadOptions, limits: ReadLimits): Promise<StateText> {
  const { bucket, key: baseKey } = parseS3Location(location.location);
  const key = s3WorkspaceKey(baseKey, location.workspace, location.workspaceKeyPrefix);
  const source = `s3://${bucket}/${key}`;
  const { GetObjectCommand } = await s3Sdk();
  const client = options.s3Client ?? (await defaultS3Client(limits));
  const deadline = AbortSignal.timeout(limits.transferTimeoutMs);
  try {
    const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: deadline });
    if (!response.Body) throw unreachable(source, 'the object has no body');
    const body = response.Body as Readable;
    if (response.ContentLength !== undefined && response.ContentLength > limits.maxBytes) {
      body.destroy();
      throw new BackendLimitError(
        source,
        `the state object is ${formatBytes(response.ContentLength)}, above the limit of ${formatBytes(limits.maxBytes)}`,
        'limits.max_state_size',
      );
    }
    return { text: await readS3Body(body, source, limits, deadline), source };
  } catch (err) {
    if (err instanceof DriftwardenError) throw err;
    if (deadline.aborted) throw s3Timeout(source, limits);
    if ((err as { name?: string }).name === 'TimeoutError') {
      throw new BackendLimitError(
        source,
        `S3 sent no response within ${Math.round(limits.firstByteTimeoutMs / 1000)} s`,
        'limits.backend_first_byte_timeout',
      );
    }
    throw classifyS3Error(err, source, location.workspace);
  } finally {
    if (!options.s3Client) client.destroy();
  }
}

function s3Timeout(source: string, limits: ReadLimits): BackendLimitError {
  return new BackendLimitError(
    source,
    `reading the state from S3 did not finish within ${Math.round(limits.transferTimeoutMs / 1000)} s`,
    'limits.backend_transfer_timeout',
  );
}

/** The object's bytes, counted as they arrive (the Content-Length may be absent or wrong). */
async function readS3Body(body: Readable, source: string, limits: ReadLimits, deadline: AbortSignal): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  const onDeadline = () => body.destroy();
  deadline.addEventListener('abort', onDeadline, { once: true });
  try {
    for await (const chunk of body) {
      const buffer = chunk as Buffer;
      total += buffer.length;
      if (total > limits.maxBytes) {
        body.destroy();
        throw new BackendLimitError(
          source,
          `the state object is larger than the limit of ${formatBytes(limits.maxBytes)}`,
          'limits.max_state_size',
        );
      }
      chunks.push(buffer);
    }
  } catch (err) {
    if (err instanceof DriftwardenError) throw err;
    if (deadline.aborted) throw s3Timeout(source, limits);
    throw unreachable(source, 'the connection to S3 broke while reading the state', err);
  } finally {
    deadline.removeEventListener('abort', onDeadline);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/** By `err.name` and HTTP status, never by message text. */
function classifyS3Error(err: unknown, source: string, workspace: string | undefined): DriftwardenError {
  const name = (err as { name?: string }).name ?? '';
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (
    name === 'AccessDenied' ||
    name === 'Forbidden' ||
    name === 'InvalidAccessKeyId' ||
    name === 'SignatureDoesNotMatch' ||
    status === 403
  ) {
    return new DriftwardenError('backend.denied', `access denied reading the state (${name || status})`, {
      file: source,
      cause: err,
      nextStep: 'grant s3:GetObject on this key to the credentials in use (AWS_PROFILE / the default credential chain)',
    });
  }
  if (name === 'NoSuchKey' || name === 'NoSuchBucket' || name === 'NotFound' || status === 404) {
    const what = name === 'NoSuchBucket' ? 'the bucket does not exist' : 'no state at this key';
    const hint = workspace && workspace !== 'default' ? ` (workspace "${workspace}": check workspace_key_prefix)` : '';
    return unreachable(source, `${what}${hint}`, err);
  }
  return unreachable(source, `cannot read the state from S3 (${name || 'network error'})`, err);
}

async function readHttp(location: string, env: NodeJS.ProcessEnv, limits: ReadLimits): Promise<StateText> {
  const source = redactLocation(location);
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new DriftwardenError('config.invalid', 'the state location is not a valid URL', {
      file: source,
      nextStep: "write the HTTP backend address as http(s)://host[:port]/path (the backend block's `address`)",
    });
  }
  // Credentials in the URL move to the Authorization header; they are never part of a message.
  const user = url.username ? decodeUriPart(url.username) : env['TF_HTTP_USERNAME'];
  const password = url.password ? decodeUriPart(url.password) : env['TF_HTTP_PASSWORD'];
  url.username = '';
  url.password = '';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (user !== undefined && user !== '') {
    headers['authorization'] = `Basic ${Buffer.from(`${user}:${password ?? ''}`).toString('base64')}`;
  }
  const response = await boundedHttpGet(url, headers, source, limits);
  if (response.status === 401 || response.status === 403) {
    throw new DriftwardenError('backend.denied', `the HTTP backend refused access (HTTP ${response.status})`, {
      file: source,
      nextStep: 'check the user and password (TF_HTTP_USERNAME / TF_HTTP_PASSWORD, as for the HTTP backend)',
    });
  }
  if (response.status === 404 || response.status === 204)
    throw unreachable(source, `no state at this address (HTTP ${response.status})`);
  if (response.status < 200 || response.status >= 300)
    throw unreachable(source, `the HTTP backend answered HTTP ${response.status}`);
  const text = response.body.toString('utf8');
  if (text.trim() === '') throw unreachable(source, 'the HTTP backend returned an empty state');
  return { text, source };
}
