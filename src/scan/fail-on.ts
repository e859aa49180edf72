/**
 * Exit codes, decided in one place, as `terraform plan -detailed-exitcode`: 0 no drift, 1 error,
 * 2 drift found. `--fail-on` chooses which findings count as drift: a comma list of kinds
 * (configuration, unmanaged, missing, policy, version) and at most one severity, the minimum
 * (low, medium, high, critical); `none` counts nothing. Default: every kind, every severity.
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
export type ExitCode = typeof EXIT_NO_DRIFT | typeof EXIT_ERROR | typeof EXIT_DRIFT;

export interface FailOn {
  readonly kinds: ReadonlyArray<DriftKind>;
  readonly severity: Severity;
  readonly none?: boolean;
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
  for (const token of tokens) {
    if ((DRIFT_KINDS as ReadonlyArray<string>).includes(token)) kinds.push(token as DriftKind);
    else if ((SEVERITIES as ReadonlyArray<string>).includes(token)) {
      if (severity !== undefined) throw usage(`--fail-on takes one severity, got ${severity} and ${token}`);
      severity = token as Severity;
    } else throw usage(`--fail-on: unknown value "${token}"`);
  }
  if (tokens.length === 0) throw usage('--fail-on needs a value');
  return { kinds: kinds.length > 0 ? kinds : DRIFT_KINDS, severity: severity ?? 'low' };
}

function usage(message: string): DriftwardenError {
  return new DriftwardenError('usage', message, {
    nextStep: `use kinds (${DRIFT_KINDS.join(', ')}) and/or one minimum severity (${SEVERITIES.join(', ')}), comma-separated, or none`,
  });
}

export function countsAsDrift(finding: Finding, failOn: FailOn): boolean {
  if (failOn.none) return false;
  return failOn.kinds.includes(finding.kind) && severityRank(finding.severity) >= severityRank(failOn.severity);
}

export function exitCodeFor(findings: ReadonlyArray<Finding>, failOn: FailOn): ExitCode {
  return findings.some((f) => countsAsDrift(f, failOn)) ? EXIT_DRIFT : EXIT_NO_DRIFT;
}
