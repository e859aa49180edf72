/**
 * Runs the built `driftwarden` CLI as a user would: a child process, real files, real exit codes.
 * With `now` (a fixed clock) or `crashAfter` (a crash point) the same program runs through the
 * test-only launcher (cli-launcher.ts), which injects them through code: the executable itself
 * reads neither from anywhere.
 */
import { spawn } from 'node:child_process';
import { cliPath, launcherPath } from './paths.js';
import type { Checkpoint } from '../../src/actions/execute.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(
  args: ReadonlyArray<string>,
  options: {
    cwd?: string;
    env?: Record<string, string>;
    timeoutMs?: number;
    now?: string;
    crashAfter?: Checkpoint;
  } = {},
): Promise<CliRun> {
  const injected = [
    ...(options.now !== undefined ? ['--now', options.now] : []),
    ...(options.crashAfter !== undefined ? ['--crash-after', options.crashAfter] : []),
  ];
  const command = injected.length > 0 ? [launcherPath, ...injected, '--', ...args] : [cliPath, ...args];
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, command, {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code: code ?? -1, stdout, stderr });
    });
  });
}
