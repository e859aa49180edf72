/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temporary folder, pg_ctl start on a free
 * loopback port, one fresh database per test, and everything stopped and removed afterwards. The
 * server refuses to run as root, so as root it runs as the `postgres` system user that Debian's
 * package creates (scripts/setup.sh installs it when the binaries are missing).
 *
 * startPostgres() returns undefined, with the reason, only where PostgreSQL truly cannot run here
 * (no server binaries, or root without a `postgres` user); tests then skip with that reason.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawExec } from './raw-database.js';

export const POSTGRES_PASSWORD = 'pg-Secret-9f3e1c';
const USER = 'driftwarden';

export interface Postgres {
  /** postgres://driftwarden:PASSWORD@127.0.0.1:PORT/NAME for a new, empty database. */
  createDatabase(name?: string): Promise<string>;
  readonly port: number;
  stop(): Promise<void>;
}

function binDir(): string | undefined {
  const installed = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .sort()
        .reverse()
        .map((version) => `/usr/lib/postgresql/${version}/bin`)
    : [];
  const candidates = [process.env['DRIFTWARDEN_PG_BIN'], ...installed];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // pg_config is not installed: the fixed candidates remain.
  }
  return candidates.find(
    (dir) => dir !== undefined && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')),
  );
}

function systemUser(name: string): { uid: number; gid: number } | undefined {
  const out = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  return out.status === 0 ? { uid: Number(out.stdout.trim()), gid: Number(gid.stdout.trim()) } : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Why PostgreSQL cannot run here, or undefined when it can. */
export function postgresUnavailable(): string | undefined {
  if (binDir() === undefined) return 'no PostgreSQL server binaries (initdb, pg_ctl): run scripts/setup.sh';
  if (process.getuid?.() === 0 && systemUser('postgres') === undefined)
    return 'running as root without a `postgres` system user to run the server as';
  return undefined;
}

export async function startPostgres(): Promise<Postgres> {
  const bin = binDir()!;
  const dir = mkdtempSync(join(tmpdir(), 'driftwarden-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? systemUser('postgres') : undefined;
  const run = (tool: string, args: string[]) => {
    const command = owner ? 'runuser' : join(bin, tool);
    const argv = owner ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    const result = spawnSync(command, argv, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
  };
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${POSTGRES_PASSWORD}\n`);
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(pwfile, owner.uid, owner.gid);
  }
  chmodSync(dir, 0o700);
  const port = await freePort();
  try {
    run('initdb', [
      '-D',
      data,
      '-U',
      USER,
      `--pwfile=${pwfile}`,
      '--auth-host=scram-sha-256',
      '--auth-local=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-o',
      `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=60`,
      'start',
    ]);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const url = (db: string) => `postgres://${USER}:${encodeURIComponent(POSTGRES_PASSWORD)}@127.0.0.1:${port}/${db}`;
  let count = 0;
  return {
    port,
    async createDatabase(name = `t${++count}_${process.pid}`) {
      await rawExec(url('postgres'), `CREATE DATABASE ${name}`);
      return url(name);
    },
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
