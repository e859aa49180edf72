/**
 * Starting the server: open the store (applying migrations), build the app, listen. TLS is served
 * from certificate files when configured (flags win over `server.tls`); without them the server
 * speaks plain HTTP and says so, for a loopback address or behind a TLS-terminating proxy.
 */
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../audit/clock.js';
import type { DriftwardenConfig } from '../config/schema.js';
import { resolveServerConfig, type ServerConfig } from '../config/server.js';
import { DriftwardenError, isDriftwardenError } from '../model/errors.js';
import { MAX_PEM_BYTES, readBoundedBytes } from '../sources/files.js';
import { toolVersion } from '../model/tool.js';
import { openStore, type Store } from '../store/index.js';
import { escapeJsonUnsafe } from '../model/text.js';
import { buildApp } from './app.js';
import { FailedLoginLimiter } from './auth/limiter.js';
import type { ServerContext } from './context.js';
import { Jobs } from './jobs.js';
import { ServerMetrics } from './metrics.js';
import { NotificationSender } from '../notify/sender.js';

export const DEFAULT_LISTEN = '127.0.0.1:8080';

export interface StartOptions {
  readonly config: DriftwardenConfig | undefined;
  readonly storeLocation: string;
  /** HOST:PORT; port 0 picks a free port. */
  readonly listen?: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly clock: Clock;
  /** Fastify's logger option: true logs JSON lines to standard output. */
  readonly logger?: boolean;
}

export interface RunningServer {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly context: ServerContext;
  close(): Promise<void>;
}

export function parseListen(text: string, key: string): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(text);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65535) {
    throw new DriftwardenError('usage', `invalid listen address "${text}"`, {
      key,
      nextStep: 'write HOST:PORT, for example 127.0.0.1:8080 or 0.0.0.0:8443',
    });
  }
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
}

function readPem(file: string, key: string): Buffer {
  try {
    return readBoundedBytes(file, { what: 'TLS file', maxBytes: MAX_PEM_BYTES });
  } catch (err) {
    if (!isDriftwardenError(err)) throw err;
    throw new DriftwardenError(err.code, err.message, { file, key, nextStep: 'give a readable PEM file', cause: err });
  }
}

function tlsFiles(options: StartOptions, settings: ServerConfig): { cert: Buffer; key: Buffer } | undefined {
  const cert = options.tlsCert ?? settings.tls?.cert;
  const key = options.tlsKey ?? settings.tls?.key;
  if (cert === undefined && key === undefined) return undefined;
  if (cert === undefined || key === undefined) {
    throw new DriftwardenError('usage', 'TLS needs both a certificate and its key', {
      key: cert === undefined ? '--tls-cert' : '--tls-key',
      nextStep: 'pass --tls-cert FILE and --tls-key FILE (or server.tls.cert and server.tls.key)',
    });
  }
  return { cert: readPem(cert, '--tls-cert'), key: readPem(key, '--tls-key') };
}

function oidcSecret(settings: ServerConfig, env: NodeJS.ProcessEnv): string | undefined {
  const name = settings.oidc?.clientSecretEnv;
  if (name === undefined) return undefined;
  const value = env[name];
  if (value === undefined || value === '') {
    throw new DriftwardenError('usage', `the OpenID Connect client secret is not set: ${name} is empty`, {
      key: 'server.oidc.client_secret_env',
      nextStep: `export ${name} with the client secret from the identity provider`,
    });
  }
  return value;
}

/** The context a server runs with; tests build apps from it directly. */
export function createContext(
  store: Store,
  options: Omit<StartOptions, 'listen' | 'tlsCert' | 'tlsKey' | 'logger'> & { publicUrl: string },
  log: (err: unknown, what: string) => void = () => {},
): ServerContext {
  const settings = resolveServerConfig(undefined, '.');
  return {
    store,
    storeLocation: options.storeLocation,
    config: options.config,
    settings: options.config?.server ?? settings,
    clock: options.clock,
    env: options.env,
    jobs: new Jobs(options.clock, (err, job) => log(err, `${job.kind} job ${job.id} failed`)),
    metrics: new ServerMetrics(store, options.clock),
    limiter: new FailedLoginLimiter({ maxFailures: 10, windowMs: 5 * 60_000 }),
    toolVersion: toolVersion(),
    publicUrl: options.publicUrl,
  };
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  // Everything the user typed is checked before the store is opened.
  const settings = options.config?.server ?? resolveServerConfig(undefined, '.');
  const listen = parseListen(
    options.listen ?? settings.listen ?? DEFAULT_LISTEN,
    options.listen ? '--listen' : 'server.listen',
  );
  const tls = tlsFiles(options, settings);
  const clientSecret = oidcSecret(settings, options.env);
  if (settings.oidc !== undefined && settings.publicUrl === undefined && listen.port === 0) {
    throw new DriftwardenError('usage', 'OpenID Connect needs a known address for its redirect URI', {
      key: 'server.public_url',
      nextStep: 'set server.public_url, or listen on a fixed port',
    });
  }
  const store = await openStore(options.storeLocation, { clock: options.clock });
  try {
    const scheme = tls ? 'https' : 'http';
    const hostForUrl = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
    const publicUrl = settings.publicUrl ?? `${scheme}://${hostForUrl}:${listen.port}`;
    const holder: { app?: FastifyInstance } = {};
    const context = createContext(store, { ...options, publicUrl }, (err, what) =>
      holder.app?.log.error({ err }, what),
    );
    const app = await buildApp(context, {
      // JSON lines on standard output, with the characters a terminal acts on (bidi overrides, C1)
      // written as \u escapes: a request path or header is input, and people `tail` this log.
      logger: options.logger
        ? { stream: { write: (line: string) => process.stdout.write(escapeJsonUnsafe(line)) } }
        : false,
      ...(tls ? { https: tls } : {}),
      ...(clientSecret !== undefined ? { oidcClientSecret: clientSecret } : {}),
    });
    holder.app = app;
    await app.listen({ host: listen.host, port: listen.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : listen.port;
    const url = `${scheme}://${hostForUrl}:${port}`;
    const purge = setInterval(() => {
      store.access
        .purgeExpired(options.clock().toISOString())
        .catch((err: unknown) => app.log.warn({ err }, 'purge failed'));
    }, 10 * 60_000);
    purge.unref();
    // Notifications follow the audit log in the background; a receiver never holds up a request.
    const notifications =
      options.config?.notifications !== undefined
        ? new NotificationSender({
            store,
            settings: options.config.notifications,
            env: options.env,
            clock: options.clock,
            intervalMs: 5_000,
            log: (line) => app.log.warn(line),
          })
        : undefined;
    notifications?.start();
    return {
      url,
      app,
      context,
      close: async () => {
        clearInterval(purge);
        await notifications?.stop();
        await app.close();
        await context.jobs.settle();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}
