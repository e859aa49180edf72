/**
 * Exit codes, decided in one place, as `terraform plan -detailed-exitcode` plus one:
 *
 *   0  no counted drift, and the scan observed every scope it was meant to;
 *   1  error (bad input, unreachable backend, ...): decided by the CLI, never here;
 *   2  counted drift (`--fail-on` decides what counts; `not-covered` makes not-covered resources count);
 *   3  incomplete: some scope could not be observed (or nothing was observed at all) and no counted
 *      drift was found. `--allow-incomplete` turns it into 0.
 *
 * `--fail-on` is a comma list of kinds (configuration, unmanaged, missing, policy, version), at
 * most one severity, the minimum (low, medium, high, critical), and `not-covered`; `none` counts
 * nothing. Default: every kind, every severity; not-covered resources never change the code.
 */
import {
  DRIFT_KINDS,
  SEVERITIES,
  severityRank,
  type DriftKind,
  type Finding,
  type Severity,
} from '../model/finding.js';
import { DriftwardenError } from '../model/errors.js';

export const EXIT_NO_DRIFT = 0;
export const EXIT_ERROR = 1;
export const EXIT_DRIFT = 2;
export const EXIT_INCOMPLETE = 3;
export type ExitCode = typeof EXIT_NO_DRIFT | typeof EXIT_ERROR | typeof EXIT_DRIFT | typeof EXIT_INCOMPLETE;

export interface FailOn {
  readonly kinds: ReadonlyArray<DriftKind>;
  readonly severity: Severity;
  readonly none?: boolean;
  /** Resources with no observer for their type or provider count as drift (scan only). */
  readonly notCovered?: boolean;
}

export const FAIL_ON_EVERYTHING: FailOn = { kinds: DRIFT_KINDS, severity: 'low' };

export function parseFailOn(text: string): FailOn {
  const tokens = text
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  if (tokens.length === 1 && tokens[0] === 'none') return { kinds: [], severity: 'critical', none: true };
  const kinds: DriftKind[] = [];
  let severity: Severity | undefined;
  let notCovered = false;
  for (const token of tokens) {
    if (token === 'not-covered') notCovered = true;
    else if ((DRIFT_KINDS as ReadonlyArray<string>).includes(token)) kinds.push(token as DriftKind);
    else if ((SEVERITIES as ReadonlyArray<string>).includes(token)) {
      if (severity !== undefined) throw usage(`--fail-on takes one severity, got ${severity} and ${token}`);
      severity = token as Severity;
    } else throw usage(`--fail-on: unknown value "${token}"`);
  }
  if (tokens.length === 0) throw usage('--fail-on needs a value');
  // `not-covered` alone adds to the default (every kind) rather than replacing it.
  return {
    kinds: kinds.length > 0 ? kinds : DRIFT_KINDS,
    severity: severity ?? 'low',
    ...(notCovered ? { notCovered } : {}),
  };
}

function usage(message: string): DriftwardenError {
  return new DriftwardenError('usage', message, {
    nextStep: `use kinds (${DRIFT_KINDS.join(', ')}), one minimum severity (${SEVERITIES.join(', ')}) and/or not-covered, comma-separated, or none`,
  });
}

export function countsAsDrift(finding: Finding, failOn: FailOn): boolean {
  if (failOn.none) return false;
  return failOn.kinds.includes(finding.kind) && severityRank(finding.severity) >= severityRank(failOn.severity);
}

export function exitCodeFor(findings: ReadonlyArray<Finding>, failOn: FailOn): ExitCode {
  return findings.some((f) => countsAsDrift(f, failOn)) ? EXIT_DRIFT : EXIT_NO_DRIFT;
}

/** What the scan exit code depends on (a ScanResult has it all). */
export interface ScanOutcome {
  readonly findings: ReadonlyArray<Finding>;
  readonly complete: boolean;
  /** Managed resources no observer covers (type or provider), the only not-covered that --fail-on counts. */
  readonly notCoveredByObserver: number;
}

export interface ScanExitOptions {
  /** `--allow-incomplete`: an incomplete scan without counted drift exits 0 instead of 3. */
  readonly allowIncomplete?: boolean;
}

/** The one table of scan exit codes (see the header). Counted drift wins over incompleteness. */
export function scanExitCode(outcome: ScanOutcome, failOn: FailOn, options: ScanExitOptions = {}): ExitCode {
  if (outcome.findings.some((f) => countsAsDrift(f, failOn))) return EXIT_DRIFT;
  if (failOn.notCovered && !failOn.none && outcome.notCoveredByObserver > 0) return EXIT_DRIFT;
  if (!outcome.complete && !options.allowIncomplete) return EXIT_INCOMPLETE;
  return EXIT_NO_DRIFT;
}
