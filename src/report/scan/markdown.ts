/**
 * GitHub-flavoured Markdown for a pull-request comment: a headline with counts, a warning when
 * the scan is incomplete, a findings table, then details per finding in <details> blocks and what
 * was resolved since the last scan. GitHub caps a comment at 65,536 characters, so the table and
 * the details stop after a limit with a note saying how many were left out; counts stay exact.
 * Every value is escaped: `|` cannot split a table cell, backticks cannot open code, and `<`/`>`
 * cannot open HTML.
 */
import { SEVERITIES, type AttributeChange, type Finding } from '../../model/finding.js';
import type { ScanResult } from '../../model/scan-result.js';
import { neutralize } from '../../model/text.js';
import { escapeHtml } from './html.js';
import {
  blastRadiusLabel,
  cascadeLines,
  changeElements,
  changeValue,
  describeScopeWithNextStep,
  formatCount,
  formatCoverage,
  formatValue,
  impactLabel,
  attributionLabel,
  scanNotes,
  newFindingIds,
  shorten,
  sortFindings,
} from '../values.js';
import {
  existenceLine,
  hasAccountingNotes,
  notCoveredByProvider,
  notCoveredLine,
  uncheckedLine,
  uncheckedNextStep,
} from '../accounting.js';

export interface MarkdownOptions {
  /** List the addresses of unchecked, existence-only and not-covered resources. */
  readonly verbose?: boolean;
  /** Findings listed in the table before truncating (default 100). */
  readonly maxRows?: number;
  /** Findings given a <details> block (default 25). */
  readonly maxDetails?: number;
}

/**
 * Escapes prose for inline Markdown, including inside table cells: never opens markup or HTML, and
 * control, line-separator and bidi characters are neutralized first (a line break in a value is
 * shown as `\n`, it never ends the table row).
 */
export function escapeMarkdown(text: string): string {
  return neutralize(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (char) => `\\${char}`);
}

/**
 * A value as an inline code span, safe inside a table cell: the fence is longer than any run of
 * backticks in the value, `|` is escaped (GFM splits cells on it even inside code), and control
 * characters (newlines among them) are neutralized. Inside code `<` and `&` are literal text, so no HTML can open.
 */
export function inlineCode(text: string): string {
  const value = neutralize(text).replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padded = value.startsWith('`') || value.endsWith('`') || value === '' ? ` ${value} ` : value;
  return `${fence}${padded}${fence}`;
}

const SEVERITY_ICON: Record<string, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵' };

function headline(result: ScanResult): string {
  const total = result.findings.length;
  if (total === 0)
    return result.scan.complete
      ? '## Driftwarden: no drift found'
      : '## Driftwarden: no drift found in what could be observed (scan incomplete)';
  const bySeverity = [...SEVERITIES]
    .reverse()
    .filter((severity) => (result.summary.bySeverity[severity] ?? 0) > 0)
    .map((severity) => `${result.summary.bySeverity[severity]} ${severity}`)
    .join(', ');
  const fresh = result.history ? `, ${result.history.newFindingIds.length} new` : '';
  return `## Driftwarden: ${total} finding${total === 1 ? '' : 's'} (${bySeverity}${fresh})`;
}

function incompleteWarning(result: ScanResult): string[] {
  if (result.scan.complete) return [];
  const lines = [
    '> [!WARNING]',
    `> **Scan incomplete:** ${result.scan.incompleteScopes.length} scope(s) could not be checked; ` +
      'their resources are counted as unchecked, never as missing.',
  ];
  for (const scope of result.scan.incompleteScopes)
    lines.push(`> - ${escapeMarkdown(describeScopeWithNextStep(scope))}`);
  return [...lines, ''];
}

function attributionNotes(result: ScanResult): string[] {
  const notes = scanNotes(result);
  return notes.length === 0 ? [] : [...notes.map((note) => `> ${escapeMarkdown(note)}`), ''];
}

function summaryTable(result: ScanResult): string[] {
  const { summary } = result;
  return [
    '| managed | checked | unchecked | existence only | not covered | unmanaged | missing | changed | coverage | confirmed to exist |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${summary.managed} | ${summary.checked} | ${summary.unchecked} | ${summary.existence} | ${summary.notCovered} | ${formatCount(summary.unmanaged)} | ${summary.missing} | ${summary.changed} | ${formatCoverage(summary.coverage)} | ${formatCoverage(summary.existenceCoverage)} |`,
    '',
  ];
}

