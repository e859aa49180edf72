/**
 * HTTPS for the vSphere clients (vim25 SOAP and the tagging REST API): one keep-alive agent per
 * connection, TLS verification on unless `insecure` is set explicitly, an optional CA bundle, a
 * timeout on every request, and a session cookie kept per connection.
 *
 * Invariant: request bodies (which carry the password at login) are never logged or put into an
 * error; errors name the server and the operation only.
 */
import https from 'node:https';
import http from 'node:http';
import { DriftwardenError } from '../../../model/errors.js';
import { MAX_PEM_BYTES, readBoundedBytes } from '../../../sources/files.js';
import { networkError, VsphereApiError } from './errors.js';

export interface VsphereConnectionOptions {
  /** Host name, `host:port`, or an https URL (`https://vc.example.com/sdk`). */
  readonly server: string;
  /** Accept any certificate. Labs only: set explicitly, never a default. */
  readonly insecure?: boolean;
  /** PEM file with the CA certificates that sign the server's certificate. */
  readonly caFile?: string;
  /** Per-request timeout in milliseconds (default 60 s). */
  readonly timeoutMs?: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

/** `https://host[:port]` from the configured server (a bare host gets https and port 443). */
export function baseUrlOf(server: string): URL {
  const withScheme = /^[a-z]+:\/\//i.test(server) ? server : `https://${server}`;
  const url = new URL(withScheme);
  return new URL(`${url.protocol}//${url.host}`);
}

export class HttpSession {
  readonly base: URL;
  readonly timeoutMs: number;
  private readonly agent: https.Agent;
  private readonly cookies = new Map<string, string>();
  /** Requests sent, by operation name (round-trips: the benchmark and the scan report count them). */
  readonly calls = new Map<string, number>();

  constructor(readonly options: VsphereConnectionOptions) {
    this.base = baseUrlOf(options.server);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let ca: Buffer | undefined;
    if (options.caFile !== undefined) {
      try {
        // Bounded and regular only: a FIFO given as the CA file would block the scan forever.
        ca = readBoundedBytes(options.caFile, { what: 'CA file', maxBytes: MAX_PEM_BYTES });
      } catch (err) {
        // Bad input, not a failed vSphere call: one message naming the file and the option, exit 1.
        if (err instanceof DriftwardenError) {
          throw new DriftwardenError(err.code, err.message, {
            ...err.details,
            key: '--vsphere-ca-file (vsphere.ca_file)',
            nextStep: 'give a readable PEM file with the CA that signs the vSphere certificate',
          });
        }
        throw new VsphereApiError(
          'tls',
          `the CA file ${options.caFile} cannot be read: ${err instanceof Error ? err.message : String(err)}`,
          undefined,
          err,
        );
      }
    }
    this.agent = new https.Agent({
      keepAlive: true,
      maxSockets: 4,
      rejectUnauthorized: options.insecure !== true,
      ...(ca ? { ca } : {}),
    });
  }

  get server(): string {
    return this.base.host;
  }

  cookieHeader(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  clearCookies(): void {
    this.cookies.clear();
  }

  async request(
    method: string,
    path: string,
    operation: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse> {
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
    const url = new URL(path, this.base);
    const cookie = this.cookieHeader();
    const lib = url.protocol === 'http:' ? http : https;
    return new Promise<HttpResponse>((resolvePromise, reject) => {
      const req = lib.request(
        url,
        {
          method,
          ...(url.protocol === 'https:' ? { agent: this.agent } : {}),
          headers: {
            ...headers,
            ...(cookie ? { cookie } : {}),
            ...(body !== undefined ? { 'content-length': Buffer.byteLength(body) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            for (const line of res.headers['set-cookie'] ?? []) {
              const [pair] = line.split(';');
              const eq = pair?.indexOf('=') ?? -1;
              if (pair && eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
            }
            resolvePromise({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
          res.on('error', (err) => reject(networkError(err, this.server, operation)));
        },
      );
      req.setTimeout(this.timeoutMs, () => {
        const err = Object.assign(new Error('timeout'), { code: 'DRIFTWARDEN_TIMEOUT' });
        req.destroy(err);
      });
      req.on('error', (err) =>
        reject(err instanceof VsphereApiError ? err : networkError(err, this.server, operation)),
      );
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
