/**
 * Servers for the server tests: in process (the real app on a real loopback port, a real store,
 * a clock the test may move) or as the built `driftwarden server` child process; and a small HTTP
 * client that returns status, headers and the parsed body.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriftwardenConfig } from '../../src/config/schema.js';
import { buildApp } from '../../src/server/app.js';
import { createToken } from '../../src/server/auth/tokens.js';
import type { ServerContext } from '../../src/server/context.js';
import { createContext } from '../../src/server/start.js';
import { openStore, type Role, type Store } from '../../src/store/index.js';
import type { FastifyInstance } from 'fastify';
import { cliPath } from './paths.js';

export interface TestServer {
  readonly url: string;
  readonly store: Store;
  readonly context: ServerContext;
  readonly app: FastifyInstance;
  /** One token per role, created before the test. */
  readonly tokens: Readonly<Record<Role, string>>;
  /** Moves the server's clock. */
  setNow(iso: string): void;
  close(): Promise<void>;
}

export function tempStorePath(): { path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'dw-server-'));
  return { path: join(dir, 'history.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startTestServer(
  options: {
    storeLocation?: string;
    config?: DriftwardenConfig;
    now?: string;
    env?: NodeJS.ProcessEnv;
    publicUrl?: string;
    oidcClientSecret?: string;
    /** Default 0: a free port. */
    listenPort?: number;
  } = {},
): Promise<TestServer> {
  const temp = options.storeLocation === undefined ? tempStorePath() : undefined;
  const storeLocation = options.storeLocation ?? temp!.path;
  let now = options.now !== undefined ? new Date(options.now) : undefined;
  const clock = () => now ?? new Date();
  const store = await openStore(storeLocation, { clock });
  const context = createContext(store, {
    config: options.config,
    storeLocation,
    env: options.env ?? process.env,
    clock,
    publicUrl: options.publicUrl ?? 'http://127.0.0.1:0',
  });
  const app = await buildApp(context, {
    ...(options.oidcClientSecret !== undefined ? { oidcClientSecret: options.oidcClientSecret } : {}),
  });
  const url = await app.listen({ host: '127.0.0.1', port: options.listenPort ?? 0 });
  const tokens = {} as Record<Role, string>;
  for (const role of ['viewer', 'operator', 'admin'] as const) {
    tokens[role] = (await createToken(store, { name: `test-${role}`, role, by: 'test' })).token;
  }
  return {
    url,
    store,
    context,
    app,
    tokens,
    setNow: (iso) => {
      now = new Date(iso);
    },
    close: async () => {
      await app.close();
      await context.jobs.settle();
      await store.close();
      temp?.cleanup();
    },
  };
}

export interface ApiAnswer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

export async function api<T = Record<string, unknown>>(
  url: string,
  options: {
    token?: string;
    method?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.body);
  } else if (options.rawBody !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = options.rawBody;
  }
  const response = await fetch(url, {
    method: options.method ?? (body !== undefined ? 'POST' : 'GET'),
    headers,
    ...(body !== undefined ? { body } : {}),
    redirect: 'manual',
  });
  const text = await response.text();
  let parsed: unknown = text;
  if (/^application\/(problem\+)?json/.test(response.headers.get('content-type') ?? '') && text !== '')
    parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/** Polls a job until it is no longer running. */
export async function waitForJob(
  base: string,
  token: string,
  id: string,
  timeoutMs = 180_000,
): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await api(`${base}/api/v1/jobs/${id}`, { token });
    if (job.body['status'] !== 'running') return job.body;
    if (Date.now() > until) throw new Error(`job ${id} still running after ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  stderr(): string;
  /** What it wrote to standard output so far (its JSON access log). */
  stdout(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** The built `driftwarden server --listen 127.0.0.1:0 ...` as a child process; resolves once it serves. */
export function spawnServer(args: ReadonlyArray<string>, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<ServerProcess>((resolveStart, reject) => {
    const child = spawn(process.execPath, [cliPath, 'server', '--listen', '127.0.0.1:0', ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start:\n${stderr}`));
    }, 30_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /serving (https?:\/\/\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolveStart({
          url: match[1]!,
          child,
          stderr: () => stderr,
          stdout: () => stdout,
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${stderr}`));
    });
  });
}
