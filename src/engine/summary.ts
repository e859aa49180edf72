/** Counts for the report header, derived from the findings and the engine's tallies. */
import type { DriftKind, Finding, Severity } from '../model/finding.js';
import { DRIFT_KINDS, SEVERITIES } from '../model/finding.js';
import type { ScanSummary } from '../model/scan-result.js';

export function summarize(
  findings: ReadonlyArray<Finding>,
  counts: Omit<ScanSummary, 'byKind' | 'bySeverity'>,
): ScanSummary {
  const byKind = Object.fromEntries(DRIFT_KINDS.map((k) => [k, 0])) as Record<DriftKind, number>;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) {
    byKind[finding.kind]++;
    bySeverity[finding.severity]++;
  }
  return { ...counts, byKind, bySeverity };
}
