/** The commit a Git checkout's ref points at (`git rev-parse`), recorded with everything enforced. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DriftwardenError } from '../model/errors.js';

export function resolveCommit(repo: string, ref: string): string {
  try {
    return execFileSync('git', ['-C', resolve(repo), 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
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
