/**
 * GET of a Terraform HTTP backend address, bounded in time and size. A backend is a server someone
 * else runs: it may never answer, answer one byte a second, send a gigabyte, or a gzip bomb. So:
 *
 *   - connect within `connectTimeoutMs`, response headers within `firstByteTimeoutMs` of the
 *     request, the whole transfer (redirects and body included) within `transferTimeoutMs`;
 *   - at most `maxBytes` of body, counted after decompression (gzip, deflate, br, each decoded as a
 *     stream whose output is counted, so a bomb stops at the limit), and a Content-Length above the
 *     limit is refused before any body is read;
 *   - at most 5 redirects, credentials never sent to another origin.
 *
 * Each limit fails with one BackendLimitError naming the location (credentials stripped), what
 * was exceeded and the config key that raises it. Nothing here parses the state.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import { DriftwardenError } from '../../model/errors.js';
import { formatBytes } from '../files.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from './limits.js';

const MAX_REDIRECTS = 5;

export interface HttpGetResult {
  readonly status: number;
  /** The decoded body; empty for statuses other than 2xx (never read). */
  readonly body: Buffer;
}

/** One limit of a read was exceeded (time or size); `key` is the config key that raises it. */
export class BackendLimitError extends DriftwardenError {
  constructor(source: string, problem: string, key: string) {
    super('backend.unreachable', problem, {
      file: source,
      key,
      nextStep: `check the backend at this address; if it is right and only slow or large, raise ${key} in driftwarden.yaml`,
    });
    this.name = 'BackendLimitError';
  }
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function decoderFor(encoding: string | undefined): Transform | undefined | 'unsupported' {
  const value = (encoding ?? '').trim().toLowerCase();
  if (value === '' || value === 'identity') return undefined;
  if (value === 'gzip' || value === 'x-gzip') return createGunzip();
  if (value === 'deflate') return createInflate();
  if (value === 'br') return createBrotliDecompress();
  return 'unsupported';
}

/**
 * GETs `url` (credentials already moved to `headers`), following redirects. Throws BackendLimitError
 * past a limit and a DriftwardenError('backend.unreachable') for network failures; `source` is what
 * messages show.
 */
export async function boundedHttpGet(
  url: URL,
  headers: Readonly<Record<string, string>>,
  source: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<HttpGetResult> {
  const deadline = AbortSignal.timeout(limits.transferTimeoutMs);
  let current = url;
  let sendHeaders: Record<string, string> = { ...headers, 'accept-encoding': 'gzip, deflate, br' };
  for (let hop = 0; ; hop++) {
    const response = await requestOnce(current, sendHeaders, source, limits, deadline);
    const location = response.headers.location;
    if (response.statusCode !== undefined && response.statusCode >= 300 && response.statusCode < 400 && location) {
      response.resume();
      if (hop >= MAX_REDIRECTS)
        throw unreachable(source, `the HTTP backend redirected more than ${MAX_REDIRECTS} times`);
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw unreachable(source, 'the HTTP backend redirected to an address that is not a URL');
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:')
        throw unreachable(source, `the HTTP backend redirected to a ${next.protocol} address`);
      if (next.origin !== current.origin) {
        // As browsers and Go's client do: credentials stay with the origin they were given for.
        const { authorization: _dropped, ...rest } = sendHeaders;
        sendHeaders = rest;
      }
      current = next;
      continue;
    }
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      response.resume();
      return { status, body: Buffer.alloc(0) };
    }
    return { status, body: await readBody(response, source, limits, deadline) };
  }
}

function requestOnce(
  url: URL,
  headers: Readonly<Record<string, string>>,
  source: string,
  limits: ReadLimits,
  deadline: AbortSignal,
): Promise<IncomingMessage> {
  return new Promise((resolveResponse, reject) => {
    if (deadline.aborted) return reject(transferTimeout(source, limits));
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'GET', headers });
    const limitError = (problem: string, key: string) => () => fail(new BackendLimitError(source, problem, key));
    const connectTimer = setTimeout(
      limitError(
        `cannot connect to the HTTP backend within ${seconds(limits.connectTimeoutMs)}`,
        'limits.backend_connect_timeout',
      ),
      limits.connectTimeoutMs,
    );
    let firstByteTimer: NodeJS.Timeout | undefined;
    const clear = () => {
      clearTimeout(connectTimer);
      clearTimeout(firstByteTimer);
      deadline.removeEventListener('abort', onDeadline);
    };
    const fail = (err: DriftwardenError) => {
      clear();
      req.destroy();
      reject(err);
    };
    const onDeadline = () => fail(transferTimeout(source, limits));
    deadline.addEventListener('abort', onDeadline, { once: true });
    const startFirstByte = () => {
      clearTimeout(connectTimer);
      firstByteTimer = setTimeout(
        limitError(
          `the HTTP backend sent no response within ${seconds(limits.firstByteTimeoutMs)}`,
          'limits.backend_first_byte_timeout',
        ),
        limits.firstByteTimeoutMs,
      );
    };
    req.on('socket', (socket) => {
      // A reused or already connected socket has no connect event to wait for.
      if (!socket.connecting) startFirstByte();
      else socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', startFirstByte);
    });
    req.on('response', (response) => {
      clear();
      resolveResponse(response);
    });
    req.on('error', (err) => {
      // The cause may quote the URL; the message never does. Keep only the error code.
      const code = (err as NodeJS.ErrnoException).code;
      fail(unreachable(source, `cannot reach the HTTP backend${code ? ` (${code})` : ''}`));
    });
    req.end();
  });
}

