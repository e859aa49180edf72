/**
 * The terminal version report: a headline, what could not be assessed, the matrix (one row per
 * item, one column per environment; drifted rows marked with their severity), then the findings.
 * Plain text unless the caller asks for colour; every value is neutralized (model/text.ts), one
 * line at a time.
 */
import Table from 'cli-table3';
import type { Severity } from '../../model/finding.js';
import { isComplete, type VersionReport } from '../../model/versions.js';
import { neutralize } from '../../model/text.js';
import {
  cellText,
  completenessLine,
  describeGap,
  findingOf,
  findingsByItem,
  headline,
  rowShowsSource,
  sortedFindings,
  splitGaps,
} from './shared.js';

const SEVERITY_COLOR: Readonly<Record<Severity, number>> = { critical: 31, high: 31, medium: 33, low: 36 };

export function renderVersionsTable(report: VersionReport, options: { color?: boolean } = {}): string {
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [paint(1, neutralize(headline(report)))];
  const tiers = report.environments.map(
    (env) => `${env.name} (${env.tier}${env.tierSource === 'config' ? ', from config' : ''})`,
  );
  lines.push(`Environments: ${neutralize(tiers.join(', '))}`);
  lines.push(isComplete(report) ? paint(32, completenessLine(report)) : paint(31, completenessLine(report)));
  const { failures, notes } = splitGaps(report);
  for (const gap of failures) lines.push(`  ! ${neutralize(describeGap(gap))}`);

  const byItem = findingsByItem(report);
  const matrix = new Table({
    head: ['', 'item', ...report.environments.map((env) => neutralize(env.name))],
    style: { head: [], border: [] },
    wordWrap: true,
  });
  for (const item of report.items) {
    const finding = findingOf(item, byItem);
    const withSource = rowShowsSource(item);
    matrix.push([
      finding ? paint(SEVERITY_COLOR[finding.severity], finding.severity) : '',
      neutralize(`${item.category} ${item.address}`),
      ...report.environments.map((env) => neutralize(cellText(item.cells[env.name], withSource))),
    ]);
  }
  lines.push('', matrix.toString(), '  - absent   ? not assessed   (unpinned) no version');

  const findings = sortedFindings(report);
  if (findings.length > 0) lines.push('', paint(1, `Findings (${findings.length})`));
  for (const finding of findings) {
    lines.push(
      `  ${paint(SEVERITY_COLOR[finding.severity], finding.severity.toUpperCase())} ${neutralize(finding.summary)}`,
    );
    for (const reason of finding.reasons) lines.push(`      why: ${neutralize(reason)}`);
  }
  if (notes.length > 0) {
    lines.push('', `Not compared (computed values, ${notes.length}):`);
    for (const note of notes) lines.push(`  - ${neutralize(describeGap(note))}`);
  }
  return `${lines.join('\n')}\n`;
}
