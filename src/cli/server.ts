/**
 * `driftwarden server` and `driftwarden server token create|list|revoke` (declared in
 * commands/server.ts; this module loads when one of them runs). The server (Fastify, openid-client,
 * prom-client) is imported inside the command. It runs until SIGINT or SIGTERM, then finishes
 * running jobs and exits 0.
 */
import { userInfo } from 'node:os';
import { DriftwardenError } from '../model/errors.js';
import { EXIT_NO_DRIFT, type ExitCode } from '../scan/fail-on.js';
import { resolveConfigFlag, type StoreFlags } from './audit.js';
import type { Io } from './io.js';
import type { Store } from '../store/index.js';
import { human } from '../model/text.js';

export interface ServerFlags extends StoreFlags {
  readonly listen?: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
}

export interface TokenCreateFlags extends StoreFlags {
  readonly name?: string;
  readonly role?: string;
  readonly ttl?: string;
}

function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

export async function serverCommand(flags: ServerFlags, io: Io): Promise<ExitCode> {
  const config = await resolveConfigFlag(flags);
  const { startServer } = await import('../server/start.js');
  const { resolveStoreLocation, printableLocation } = await import('../store/index.js');
  const storeLocation = resolveStoreLocation(flags.store, config, io.env);
  const server = await startServer({
    config,
    storeLocation,
    ...(flags.listen !== undefined ? { listen: flags.listen } : {}),
    ...(flags.tlsCert !== undefined ? { tlsCert: flags.tlsCert } : {}),
    ...(flags.tlsKey !== undefined ? { tlsKey: flags.tlsKey } : {}),
    env: io.env,
    clock: io.clock,
    logger: true,
  });
  io.stderr.write(
    human`driftwarden: serving ${server.url} (store ${printableLocation(storeLocation)}; API /api/v1, OpenAPI /openapi.json, metrics /metrics)\n`,
  );
  if (!server.url.startsWith('https:') && !/^http:\/\/(127\.|\[::1\]|localhost)/.test(server.url)) {
    io.stderr.write(
      'driftwarden: warning: plain HTTP on a non-loopback address: tokens and session cookies cross the network in clear; use --tls-cert/--tls-key or a TLS proxy\n',
    );
  }
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  io.stderr.write('driftwarden: stopping (waiting for running jobs)\n');
  await server.close();
  return EXIT_NO_DRIFT;
}

async function withStore<T>(flags: StoreFlags, io: Io, work: (store: Store) => Promise<T>) {
  const config = await resolveConfigFlag(flags);
  const { openStore, resolveStoreLocation } = await import('../store/index.js');
  const store = await openStore(resolveStoreLocation(flags.store, config, io.env), { clock: io.clock });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export async function tokenCreateCommand(flags: TokenCreateFlags, io: Io): Promise<ExitCode> {
  if (flags.name === undefined || flags.name.trim() === '') {
    throw new DriftwardenError('usage', 'server token create needs --name', {
      key: '--name',
      nextStep: 'pass --name ci',
    });
  }
  const { ROLES } = await import('../store/access.js');
  const role = flags.role ?? 'viewer';
  if (!(ROLES as ReadonlyArray<string>).includes(role)) {
    throw new DriftwardenError('usage', `unknown role "${role}"`, {
      key: '--role',
      nextStep: `use one of: ${ROLES.join(', ')}`,
    });
  }
  let ttlMs: number | undefined;
  if (flags.ttl !== undefined) {
    const { parseDuration } = await import('../config/schema.js');
    if (!/^(?:\d+[smhd])+$/.test(flags.ttl) || parseDuration(flags.ttl) <= 0) {
      throw new DriftwardenError('usage', `invalid duration "${flags.ttl}"`, {
        key: '--ttl',
        nextStep: 'for example 90d or 12h',
      });
    }
    ttlMs = parseDuration(flags.ttl);
  }
  const { createToken } = await import('../server/auth/tokens.js');
  const created = await withStore(flags, io, (store) =>
    createToken(store, {
      name: flags.name!.trim(),
      role: role as (typeof ROLES)[number],
      by: cliActor(),
      ...(ttlMs !== undefined ? { ttlMs } : {}),
    }),
  );
  io.stdout.write(`${created.token}\n`);
  io.stderr.write(
    human`driftwarden: token ${created.record.id} (${created.record.name}, ${created.record.role}) created; it is shown only now, store it as a secret\n`,
  );
  return EXIT_NO_DRIFT;
}

export async function tokenListCommand(flags: StoreFlags, io: Io): Promise<ExitCode> {
  const tokens = await withStore(flags, io, (store) => store.access.tokens());
  if (tokens.length === 0) io.stdout.write('no API tokens\n');
  for (const t of tokens) {
    const state =
      t.revokedAt !== undefined
        ? `revoked ${t.revokedAt}`
        : t.expiresAt !== undefined
          ? `expires ${t.expiresAt}`
          : 'active';
    io.stdout.write(human`${t.id}  ${t.name}  ${t.role}  created ${t.createdAt} by ${t.createdBy}  ${state}\n`);
  }
  return EXIT_NO_DRIFT;
}

export async function tokenRevokeCommand(id: string, flags: StoreFlags, io: Io): Promise<ExitCode> {
  const { revokeToken } = await import('../server/auth/tokens.js');
  const revoked = await withStore(flags, io, (store) => revokeToken(store, id, cliActor()));
  if (revoked === undefined) {
    throw new DriftwardenError('usage', `there is no active token ${id}`, {
      nextStep: 'run `driftwarden server token list` for the ids',
    });
  }
  io.stdout.write(human`token ${id} (${revoked.name}) revoked\n`);
  return EXIT_NO_DRIFT;
}
