/**
 * GitHub-flavoured Markdown for a pull-request comment: headline, what could not be assessed (a
 * warning block), the findings, then the matrix. Every value is escaped with the scan report's
 * helpers: `|` cannot split a cell, backticks cannot open code, `<` cannot open HTML.
 */
import type { VersionReport } from '../../model/versions.js';
import { escapeMarkdown, inlineCode } from '../scan/markdown.js';
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

const SEVERITY_ICON: Record<string, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵' };

export function renderVersionsMarkdown(report: VersionReport): string {
  const lines = [`## Driftwarden: ${escapeMarkdown(headline(report))}`, ''];
  const { failures, notes } = splitGaps(report);
  if (failures.length > 0) {
    lines.push('> [!WARNING]', `> **${escapeMarkdown(completenessLine(report))}**`);
    for (const gap of failures) lines.push(`> - ${escapeMarkdown(describeGap(gap))}`);
    lines.push('');
  }
  lines.push(
    `Environments: ${report.environments.map((env) => `${inlineCode(env.name)} (${env.tier})`).join(', ')}`,
    '',
  );
  const findings = sortedFindings(report);
  if (findings.length > 0) {
    lines.push('### Findings', '', '| severity | item | environments | why |', '| --- | --- | --- | --- |');
    for (const finding of findings) {
      lines.push(
        `| ${SEVERITY_ICON[finding.severity] ?? ''} ${finding.severity} | ${inlineCode(`${finding.resource.type} ${finding.resource.address}`)} | ` +
          `${escapeMarkdown(finding.summary)} | ${finding.reasons.map(escapeMarkdown).join('<br>')} |`,
      );
    }
    lines.push('');
  }
  const byItem = findingsByItem(report);
  lines.push('### Version matrix', '');
  lines.push(`| | item | ${report.environments.map((env) => escapeMarkdown(env.name)).join(' | ')} |`);
  lines.push(`| --- | --- | ${report.environments.map(() => '---').join(' | ')} |`);
  for (const item of report.items) {
    const finding = findingOf(item, byItem);
    const withSource = rowShowsSource(item);
    const cells = report.environments.map((env) => inlineCode(cellText(item.cells[env.name], withSource)));
    lines.push(
      `| ${finding ? `${SEVERITY_ICON[finding.severity] ?? ''} ${finding.severity}` : ''} | ${inlineCode(`${item.category} ${item.address}`)} | ${cells.join(' | ')} |`,
    );
  }
  lines.push('', '_`-` absent, `?` not assessed, `(unpinned)` no version._', '');
  if (notes.length > 0) {
    lines.push(`<details><summary>Not compared: ${notes.length} computed value(s)</summary>`, '');
    for (const note of notes) lines.push(`- ${escapeMarkdown(describeGap(note))}`);
    lines.push('', '</details>', '');
  }
  lines.push(`<sub>Driftwarden ${escapeMarkdown(report.tool.version)}, ${escapeMarkdown(report.generatedAt)}</sub>`);
  return `${lines.join('\n')}\n`;
}
