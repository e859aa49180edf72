/**
 * The drift maturity model: five levels, the criteria that decide them, and the report every
 * format renders. A level is reached when every criterion of that level and of all levels below
 * it is met; a criterion that could not be assessed is never counted as met, and it says why
 * (no scans, no config, no attribution data) instead of guessing. Results are data; the renderers
 * in ./render/ turn them into text.
 */
import type { ChangeVia } from './finding.js';
import type { Mode, Tier } from '../config/schema.js';
import type { BreakglassSession } from '../actions/breakglass/sessions.js';

export const MATURITY_SCHEMA_VERSION = '1.0';

export const MATURITY_LEVELS = [
  {
    level: 0,
    name: 'ClickOps',
    description: 'infrastructure is changed by hand; no infrastructure-as-code manages it',
  },
  {
    level: 1,
    name: 'IaC, manual edits allowed',
    description: 'Terraform manages the infrastructure, but nothing notices hand edits',
  },
  { level: 2, name: 'Detection', description: 'scheduled scans detect drift on most of what runs' },
  {
    level: 3,
    name: 'Detection and reconciliation',
    description: 'detected drift is put back in line with the code, quickly',
  },
  {
    level: 4,
    name: 'Immutable production',
    description: 'production is enforced, changes go through the pipeline, exceptions are time-bound and reconciled',
  },
] as const;

export type MaturityLevel = 0 | 1 | 2 | 3 | 4;

export const CRITERION_IDS = [
  'iac-exists',
  'iac-coverage',
  'scan-schedule',
  'scan-recency',
  'time-to-revert',
  'production-enforced',
  'production-changes-via-pipeline',
  'breakglass-hygiene',
] as const;
export type CriterionId = (typeof CRITERION_IDS)[number];

/** `not-assessed`: the evidence needed is not there; the reason is in `evidence`. */
export type CriterionStatus = 'met' | 'unmet' | 'not-assessed';

/** A measured number, a duration in ms, a share 0..1, a count, or a text; null when unknown. */
export type Measurement = number | string | boolean | null | ReadonlyArray<unknown> | Readonly<Record<string, unknown>>;

export interface CriterionResult {
  readonly id: CriterionId;
  /** The lowest level that requires this criterion. */
  readonly level: Exclude<MaturityLevel, 0>;
  readonly title: string;
  readonly status: CriterionStatus;
  /** One or two plain sentences with the numbers and the window. */
  readonly evidence: string;
  /** What "met" means, in words, with the threshold. */
  readonly threshold: string;
  /** The numbers behind `evidence`, for machines (keys per criterion: docs/maturity-schema.md). */
  readonly measurements: Readonly<Record<string, Measurement>>;
  /** A concrete step, set whenever the status is not `met`. */
  readonly nextStep?: string;
}

export interface MaturityReport {
  readonly schemaVersion: typeof MATURITY_SCHEMA_VERSION;
  readonly generatedAt: string;
  readonly tool: { readonly name: 'driftwarden'; readonly version: string };
  readonly window: { readonly text: string; readonly ms: number; readonly from: string; readonly to: string };
  readonly store: string;
  /** Absolute path of the configuration read, when there was one. */
  readonly config?: string;
  readonly level: MaturityLevel;
  readonly criteria: ReadonlyArray<CriterionResult>;
  /** The next steps in the order to take them: the lowest unreached level first. */
  readonly nextSteps: ReadonlyArray<string>;
}

/** Every threshold in one place: the report prints them, docs/maturity-schema.md explains them. */
export const THRESHOLDS = {
  /** Scans closer together than this are one run (`scan --env a`, then `--env b`). */
  runMergeMs: 15 * 60_000,
  minRuns: 3,
  /** Regular: the longest gap between runs is at most this many median gaps. */
  maxGapPerMedian: 3,
  maxMedianGapMs: 7 * 86_400_000,
  /** Recent: the last scan is at most twice the median gap old (at least 1h, at most 7d; 1d without a median). */
  recencyPerMedian: 2,
  minRecencyMs: 3_600_000,
  defaultRecencyMs: 86_400_000,
  coverage: 0.8,
  meanTimeToRevertMs: 3 * 86_400_000,
  staleOpenDriftMs: 7 * 86_400_000,
  /** A session that ended less than this long ago may still be waiting for the controller. */
  reconcileGraceMs: 3_600_000,
} as const;

/** One recorded scan, as the assessment needs it. */
export interface ScanEvidence {
  readonly id: string;
  readonly startedAt: string;
  /** Undefined: the scan covered every environment. */
  readonly environments?: ReadonlyArray<string>;
  readonly managed: number;
  readonly unmanaged: number | null;
  /** Null for a scan that observed nothing by listing (plan only). */
  readonly coverage: number | null;
}

/** One open episode of a finding: from the scan that opened it to the scan (or action) that ended it. */
export interface DriftEpisode {
  readonly findingId: string;
  readonly environment: string;
  readonly address: string;
  readonly openedAt: string;
  readonly resolvedAt?: string;
  /** `action`: a reconcile action applied before the scan saw it gone. */
  readonly resolvedBy?: 'scan' | 'action';
  /** Null when the scan could not tell who made the change. */
  readonly attribution: { readonly via: ChangeVia; readonly principal: string; readonly time: string } | null;
}

export interface EnvironmentEvidence {
  readonly name: string;
  readonly tier: Tier;
  readonly mode: Mode;
  readonly states: number;
}

export interface SessionEvidence extends BreakglassSession {
  /** The break-glass cap for the session's tier (config, or the 24h default). */
  readonly capMs: number;
}

/** Everything the criteria read, gathered once (evidence.ts) so the criteria stay pure. */
export interface MaturityEvidence {
  readonly now: string;
  readonly window: MaturityReport['window'];
  readonly store: string;
  readonly config?: { readonly file: string; readonly environments: ReadonlyArray<EnvironmentEvidence> };
  /** Every recorded scan, oldest first. */
  readonly scans: ReadonlyArray<ScanEvidence>;
  readonly episodes: ReadonlyArray<DriftEpisode>;
  /** `action.applied` entries in the window. */
  readonly actionsApplied: number;
  /** Break-glass sessions opened in the window or still open. */
  readonly sessions: ReadonlyArray<SessionEvidence>;
}
