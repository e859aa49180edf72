/**
 * Reads state text from where Terraform keeps it: a local path, the S3 backend (`s3://bucket/key`,
 * with its workspace key convention) or the HTTP backend (`http(s)://`, GET the address). Every
 * message names the location with credentials stripped; credentials never reach an error, a log
 * or `source`.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { GetObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { DriftwardenError } from '../../model/errors.js';

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
}

/** `what` names the document in messages: `state file` or `plan file`. */
export async function readStateText(
  location: StateLocation,
  options: ReadOptions = {},
  what = 'state file',
): Promise<StateText> {
  const where = location.location;
  if (where.startsWith('s3://')) return readS3(location, options);
  if (where.startsWith('http://') || where.startsWith('https://')) return readHttp(where, options.env ?? process.env);
  const path = where.startsWith('file://') ? fileURLToPath(where) : where;
  return { text: await readLocal(path, what), source: path };
}

async function readLocal(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new DriftwardenError('input.missing-file', `${what} not found`, {
        file: path,
        cause: err,
        nextStep:
          what === 'plan file'
            ? 'check the --plan path; write one with `terraform plan -refresh-only -out plan.out && terraform show -json plan.out > plan.json`'
            : 'check the path (--state, or states[].location in driftwarden.yaml), or run `terraform state pull > terraform.tfstate`',
      });
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new DriftwardenError('backend.denied', `permission denied reading the ${what}`, {
        file: path,
        cause: err,
        nextStep: 'run driftwarden as a user that can read this file',
      });
    }
    if (code === 'EISDIR') {
      throw new DriftwardenError('input.invalid', `the location is a directory, not a ${what}`, {
        file: path,
        nextStep: 'point at the .tfstate file itself (usually terraform.tfstate in that directory)',
      });
    }
    throw err;
  }
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

function defaultS3Client(): S3Client {
  // A custom endpoint (moto, MinIO, LocalStack) rarely serves virtual-hosted bucket names.
  const customEndpoint = Boolean(process.env['AWS_ENDPOINT_URL_S3'] ?? process.env['AWS_ENDPOINT_URL']);
  const config: S3ClientConfig = { followRegionRedirects: true, ...(customEndpoint ? { forcePathStyle: true } : {}) };
  return new S3Client(config);
}

async function readS3(location: StateLocation, options: ReadOptions): Promise<StateText> {
  const { bucket, key: baseKey } = parseS3Location(location.location);
  const key = s3WorkspaceKey(baseKey, location.workspace, location.workspaceKeyPrefix);
  const source = `s3://${bucket}/${key}`;
  const client = options.s3Client ?? defaultS3Client();
  try {
    const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!response.Body) throw unreachable(source, 'the object has no body');
    return { text: await response.Body.transformToString('utf8'), source };
  } catch (err) {
    if (err instanceof DriftwardenError) throw err;
    throw classifyS3Error(err, source, location.workspace);
  } finally {
    if (!options.s3Client) client.destroy();
  }
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

function unreachable(source: string, problem: string, cause?: unknown): DriftwardenError {
  return new DriftwardenError('backend.unreachable', problem, {
    file: source,
    ...(cause !== undefined ? { cause } : {}),
    nextStep:
      'check the location, the network and the credentials; `terraform state pull` must work from the same machine',
  });
}

/**
 * A location fit for messages: user and password removed, and values of query parameters that
 * look like secrets (`token`, `sig`, `password`, ...) replaced.
 */
export function redactLocation(location: string): string {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return location.replace(/\/\/[^/@]*@/, '//');
  }
  url.username = '';
  url.password = '';
  for (const key of [...url.searchParams.keys()]) {
    if (/token|secret|pass|sig|key|auth|credential/i.test(key)) url.searchParams.set(key, 'REDACTED');
  }
  return url.toString();
}

async function readHttp(location: string, env: NodeJS.ProcessEnv): Promise<StateText> {
  const source = redactLocation(location);
  const url = new URL(location);
  // fetch refuses URLs with credentials: they move to the Authorization header.
  const user = url.username ? decodeURIComponent(url.username) : env['TF_HTTP_USERNAME'];
  const password = url.password ? decodeURIComponent(url.password) : env['TF_HTTP_PASSWORD'];
  url.username = '';
  url.password = '';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (user !== undefined && user !== '') {
    headers['authorization'] = `Basic ${Buffer.from(`${user}:${password ?? ''}`).toString('base64')}`;
  }
  let response: Response;
  try {
    response = await fetch(url, { headers, redirect: 'follow' });
  } catch (err) {
    // The cause may quote the URL; the message never does. Keep only the error code.
    const code = (err as { cause?: { code?: string } }).cause?.code;
    throw unreachable(source, `cannot reach the HTTP backend${code ? ` (${code})` : ''}`);
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw new DriftwardenError('backend.denied', `the HTTP backend refused access (HTTP ${response.status})`, {
      file: source,
      nextStep: 'check the user and password (TF_HTTP_USERNAME / TF_HTTP_PASSWORD, as for the HTTP backend)',
    });
  }
  if (response.status === 404 || response.status === 204) {
    await response.body?.cancel();
    throw unreachable(source, `no state at this address (HTTP ${response.status})`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw unreachable(source, `the HTTP backend answered HTTP ${response.status}`);
  }
  const text = await response.text();
  if (text.trim() === '') throw unreachable(source, 'the HTTP backend returned an empty state');
  return { text, source };
}