function readBody(
  response: IncomingMessage,
  source: string,
  limits: ReadLimits,
  deadline: AbortSignal,
): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const tooLarge = (after: string) =>
      new BackendLimitError(
        source,
        `the HTTP backend sent more than the limit of ${formatBytes(limits.maxBytes)}${after}`,
        'limits.max_state_size',
      );
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      response.destroy();
      return reject(
        new BackendLimitError(
          source,
          `the HTTP backend announced ${formatBytes(declared)}, above the limit of ${formatBytes(limits.maxBytes)}`,
          'limits.max_state_size',
        ),
      );
    }
    const decoder = decoderFor(response.headers['content-encoding']);
    if (decoder === 'unsupported') {
      response.destroy();
      return reject(
        unreachable(
          source,
          `the HTTP backend answered in an unsupported encoding (${String(response.headers['content-encoding'])})`,
        ),
      );
    }
    const chunks: Buffer[] = [];
    let raw = 0;
    let decoded = 0;
    let settled = false;
    const finish = (err?: DriftwardenError) => {
      if (settled) return;
      settled = true;
      deadline.removeEventListener('abort', onDeadline);
      if (err) {
        response.destroy();
        decoder?.destroy();
        reject(err);
      } else resolveBody(Buffer.concat(chunks, decoded));
    };
    const onDeadline = () => finish(transferTimeout(source, limits));
    deadline.addEventListener('abort', onDeadline, { once: true });
    response.on('data', (chunk: Buffer) => {
      raw += chunk.length;
      if (raw > limits.maxBytes) finish(tooLarge(''));
    });
    response.on('error', () =>
      finish(unreachable(source, 'the connection to the HTTP backend broke during the transfer')),
    );
    response.on('aborted', () => finish(unreachable(source, 'the HTTP backend closed the connection mid-transfer')));
    const output: NodeJS.ReadableStream = decoder ?? response;
    if (decoder) {
      response.pipe(decoder);
      decoder.on('error', () =>
        finish(
          unreachable(source, `the HTTP backend's ${String(response.headers['content-encoding'])} body is damaged`),
        ),
      );
    }
    output.on('data', (chunk: Buffer) => {
      decoded += chunk.length;
      if (decoded > limits.maxBytes) return finish(tooLarge(decoder ? ' once decompressed' : ''));
      chunks.push(chunk);
    });
    output.on('end', () => {
      if (!response.complete) finish(unreachable(source, 'the HTTP backend closed the connection mid-transfer'));
      else finish();
    });
  });
}

function transferTimeout(source: string, limits: ReadLimits): BackendLimitError {
  return new BackendLimitError(
    source,
    `the HTTP backend did not finish sending the state within ${seconds(limits.transferTimeoutMs)}`,
    'limits.backend_transfer_timeout',
  );
}

export function unreachable(source: string, problem: string, cause?: unknown): DriftwardenError {
  return new DriftwardenError('backend.unreachable', problem, {
    file: source,
    ...(cause !== undefined ? { cause } : {}),
    nextStep:
      'check the location, the network and the credentials; `terraform state pull` must work from the same machine',
  });
}
