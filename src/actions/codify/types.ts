/**
 * The codify strategy's contract: write drift back into the Terraform code instead of reverting the
 * cloud. Results are data (no rendered strings beyond the one-line `written`/`detail` texts); the
 * reconcile command renders them. No value in a result is ever a secret: sensitive changes are
 * skipped before any value is read.
 */
import type { Resource } from '../../model/resource.js';

export interface CodifyAuthor {
  readonly name: string;
  readonly email: string;
}

export interface CodifyOptions {
  /** The root module directory (the one `terraform plan` runs in). Unmanaged resources are written here. */
  readonly codeDir: string;
  /** Git checkout root; default: the checkout that contains codeDir. */
  readonly repoDir?: string;
  /** Branch to create; default `driftwarden/codify-<yyyymmdd>-<hash of the finding ids>`. */
  readonly branch?: string;
  /** Live resources by address, for unmanaged findings (their attributes become the resource block). */
  readonly observed?: ReadonlyMap<string, Resource>;
  /**
   * True: commit to a new branch (through a temporary worktree; the user's branch, index and
   * working tree are never touched). False: plan only, nothing is written anywhere; `files` holds
   * what would be committed, read from the working tree of codeDir.
   */
  readonly commit: boolean;
  /** Clock for the branch name and the commit date (tests). */
  readonly now?: Date;
  /** Commit author and committer; default `Driftwarden <driftwarden@localhost>`. */
  readonly author?: CodifyAuthor;
  /** Remote named in the suggested push command; default `origin`. */
  readonly remote?: string;
}

/** Why a change was not written. */
export type SkipReason =
  /** The value comes from a variable, local, data source or function: Terraform alone evaluates it. */
  | 'expression'
  /** The value is a literal this strategy cannot rewrite safely (heredoc, nested block, set of blocks). */
  | 'unsupported-value'
  /** The resource block (or the tag, or the attribute) is not in the code. */
  | 'not-in-code'
  /** No codify description for this resource type. */
  | 'unsupported-type'
  /** The finding's kind has no code form (`missing`, `version`). */
  | 'unsupported-kind'
  /** A secret: never written. */
  | 'sensitive'
  /** An unmanaged finding without its live resource in `observed`. */
  | 'not-observed'
  /** The code holds neither the recorded value nor the observed one: an un-applied change would be lost. */
  | 'code-differs'
  /** The code already holds the observed value (or the import block exists). */
  | 'already-codified'
  /** The resource lives in a registry or Git module: its code is not in this checkout. */
  | 'remote-module'
  /** A count/for_each instance: the literal is shared by every instance. */
  | 'instance-key';

export interface CodifiedChange {
  readonly status: 'codified';
  /** Attribute path from the finding (`instance_type`, `tags.Owner`), or `resource` for an import. */
  readonly path: string;
  /** File relative to the repository root (or to codeDir when there is no repository). */
  readonly file: string;
  readonly line: number;
  /** What was written, one line: `instance_type = "t3.large"`, `import + resource aws_ebs_volume.data`. */
  readonly written: string;
  /** Attributes deliberately not written (secrets), for an import. */
  readonly omitted?: ReadonlyArray<string>;
}

export interface SkippedChange {
  readonly status: 'skipped';
  readonly path: string;
  readonly reason: SkipReason;
  /** Plain text, naming the expression and the next step where there is one. */
  readonly detail: string;
  readonly file?: string;
  readonly line?: number;
}

export type ChangeOutcome = CodifiedChange | SkippedChange;

export interface FindingOutcome {
  readonly findingId: string;
  readonly kind: string;
  readonly address: string;
  /** `codified`: every change written; `partial`: some; `skipped`: none. */
  readonly status: 'codified' | 'partial' | 'skipped';
  readonly changes: ReadonlyArray<ChangeOutcome>;
}

export interface CodifiedFile {
  /** Relative to the repository root (or codeDir). */
  readonly path: string;
  /** Content before (undefined for a new file) and after. */
  readonly before: string | undefined;
  readonly after: string;
}

export interface CodifyResult {
  readonly outcomes: ReadonlyArray<FindingOutcome>;
  readonly files: ReadonlyArray<CodifiedFile>;
  /** The commit message (also when not committing: what it would be). */
  readonly message: string;
  /** Set when committed (or when an earlier run already committed the same findings). */
  readonly branch?: string;
  readonly commit?: string;
  /** The commit the branch starts from. */
  readonly baseCommit?: string;
  /** True when a branch for exactly these findings already existed: nothing new was committed. */
  readonly reused?: boolean;
  /**
   * The pull-request hook: the command that publishes the branch. Driftwarden never pushes (no
   * network); a pipeline or a person runs it and opens the pull request on the Git host.
   */
  readonly pushCommand?: string;
}