/** Unchecked scopes, existence-only and not-covered types, each with counts; addresses with --verbose. */
function accountingSection(result: ScanResult, verbose: boolean, maxRows: number): string[] {
  if (!hasAccountingNotes(result)) return [];
  const { accounting } = result;
  const lines = ['### What was not checked', ''];
  const addresses = (list: ReadonlyArray<string>): string[] => {
    if (!verbose) return [];
    const shown = list.slice(0, maxRows).map((address) => `  - ${inlineCode(address)}`);
    return list.length > maxRows ? [...shown, `  - … and ${list.length - maxRows} more`] : shown;
  };
  for (const group of accounting.unchecked) {
    lines.push(
      `- **unchecked** ${escapeMarkdown(uncheckedLine(group))}; next step: ${escapeMarkdown(uncheckedNextStep(group))}`,
    );
    lines.push(...addresses(group.addresses));
  }
  for (const group of accounting.existence)
    lines.push(`- ${escapeMarkdown(existenceLine(group))}`, ...addresses(group.addresses));
  for (const { provider, count, groups } of notCoveredByProvider(result)) {
    lines.push(`- **not covered**, provider ${inlineCode(provider)}: ${count}`);
    for (const group of groups)
      lines.push(`  - ${escapeMarkdown(notCoveredLine(group))}`, ...addresses(group.addresses).map((l) => `  ${l}`));
  }
  if (!verbose) lines.push('', '_`--verbose` lists the addresses._');
  return [...lines, ''];
}

/** `path`: `recorded` → `observed` (or the set elements added and removed), values shortened. */
function changeSummary(change: AttributeChange, maxValue: number): string {
  const added = changeElements(change, 'added');
  const removed = changeElements(change, 'removed');
  const short = (value: unknown) => inlineCode(shorten(formatValue(value), maxValue));
  if ((added && added.length > 0) || (removed && removed.length > 0)) {
    const parts: string[] = [];
    if (added && added.length > 0) parts.push(`added ${short(added)}`);
    if (removed && removed.length > 0) parts.push(`removed ${short(removed)}`);
    return `${inlineCode(change.path)}: ${parts.join(', ')}`;
  }
  return `${inlineCode(change.path)}: ${short(changeValue(change, 'recorded'))} → ${short(changeValue(change, 'observed'))}`;
}

function whatChanged(finding: Finding): string {
  if (finding.changes.length === 0) return escapeMarkdown(shorten(finding.summary, 100));
  return finding.changes.map((change) => changeSummary(change, 40)).join('<br>');
}

function changedBy(finding: Finding): string {
  const who = finding.attribution;
  if (!who) return '';
  return `${escapeMarkdown(who.principal)}${who.via === 'console' ? ' **(console)**' : who.via === 'pipeline' ? ' (pipeline)' : ''}<br>${escapeMarkdown(who.time)}, ${escapeMarkdown(who.sourceIp)}, ${inlineCode(who.eventName)}`;
}

function findingsTable(findings: ReadonlyArray<Finding>, fresh: ReadonlySet<string>, maxRows: number): string[] {
  const lines = [
    '| severity | kind | environment | address | what changed | apply | blast radius | changed by |',
    '| --- | --- | --- | --- | --- | --- | ---: | --- |',
  ];
  for (const finding of findings.slice(0, maxRows)) {
    const isNew = fresh.has(finding.id) ? ' **NEW**' : '';
    lines.push(
      `| ${SEVERITY_ICON[finding.severity] ?? ''} ${finding.severity}${isNew} | ${finding.kind} | ${escapeMarkdown(finding.environment)} | ` +
        `${inlineCode(finding.resource.address)} | ${whatChanged(finding)} | ${escapeMarkdown(impactLabel(finding.impact))} | ${escapeMarkdown(blastRadiusLabel(finding.blastRadius))} | ${changedBy(finding)} |`,
    );
  }
  if (findings.length > maxRows) {
    lines.push('', `_Showing ${maxRows} of ${findings.length} findings; the JSON or HTML report lists all of them._`);
  }
  return [...lines, ''];
}

/** A value inside <details>: a code span, shortened so one JSON document cannot fill the comment. */
function detailValue(value: unknown): string {
  return inlineCode(shorten(formatValue(value), 300));
}

