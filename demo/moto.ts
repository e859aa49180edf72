/**
 * Starts moto (the Python AWS emulator) in server mode on 127.0.0.1 on a free port, from the
 * project's virtual environment (.venv, installed by scripts/setup.sh). The built-in demo and the
 * integration tests (through test/support/moto.ts) talk to it through the real AWS SDK: nothing is
 * mocked.
 *
 *   const moto = await startMoto();
 *   after(() => moto.stop());
 *   beforeEach(() => moto.reset());
 *   new S3Client(moto.clientConfig())
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Moto {
  readonly endpoint: string;
  readonly port: number;
  /** Environment variables that point the AWS SDK (and the driftwarden CLI) at this emulator. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Client options for SDK clients in tests. */
  clientConfig(region?: string): {
    endpoint: string;
    region: string;
    forcePathStyle: boolean;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export const MOTO_ACCOUNT = '123456789012';

/** The repository root, from dist/demo (the demo and the tests may run from any directory). */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export async function startMoto(): Promise<Moto> {
  const bin = resolve(repoRoot, '.venv/bin/moto_server');
  if (!existsSync(bin)) {
    throw new Error(`moto is not installed at ${bin}: run \`bash scripts/setup.sh\` first`);
  }
  // Port 0: the server binds a free port itself and prints it. Choosing a port here and passing it
  // on would race with other test processes doing the same, and a server that failed to bind
  // would leave us talking to someone else's emulator.
  // moto logs every request to stderr. Into a file, not a pipe: a pipe that nobody drains fills
  // after a few hundred requests and moto then blocks on its next log line, which happens whenever
  // this process blocks its event loop (a benchmark timing the CLI with spawnSync or hyperfine).
  const logDir = mkdtempSync(join(tmpdir(), 'dw-moto-'));
  const logPath = join(logDir, 'moto.log');
  const logFd = openSync(logPath, 'w');
  let child: ChildProcess;
  try {
    child = spawn(bin, ['-H', '127.0.0.1', '-p', '0'], {
      env: { ...process.env, MOTO_EC2_LOAD_DEFAULT_AMIS: 'false', PYTHONUNBUFFERED: '1' },
      stdio: ['ignore', 'ignore', logFd],
    });
  } finally {
    closeSync(logFd); // the child has its own copy
  }
  let stderr = '';
  let port = 0;
  const readLog = (): void => {
    stderr = readFileSync(logPath, 'utf8').slice(-4000);
    const bound = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr);
    if (bound && port === 0) port = Number(bound[1]);
  };
  child.once('exit', () => {
    if (port === 0) readLog(); // what it said before it died, for the error below
    rmSync(logDir, { recursive: true, force: true });
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (port === 0 && child.exitCode === null) readLog();
    if (child.exitCode !== null) throw new Error(`moto exited early (${child.exitCode}): ${stderr}`);
    if (port !== 0) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/moto-api/`);
        if (res.ok) break;
      } catch {
        // bound, not serving yet
      }
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto did not start within 30 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
  return {
    endpoint,
    port,
    env: (extra = {}) => ({
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...extra,
    }),
    clientConfig: (region = 'eu-west-1') => ({ endpoint, region, forcePathStyle: true, credentials }),
    reset: async () => {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`moto reset failed: ${res.status}`);
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
