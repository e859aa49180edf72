/**
 * The codify strategy: instead of reverting the cloud, write its drift into the Terraform code and
 * commit it on a new branch for review.
 *   - unmanaged resources -> `import` + `resource` blocks in `driftwarden_imported.tf` (imports.ts)
 *   - configuration and policy drift -> the literal in the `.tf` source patched (patch.ts); values
 *     from variables or expressions are reported, not patched
 *   - missing and version drift have no code form: reported as skipped
 * Nothing is written to the user's working tree: a plan run (`commit: false`) returns the files it
 * would write; a commit run edits a temporary worktree of HEAD and creates the branch
 * `driftwarden/codify-<yyyymmdd>-<hash of the finding ids>`. Re-running with the same findings finds
 * that branch and commits nothing new (convergent, like every action).
 */
import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { DriftwardenError } from '../../model/errors.js';
import type { Finding } from '../../model/finding.js';
import {
  addWorktree,
  branchExists,
  commitFiles,
  existingCodifyBranch,
  git,
  headCommit,
  repositoryRoot,
  type TemporaryWorktree,
} from './git.js';
import { codifyUnmanaged, indexRootModule, type RootIndex } from './imports.js';
import { commitMessage } from './message.js';
import { patchFinding } from './patch.js';
import type { ChangeOutcome, CodifyOptions, CodifyResult, FindingOutcome } from './types.js';
import { Workspace } from './workspace.js';

export type * from './types.js';
export { IMPORT_FILE } from './imports.js';

const DEFAULT_AUTHOR = { name: 'Driftwarden', email: 'driftwarden@localhost' };

/** Seven hex digits identifying this set of findings, whatever their order. */
export function findingsHash(findings: ReadonlyArray<Finding>): string {
  return createHash('sha256')
    .update([...findings.map((f) => f.id)].sort().join('\n'))
    .digest('hex')
    .slice(0, 7);
}

export function defaultBranch(findings: ReadonlyArray<Finding>, now: Date): string {
  return `driftwarden/codify-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${findingsHash(findings)}`;
}

async function existingDirectory(dir: string): Promise<string> {
  try {
    return await realpath(dir);
  } catch (err) {
    throw new DriftwardenError('input.missing-file', 'Terraform code directory not found', {
      file: dir,
      cause: err,
      nextStep: 'point codeDir at the directory that holds the root module (*.tf files)',
    });
  }
}

async function optionalRepositoryRoot(dir: string): Promise<string | undefined> {
  return git(['rev-parse', '--show-toplevel'], dir).then(
    (top) => realpath(top),
    () => undefined,
  );
}

export async function codifyFindings(findings: ReadonlyArray<Finding>, options: CodifyOptions): Promise<CodifyResult> {
  const codeDir = await existingDirectory(options.codeDir);
  const now = options.now ?? new Date();
  const repo = options.repoDir
    ? await existingDirectory(options.repoDir)
    : options.commit
      ? await repositoryRoot(codeDir)
      : await optionalRepositoryRoot(codeDir);
  const codeInRepo = repo ? relative(repo, codeDir) : '';
  if (codeInRepo.startsWith('..') || isAbsolute(codeInRepo)) {
    throw new DriftwardenError('usage', 'codeDir is not inside repoDir', {
      file: codeDir,
      nextStep: `give a repoDir that contains ${codeDir}, or leave repoDir out`,
    });
  }

  let worktree: TemporaryWorktree | undefined;
  let baseCommit: string | undefined;
  let branch: string | undefined;
  let existing: { branch: string; commit: string } | undefined;
  if (options.commit && repo) {
    baseCommit = await headCommit(repo);
    branch = options.branch ?? defaultBranch(findings, now);
    existing = options.branch ? undefined : await existingCodifyBranch(repo, findingsHash(findings));
    if (!existing && (await branchExists(repo, branch))) {
      throw new DriftwardenError('usage', `branch ${branch} already exists`, {
        file: repo,
        nextStep: 'choose another branch name, or delete the branch if it is stale (git branch -D)',
      });
    }
    worktree = await addWorktree(repo, baseCommit);
  }
  try {
    const ws = worktree
      ? new Workspace(worktree.dir, join(worktree.dir, codeInRepo))
      : new Workspace(repo ?? codeDir, codeDir);
    const outcomes = await codifyEach(ws, findings, options);
    const files = ws.changedFiles().map(({ file, before, after }) => ({ path: ws.display(file), before, after }));
    const message = commitMessage(findings, outcomes);
    if (!worktree || !repo || !branch || files.length === 0) return { outcomes, files, message };
    const pushCommand = (name: string): string => `git push ${options.remote ?? 'origin'} ${name}`;
    if (existing)
      return {
        outcomes,
        files,
        message,
        branch: existing.branch,
        commit: existing.commit,
        reused: true,
        pushCommand: pushCommand(existing.branch),
      };
    const commit = await commitFiles(
      repo,
      worktree.dir,
      files.map((f) => ({ path: f.path, content: f.after })),
      message,
      branch,
      options.author ?? DEFAULT_AUTHOR,
      now,
    );
    return { outcomes, files, message, branch, commit, baseCommit, pushCommand: pushCommand(branch) };
  } finally {
    await worktree?.remove();
  }
}

async function codifyEach(
  ws: Workspace,
  findings: ReadonlyArray<Finding>,
  options: CodifyOptions,
): Promise<FindingOutcome[]> {
  let rootIndex: RootIndex | undefined;
  const outcomes: FindingOutcome[] = [];
  for (const finding of findings) {
    let changes: ChangeOutcome[];
    if (finding.kind === 'unmanaged') {
      rootIndex ??= await indexRootModule(ws);
      changes = [await codifyUnmanaged(ws, finding, options.observed?.get(finding.resource.address), rootIndex)];
    } else if (finding.kind === 'configuration' || finding.kind === 'policy') {
      changes = await patchFinding(ws, finding);
    } else {
      const detail =
        finding.kind === 'missing'
          ? 'the resource no longer exists: remove its block from the code or revert (recreate) it'
          : 'version drift is a difference between environments: align the module or image pins by hand';
      changes = [{ status: 'skipped', path: 'resource', reason: 'unsupported-kind', detail }];
    }
    const written = changes.filter((c) => c.status === 'codified').length;
    const status = written === 0 ? 'skipped' : written === changes.length ? 'codified' : 'partial';
    outcomes.push({ findingId: finding.id, kind: finding.kind, address: finding.resource.address, status, changes });
  }
  return outcomes;
}
