/**
 * Git for codify: the edits are committed on a new branch through a temporary worktree, so the
 * user's branch, index and working tree are never touched (not even for an instant). The branch is
 * created only after the commit exists: a crash leaves at most a stray worktree, which the next run
 * prunes, never a half-made branch. The git CLI is used (no library): it honours the user's own
 * repository layout (worktrees, alternates, sparse checkouts) exactly.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, realpath, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { DriftwardenError } from '../../model/errors.js';
import type { CodifyAuthor } from './types.js';

const run = promisify(execFile);

export async function git(args: ReadonlyArray<string>, cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const { stdout } = await run('git', [...args], {
    cwd,
    env: { ...process.env, ...env, GIT_TERMINAL_PROMPT: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.trim();
}

/** The checkout root that holds `dir`, or a user error saying codify needs one. */
export async function repositoryRoot(dir: string): Promise<string> {
  try {
    return await realpath(await git(['rev-parse', '--show-toplevel'], dir));
  } catch (err) {
    throw new DriftwardenError(
      'input.invalid',
      'the Terraform code is not in a Git checkout: codify commits to a new branch',
      {
        file: dir,
        cause: err,
        nextStep:
          'point codeDir at a directory inside a Git checkout (git clone ...), or run codify without committing',
      },
    );
  }
}

export async function headCommit(repo: string): Promise<string> {
  try {
    return await git(['rev-parse', '--verify', 'HEAD^{commit}'], repo);
  } catch (err) {
    throw new DriftwardenError('input.invalid', 'the Git checkout has no commit yet: codify branches from HEAD', {
      file: repo,
      cause: err,
      nextStep: 'commit the Terraform code first',
    });
  }
}

/** An existing branch `driftwarden/codify-*-<suffix>`: the same findings were already codified. */
export async function existingCodifyBranch(
  repo: string,
  suffix: string,
): Promise<{ branch: string; commit: string } | undefined> {
  const refs = await git(['for-each-ref', '--format=%(refname:short) %(objectname)', 'refs/heads/driftwarden/'], repo);
  for (const line of refs.split('\n')) {
    const [branch, commit] = line.split(' ');
    if (branch && commit && branch.startsWith('driftwarden/codify-') && branch.endsWith(`-${suffix}`))
      return { branch, commit };
  }
  return undefined;
}

export async function branchExists(repo: string, branch: string): Promise<boolean> {
  return git(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], repo).then(
    () => true,
    () => false,
  );
}

export interface TemporaryWorktree {
  readonly dir: string;
  remove(): Promise<void>;
}

/** A detached worktree of `commit` in a temporary directory. */
export async function addWorktree(repo: string, commit: string): Promise<TemporaryWorktree> {
  await git(['worktree', 'prune'], repo); // worktrees a crashed run left behind
  const parent = await realpath(await mkdtemp(join(tmpdir(), 'driftwarden-codify-')));
  const dir = join(parent, 'checkout');
  await git(['worktree', 'add', '--detach', '--quiet', dir, commit], repo);
  return {
    dir,
    remove: async () => {
      // eslint-disable-next-line no-restricted-syntax -- cleanup of a temporary worktree: a worktree already gone is the goal, and rm/prune below finish the job
      await git(['worktree', 'remove', '--force', dir], repo).catch(() => undefined);
      await rm(parent, { recursive: true, force: true });
      // eslint-disable-next-line no-restricted-syntax -- prune only tidies Git's bookkeeping of the removed worktree; failing it leaves nothing behind
      await git(['worktree', 'prune'], repo).catch(() => undefined);
    },
  };
}

/**
 * Writes the files into the worktree, commits them and points a new branch at the commit. Hooks and
 * signing are off: this is a machine commit on a review branch, and a hook that prompts would hang.
 */
export async function commitFiles(
  repo: string,
  worktree: string,
  files: ReadonlyArray<{ path: string; content: string }>,
  message: string,
  branch: string,
  author: CodifyAuthor,
  now: Date,
): Promise<string> {
  for (const file of files) {
    const target = join(worktree, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
  await git(['add', '--', ...files.map((f) => f.path)], worktree);
  const date = now.toISOString();
  const identity = {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
  const messageFile = join(dirname(worktree), 'COMMIT_MESSAGE');
  await writeFile(messageFile, message);
  await git(
    [
      '-c',
      'commit.gpgsign=false',
      '-c',
      'core.hooksPath=/dev/null',
      'commit',
      '--quiet',
      '--no-verify',
      '-F',
      messageFile,
    ],
    worktree,
    identity,
  );
  const commit = await git(['rev-parse', 'HEAD'], worktree);
  await git(['branch', branch, commit], repo);
  return commit;
}
