/**
 * Starts vcsim (VMware's vCenter simulator from govmomi, built by scripts/setup.sh into a cache
 * keyed by version) on 127.0.0.1 on a free port, with a generated inventory, and stops it. The
 * vSphere tests, the vSphere benchmark and the demo's vSphere part talk to it through Driftwarden's
 * own vim25 client: nothing is mocked.
 *
 *   const sim = await startVcsim({ vms: 2 });
 *   after(() => sim.stop());
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const VCSIM_VERSION = 'v0.46.0';

export interface VcsimOptions {
  /** VMs per resource pool and per standalone host (vcsim `-vm`, default 1). */
  readonly vms?: number;
  readonly clusters?: number;
  /** Hosts per cluster (default 1). */
  readonly hostsPerCluster?: number;
  readonly standaloneHosts?: number;
  readonly datacenters?: number;
  readonly folders?: number;
  /** Extra vcsim flags (`-method-delay`, ...). */
  readonly extraArgs?: ReadonlyArray<string>;
  readonly user?: string;
  readonly password?: string;
  /** How long vcsim may take to build its inventory and bind (default 60 s; 5,000 VMs take minutes). */
  readonly startTimeoutMs?: number;
}

export interface Vcsim {
  /** `127.0.0.1:PORT` */
  readonly server: string;
  readonly user: string;
  readonly password: string;
  /** Environment variables the CLI reads (VSPHERE_SERVER, VSPHERE_USER, VSPHERE_PASSWORD). */
  env(): Record<string, string>;
  stop(): Promise<void>;
}

/** Where setup.sh puts vcsim; DRIFTWARDEN_VCSIM overrides it. */
export function vcsimPath(): string {
  if (process.env['DRIFTWARDEN_VCSIM']) return process.env['DRIFTWARDEN_VCSIM'];
  const cache = process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache');
  return join(cache, 'driftwarden', `vcsim-${VCSIM_VERSION}`, 'vcsim');
}

/** Why vcsim cannot run here (a message for a skipped test), or undefined when it can. */
export function vcsimUnavailable(): string | undefined {
  const path = vcsimPath();
  if (existsSync(path)) return undefined;
  return `vcsim is not installed at ${path} (scripts/setup.sh builds it when Go is installed)`;
}

export async function startVcsim(options: VcsimOptions = {}): Promise<Vcsim> {
  const bin = vcsimPath();
  if (!existsSync(bin)) throw new Error(vcsimUnavailable());
  const user = options.user ?? 'drift-reader';
  const password = options.password ?? 'vcsim-Secret-42';
  const args = [
    '-l',
    '127.0.0.1:0',
    '-username',
    user,
    '-password',
    password,
    '-dc',
    String(options.datacenters ?? 1),
    '-cluster',
    String(options.clusters ?? 1),
    '-host',
    String(options.hostsPerCluster ?? 1),
    '-standalone-host',
    String(options.standaloneHosts ?? 0),
    '-vm',
    String(options.vms ?? 1),
    '-folder',
    String(options.folders ?? 0),
    '-pool',
    '0',
    '-app',
    '0',
    ...(options.extraArgs ?? []),
  ];
  // Port 0: vcsim binds a free port itself and prints its URL (with the credentials: never logged).
  const child: ChildProcess = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const deadline = Date.now() + startTimeoutMs;
  let server = '';
  for (;;) {
    const bound = /GOVC_URL=https:\/\/[^@\s]*@(127\.0\.0\.1:\d+)\/sdk/.exec(stdout);
    if (bound) {
      server = bound[1] as string;
      break;
    }
    if (child.exitCode !== null) throw new Error(`vcsim exited early (${child.exitCode}): ${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`vcsim did not start within ${Math.round(startTimeoutMs / 1000)} s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    server,
    user,
    password,
    env: () => ({ VSPHERE_SERVER: server, VSPHERE_USER: user, VSPHERE_PASSWORD: password }),
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
