/**
 * What every version-report format shares: counts, the text of a gap, which rows drifted. Pure
 * functions over the VersionReport; escaping stays with each format.
 */
import { SEVERITIES, type Finding, type Severity } from '../../model/finding.js';
import { isComplete, type AssessmentGap, type VersionItem, type VersionReport } from '../../model/versions.js';
import { sortFindings } from '../values.js';

export {
  categoryLabel,
  cellText,
  rowShowsSource,
  ABSENT_TEXT,
  NOT_ASSESSED_TEXT,
  UNPINNED_TEXT,
} from '../../versions/cells.js';

export function countBySeverity(findings: ReadonlyArray<Finding>): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** The finding of each matrix row (at most one per item), by item address and category. */
export function findingsByItem(report: VersionReport): Map<string, Finding> {
  const byItem = new Map<string, Finding>();
  for (const finding of report.findings) byItem.set(`${finding.resource.type}:${finding.resource.address}`, finding);
  return byItem;
}

export function findingOf(item: VersionItem, byItem: ReadonlyMap<string, Finding>): Finding | undefined {
  return byItem.get(item.key);
}

export function sortedFindings(report: VersionReport): Finding[] {
  return sortFindings(report.findings);
}

/** `prod: /path/.terraform.lock.hcl:7: message (next step: ...)`, one line. */
export function describeGap(gap: AssessmentGap, withNextStep = true): string {
  const where = gap.file ? `${gap.file}${gap.line !== undefined ? `:${gap.line}` : ''}: ` : '';
  const next = withNextStep && gap.nextStep ? ` (next step: ${gap.nextStep})` : '';
  return `${gap.environment}: ${where}${gap.message}${next}`;
}

/** Failures (paths, code, lock files) first; notes about computed values after. */
export function splitGaps(report: VersionReport): { failures: AssessmentGap[]; notes: AssessmentGap[] } {
  return {
    failures: report.gaps.filter((gap) => gap.scope !== 'expression'),
    notes: report.gaps.filter((gap) => gap.scope === 'expression'),
  };
}

export function headline(report: VersionReport): string {
  const total = report.findings.length;
  const envs = report.environments.map((env) => env.name).join(', ');
  if (total === 0) return `No version drift across ${envs}`;
  const counts = countBySeverity(report.findings);
  const parts = [...SEVERITIES]
    .reverse()
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`);
  return `Version drift across ${envs}: ${total} finding${total === 1 ? '' : 's'} (${parts.join(', ')})`;
}

export function completenessLine(report: VersionReport): string {
  if (isComplete(report)) return 'Every environment was assessed completely.';
  const { failures } = splitGaps(report);
  return `INCOMPLETE: ${failures.length} part${failures.length === 1 ? '' : 's'} could not be assessed; cells marked ? are unknown, not equal.`;
}
