/**
 * What a command may touch of the process: its streams, its environment, the time, and whether the
 * streams are terminals. Commands return an exit code; only main.ts sets the process's exit code.
 * The executable always runs with `processIo` (the system clock, no checkpoints); tests inject a
 * fixed clock or a checkpoint through code (test/support/cli-launcher.ts), never through `env`.
 */
import { systemClock, type Clock } from '../audit/clock.js';
import type { Checkpoint } from '../actions/execute.js';

export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly clock: Clock;
  readonly checkpoint?: (point: Checkpoint) => void;
}

export const processIo: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env, clock: systemClock };

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(io: Io): boolean {
  return Boolean(io.stdout.isTTY) && !io.env['NO_COLOR'] && io.env['TERM'] !== 'dumb';
}
