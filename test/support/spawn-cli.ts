/**
 * A long-running CLI process of a test (a worker, a scheduler): its output collected, waited on by
 * pattern, tracked in `children` until it exits so the test's `after` can kill what is left.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cliPath } from './paths.js';

export interface Proc {
  readonly child: ChildProcess;
  log(): string;
  /** Resolves when the log matches (the match), rejects after `ms`. */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpExecArray>;
  exited(): Promise<number | null>;
}

export function spawnCli(args: string[], env: Record<string, string>, children: Set<ChildProcess>): Proc {
  const child = spawn(process.execPath, [cliPath, ...args], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let text = '';
  const waiters: Array<() => void> = [];
  const onData = (d: Buffer) => {
    text += d.toString();
    for (const w of [...waiters]) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return {
    child,
    log: () => text,
    exited: () => exit,
    waitFor: (pattern, ms = 90_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(text);
          if (m) {
            waiters.splice(waiters.indexOf(check), 1);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(check), 1);
          reject(new Error(`timed out waiting for ${pattern}; log:\n${text}`));
        }, ms);
        waiters.push(check);
        check();
      }),
  };
}
