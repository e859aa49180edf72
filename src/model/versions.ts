/**
 * The version-drift analysis as data: environments, the item x environment matrix, the `version`
 * findings and every gap (what could not be assessed, and why). Reports render a VersionReport;
 * the JSON report serializes it (docs/versions-schema.md, versioned by VERSIONS_SCHEMA_VERSION).
 */
import type { Tier } from '../config/schema.js';
import type { Finding } from './finding.js';

export const VERSIONS_SCHEMA_VERSION = '1.0';

/** What a matrix row tracks. `required_version` is `terraform { required_version }`. */
export const ITEM_CATEGORIES = [
  'module',
  'provider',
  'required_provider',
  'required_version',
  'ami',
  'image',
  'vm_template',
  'vm_hardware',
] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

/**
 * One cell. `pinned`: a literal version (registry version constraint, Git ref, lock-file version,
 * AMI id, image tag or digest). `unpinned`: the item is there with no version at all (a registry
 * module without `version`, a Git source without `?ref=`, an image without a tag or `:latest`).
 * `absent`: the environment does not have the item. `not-assessed`: the part of the environment
 * that would hold it could not be read (no lock file, a file with an HCL syntax error).
 */
export type VersionCell =
  | { readonly state: 'pinned'; readonly value: string; readonly source?: string; readonly file: string }
  | { readonly state: 'unpinned'; readonly source?: string; readonly file: string; readonly note?: string }
  | { readonly state: 'absent' }
  | { readonly state: 'not-assessed'; readonly reason: string };

export interface VersionItem {
  /** Stable and unique: `${category}:${address}`. */
  readonly key: string;
  readonly category: ItemCategory;
  /** Where it is declared: `module.app.module.db`, `aws_instance.bastion.ami`, `registry.terraform.io/hashicorp/aws`. */
  readonly address: string;
  /** Cells by environment name; every environment of the report has one. */
  readonly cells: Readonly<Record<string, VersionCell>>;
}

export type TierSource = 'config' | 'name' | 'default';

export interface VersionEnvironment {
  readonly name: string;
  /** Absolute path of the root module directory. */
  readonly path: string;
  readonly tier: Tier;
  readonly tierSource: TierSource;
  /** False when the code could not be read completely (a path not found, an HCL syntax error). */
  readonly codeAssessed: boolean;
  /** False when the provider lock file is missing or unreadable. */
  readonly providersAssessed: boolean;
}

export const GAP_SCOPES = ['environment', 'code', 'lock', 'expression'] as const;
export type GapScope = (typeof GAP_SCOPES)[number];

/**
 * Something the analysis could not assess. `fatal` gaps (an environment path that does not exist)
 * make the command exit 1; the others are reported and the rest of the analysis stands.
 */
export interface AssessmentGap {
  /** The environment; for an `expression` note in a shared module, every environment it concerns, comma-separated. */
  readonly environment: string;
  readonly scope: GapScope;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly nextStep?: string;
  readonly fatal: boolean;
}

export interface VersionReport {
  readonly schemaVersion: typeof VERSIONS_SCHEMA_VERSION;
  readonly generatedAt: string;
  readonly tool: { readonly name: 'driftwarden'; readonly version: string };
  /** In the order given on the command line. */
  readonly environments: ReadonlyArray<VersionEnvironment>;
  /** Sorted by category, then address. */
  readonly items: ReadonlyArray<VersionItem>;
  /** Every finding has kind `version`. */
  readonly findings: ReadonlyArray<Finding>;
  readonly gaps: ReadonlyArray<AssessmentGap>;
}

/**
 * True when every environment's code and lock file were read. `expression` gaps (an image or AMI
 * given by a variable or a function call) are notes about what static reading cannot know, not
 * failures, so they do not make a report incomplete.
 */
export function isComplete(report: Pick<VersionReport, 'gaps'>): boolean {
  return report.gaps.every((gap) => gap.scope === 'expression');
}
