/**
 * The accounting (src/model/accounting.ts) as plain lines every report format shares: what was
 * checked, what could not be checked and why (with the next step), and what nothing observes,
 * named by provider and type with instance counts. Escaping belongs to each format.
 */
import type { NotCoveredGroup, UncheckedGroup, ExistenceGroup } from '../model/accounting.js';
import type { ScanResult, ScanSummary } from '../model/scan-result.js';
import { formatCoverage } from './values.js';

/** `142 managed: 122 checked, 6 unchecked, 0 existence only, 14 not covered`. */
export function bucketLine(summary: ScanSummary): string {
  return (
    `${summary.managed} managed: ${summary.checked} checked, ${summary.unchecked} unchecked, ` +
    `${summary.existence} existence only, ${summary.notCovered} not covered`
  );
}

/** `coverage 85.9% (attributes compared), existence 85.9%`: the two figures, never one for the other. */
export function coverageLine(summary: ScanSummary): string {
  return `coverage ${formatCoverage(summary.coverage)} of managed resources compared, ${formatCoverage(summary.existenceCoverage)} confirmed to exist`;
}

const REASON_LABEL: Record<NotCoveredGroup['reason'], string> = {
  'no-observer': 'no observer',
  'outside-scan': 'outside this scan',
  ignored: 'ignored',
};

/** `kubernetes_namespace (kubernetes): 9 not covered, no observer: Driftwarden does not observe the kubernetes provider`. */
export function notCoveredLine(group: NotCoveredGroup): string {
  return `${group.type} (${group.provider}): ${group.count} not covered, ${REASON_LABEL[group.reason]}: ${group.why}`;
}

/** `aws_iam_role 123456789012 us-east-1: 6 unchecked: access denied ... (access-denied)`. */
export function uncheckedLine(group: UncheckedGroup): string {
  const { scope } = group;
  return `${scope.type} ${scope.account} ${scope.region}: ${group.count} unchecked: ${scope.reason} (${scope.code})`;
}

/** The next step for an unchecked scope; a generic one when the observer gave none. */
export function uncheckedNextStep(group: UncheckedGroup): string {
  return group.scope.nextStep ?? 'fix the cause above and scan again; until then these resources are not checked';
}

/** `aws_eks_addon (aws): 4 existence only, 3 seen, 1 unknown`. */
export function existenceLine(group: ExistenceGroup): string {
  return `${group.type} (${group.provider}): ${group.seen + group.unknown} existence only, ${group.seen} seen, ${group.unknown} existence unknown (attributes not compared)`;
}

/** Not-covered groups by provider, providers in name order: `kubernetes: 9 (kubernetes_namespace 9)`. */
export function notCoveredByProvider(
  result: ScanResult,
): Array<{ provider: string; count: number; groups: NotCoveredGroup[] }> {
  const byProvider = new Map<string, NotCoveredGroup[]>();
  for (const group of result.accounting.notCovered) {
    const list = byProvider.get(group.provider) ?? [];
    list.push(group);
    byProvider.set(group.provider, list);
  }
  return [...byProvider.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([provider, groups]) => ({ provider, count: groups.reduce((n, g) => n + g.count, 0), groups }));
}

/** True when anything is unchecked, existence-only or not covered: the accounting section has something to say. */
export function hasAccountingNotes(result: ScanResult): boolean {
  const { accounting } = result;
  return accounting.notCovered.length + accounting.unchecked.length + accounting.existence.length > 0;
}