function details(finding: Finding): string[] {
  const lines = [
    '<details>',
    `<summary>${finding.severity} ${finding.kind}: ${escapeHtml(neutralize(finding.resource.address))}</summary>`,
    '',
    escapeMarkdown(finding.summary),
    '',
  ];
  if (finding.changes.length > 0) {
    lines.push('| attribute | recorded | observed |', '| --- | --- | --- |');
    for (const change of finding.changes) {
      const added = changeElements(change, 'added');
      const removed = changeElements(change, 'removed');
      const setNote =
        added || removed ? ` (added ${detailValue(added ?? [])}, removed ${detailValue(removed ?? [])})` : '';
      lines.push(
        `| ${inlineCode(change.path)} | ${detailValue(changeValue(change, 'recorded'))} | ${detailValue(changeValue(change, 'observed'))}${setNote} |`,
      );
    }
    lines.push('');
  }
  const impact = impactLabel(finding.impact);
  if (impact) lines.push(`Next apply: **${escapeMarkdown(impact)}** (from ${finding.impact?.source ?? 'rules'})`, '');
  const cascade = cascadeLines(finding.impact);
  if (cascade.length > 0)
    lines.push(
      'Cascade (resources the replacement forces changes on):',
      '',
      ...cascade.map((line) => `- ${escapeMarkdown(line)}`),
      '',
    );
  if (finding.blastRadius) {
    lines.push(`Blast radius: **${escapeMarkdown(blastRadiusLabel(finding.blastRadius))}**`, '');
    lines.push('| factor | points | value × weight | why |', '| --- | ---: | --- | --- |');
    for (const f of finding.blastRadius.factors)
      lines.push(
        `| ${escapeMarkdown(f.name)} | ${f.contribution} | ${f.value} × ${f.weight} | ${escapeMarkdown(f.why)} |`,
      );
    lines.push('');
  }
  if (finding.reasons.length > 0)
    lines.push(`Why ${finding.severity}: ${finding.reasons.map(escapeMarkdown).join('; ')}`, '');
  if (finding.attribution) lines.push(`Changed by ${escapeMarkdown(attributionLabel(finding.attribution))}`, '');
  lines.push(
    `Resource id: ${escapeMarkdown(finding.resource.id ?? '(unknown)')}, finding id: ${escapeMarkdown(finding.id)}`,
    '',
  );
  return [...lines, '</details>', ''];
}

export function renderMarkdown(result: ScanResult, options: MarkdownOptions = {}): string {
  const maxRows = options.maxRows ?? 100;
  const maxDetails = options.maxDetails ?? 25;
  const sorted = sortFindings(result.findings);
  const fresh = newFindingIds(result);
  const lines = [
    headline(result),
    '',
    ...incompleteWarning(result),
    ...attributionNotes(result),
    ...summaryTable(result),
    ...accountingSection(result, options.verbose === true, maxRows),
  ];

  if (sorted.length > 0) {
    lines.push('### Findings', '', ...findingsTable(sorted, fresh, maxRows));
    lines.push('### Details', '');
    for (const finding of sorted.slice(0, maxDetails)) lines.push(...details(finding));
    if (sorted.length > maxDetails)
      lines.push(`_Details shown for the first ${maxDetails} of ${sorted.length} findings._`, '');
  }
  const resolved = result.history?.resolved ?? [];
  if (resolved.length > 0) {
    lines.push(`### Resolved since the last scan (${resolved.length})`, '');
    for (const item of resolved.slice(0, maxRows)) lines.push(`- ${inlineCode(item.address)} (${item.kind})`);
    if (resolved.length > maxRows) lines.push(`- … and ${resolved.length - maxRows} more`);
    lines.push('');
  }
  const stale = result.history?.notRechecked ?? [];
  if (stale.length > 0) {
    lines.push(`### Still open, not re-checked by this scan (${stale.length})`, '');
    for (const item of stale.slice(0, maxRows))
      lines.push(`- ${inlineCode(item.address)} (${item.kind}): ${escapeMarkdown(item.reason)}`);
    if (stale.length > maxRows) lines.push(`- … and ${stale.length - maxRows} more`);
    lines.push('');
  }
  lines.push(
    `<sub>Driftwarden ${escapeMarkdown(result.scan.tool.version)}, scan ${escapeMarkdown(result.scan.id)}, ${escapeMarkdown(result.scan.finishedAt)}</sub>`,
  );
  return `${lines.join('\n')}\n`;
}
