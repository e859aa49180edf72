/** The commit a Git checkout's ref points at (`git rev-parse`), recorded with everything enforced. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DriftwardenError } from '../../model/errors.js';

export function resolveCommit(repo: string, ref: string): string {
  try {
    return execFileSync('git', ['-C', resolve(repo), 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch (err) {
    throw new DriftwardenError('usage', `cannot resolve ref "${ref}" in the Git checkout`, {
      file: resolve(repo),
      key: '--ref',
      nextStep: 'pass --repo PATH of a Git checkout and a --ref it has (a branch, tag or commit)',
      cause: err,
    });
  }
}

/** True when the folder holds Terraform files (then it is the code directory for ignore_changes). */
export function holdsTerraform(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((name) => name.endsWith('.tf'));
}

/**
 * The code exactly as the enforced commit has it: a detached worktree in a temporary folder, so
 * uncommitted edits in the checkout never decide what is enforced, and the checkout itself is never
 * touched. `remove()` deletes the worktree (and is safe to call after a failure).
 */
export function checkoutCommit(repo: string, commit: string): { readonly dir: string; remove(): void } {
  const parent = mkdtempSync(join(tmpdir(), 'driftwarden-enforced-'));
  const dir = join(parent, 'code');
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', resolve(repo), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    git('worktree', 'add', '--detach', '--quiet', dir, commit);
  } catch (err) {
    rmSync(parent, { recursive: true, force: true });
    throw new DriftwardenError('usage', `cannot check out commit ${commit.slice(0, 12)} of the Git checkout`, {
      file: resolve(repo),
      nextStep: 'check that the checkout is a Git repository the controller can write its worktree list to',
      cause: err,
    });
  }
  return {
    dir,
    remove: () => {
      try {
        git('worktree', 'remove', '--force', dir);
      } catch {
        // already gone; prune below keeps the worktree list clean
      }
      rmSync(parent, { recursive: true, force: true });
      try {
        git('worktree', 'prune');
      } catch {
        // best effort
      }
    },
  };
}
