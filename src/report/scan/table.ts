/**
 * The terminal report: a header (complete or INCOMPLETE with every failed scope), a summary, the
 * findings grouped by severity (critical first), then what was resolved since the last scan.
 * Colour only when the caller says so (a TTY without NO_COLOR); otherwise plain text that reads
 * the same in a CI log. Every text from outside (addresses, ids, values, reasons) is neutralized
 * (model/text.ts) one line at a time, so a hostile tag value can neither move the cursor, clear the
 * terminal, forge a line nor reorder text; the line breaks between items are the report's own.
 */
import Table from 'cli-table3';
import { SEVERITIES, type Finding, type Severity } from '../../model/finding.js';
import type { ScanResult } from '../../model/scan-result.js';
import { neutralize } from '../../model/text.js';
import {
  attributionLabel,
  blastRadiusFactorLines,
  blastRadiusLabel,
  cascadeLines,
  scanNotes,
  describeChange,
  describeScope,
  formatCount,
  formatCoverage,
  impactLabel,
  newFindingIds,
  shorten,
  sortFindings,
} from '../values.js';
import {
  bucketLine,
  coverageLine,
  existenceLine,
  hasAccountingNotes,
  notCoveredByProvider,
  notCoveredLine,
  uncheckedLine,
  uncheckedNextStep,
} from '../accounting.js';

export interface TableOptions {
  readonly color?: boolean;
  readonly verbose?: boolean;
  /** Terminal columns to fit (default DEFAULT_WIDTH; below MIN_WIDTH the table is MIN_WIDTH wide). */
  readonly width?: number;
}

/** The width when the caller does not know the terminal's (not a TTY: a CI log, a pipe). */
export const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 60;

type Paint = (text: string) => string;

interface Palette {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly red: Paint;
  readonly yellow: Paint;
  readonly green: Paint;
  readonly cyan: Paint;
  readonly severity: (severity: Severity) => Paint;
}

function ansi(open: number, close: number): Paint {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const plain: Paint = (text) => text;

function palette(color: boolean): Palette {
  if (!color)
    return { bold: plain, dim: plain, red: plain, yellow: plain, green: plain, cyan: plain, severity: () => plain };
  const red = ansi(31, 39);
  const yellow = ansi(33, 39);
  const bold = ansi(1, 22);
  const bySeverity: Record<Severity, Paint> = {
    critical: (text) => bold(red(text)),
    high: red,
    medium: yellow,
    low: ansi(36, 39),
  };
  return {
    bold,
    dim: ansi(2, 22),
    red,
    yellow,
    green: ansi(32, 39),
    cyan: ansi(36, 39),
    severity: (s) => bySeverity[s],
  };
}

/** Budget of a scalar value; a set element gets more, since what was added sits inside it. */
const VALUE_WIDTH = 60;
const ELEMENT_WIDTH = 160;

function headerLines(result: ScanResult, paint: Palette): string[] {
  const { scan } = result;
  const lines: string[] = [];
  // To the second (the JSON report has the milliseconds): the line then fits 80 columns.
  const when = `${scan.finishedAt.replace(/\.\d+Z$/, 'Z')} (scan ${scan.id})`;
  if (scan.complete) {
    lines.push(`${paint.green(paint.bold('Scan complete'))} ${paint.dim(when)}`);
  } else {
    const count = scan.incompleteScopes.length;
    // The time on its own line: the headline and the id together pass 80 columns.
    lines.push(
      `${paint.red(paint.bold('Scan INCOMPLETE'))}: ${count} scope${count === 1 ? '' : 's'} could not be checked`,
      `  ${paint.dim(when)}`,
    );
    for (const scope of scan.incompleteScopes) lines.push(`  ${paint.yellow('!')} ${neutralize(describeScope(scope))}`);
    lines.push(paint.dim('  Resources in these scopes are counted as unchecked, never as missing.'));
  }
  for (const note of scanNotes(result)) lines.push(paint.dim(`  note: ${neutralize(note)}`));
  return lines;
}

function summaryTable(result: ScanResult, width: number): string {
  const { summary } = result;
  const cells: Array<[string, string | number]> = [
    ['managed', summary.managed],
    ['checked', summary.checked],
    ['unchecked', summary.unchecked],
    ['existence', summary.existence],
    ['not covered', summary.notCovered],
    ['unmanaged', formatCount(summary.unmanaged)],
    ['missing', summary.missing],
    ['changed', summary.changed],
    ['coverage', formatCoverage(summary.coverage)],
    ['exists', formatCoverage(summary.existenceCoverage)],
  ];
  // One row of ten needs about 112 columns; narrower terminals get two tables of five.
  const rows = width >= 115 ? [cells] : [cells.slice(0, 5), cells.slice(5)];
  return rows
    .map((row) => {
      const table = new Table({ head: row.map(([name]) => name), style: { head: [], border: [] } });
      table.push(row.map(([, value]) => value));
      return table.toString();
    })
    .join('\n');
}

/** What was not checked, why, and what to do: by provider and type, by failed scope; addresses with --verbose. */
function accountingLines(result: ScanResult, paint: Palette, verbose: boolean): string[] {
  if (!hasAccountingNotes(result)) return [];
  const lines: string[] = ['', paint.dim(`${bucketLine(result.summary)}; ${coverageLine(result.summary)}`)];
  const addresses = (list: ReadonlyArray<string>) =>
    verbose ? list.map((address) => paint.dim(`      ${neutralize(address)}`)) : [];
  const { accounting } = result;
  if (accounting.unchecked.length > 0) {
    lines.push(
      '',
      paint.yellow(paint.bold(`Unchecked (${result.summary.unchecked}): the observation of their scope failed`)),
    );
    for (const group of accounting.unchecked) {
      lines.push(`  ${paint.yellow('!')} ${neutralize(uncheckedLine(group))}`);
      lines.push(`    next step: ${neutralize(uncheckedNextStep(group))}`, ...addresses(group.addresses));
    }
  }
  if (accounting.existence.length > 0) {
    lines.push(
      '',
      paint.bold(`Existence only (${result.summary.existence}): seen by a generic listing, attributes not compared`),
    );
    for (const group of accounting.existence)
      lines.push(`  ${neutralize(existenceLine(group))}`, ...addresses(group.addresses));
  }
  if (accounting.notCovered.length > 0) {
    lines.push('', paint.bold(`Not covered (${result.summary.notCovered}): nothing in this scan observed them`));
    for (const { provider, count, groups } of notCoveredByProvider(result)) {
      lines.push(`  ${neutralize(provider)}: ${count}`);
      for (const group of groups) lines.push(`    ${neutralize(notCoveredLine(group))}`, ...addresses(group.addresses));
    }
  }
  if (!verbose) lines.push(paint.dim('  (--verbose lists the addresses)'));
  return lines;
}

function changesCell(finding: Finding): string {
  if (finding.kind === 'unmanaged')
    return neutralize(
      `no state manages ${finding.resource.id ?? 'it'}${finding.coverage === 'existence' ? ' (seen by existence only)' : ''}`,
    );
  if (finding.kind === 'missing') return 'recorded, but gone';
  if (finding.changes.length === 0) return neutralize(shorten(finding.summary, 140));
  return finding.changes
    .map((change) =>
      neutralize(describeChange(change, VALUE_WIDTH, { elementMax: ELEMENT_WIDTH, compactElements: true })),
    )
    .join('\n');
}

function whoCell(finding: Finding): string {
  return neutralize(attributionLabel(finding.attribution));
}

/** Where a value may break: after a space, comma, colon or opening bracket (`0.0.0.0/0` stays whole). */
const VALUE_BREAKS = ' ,:[{';
/** Where an address may break: after a dot, an opening bracket or a space. */
const ADDRESS_BREAKS = ' .[';

/**
 * Lines of at most `width` characters: each line breaks after the last of `breaks` that fits, and
 * only a run longer than the column with none of them is cut mid-word. Nothing is dropped.
 */
export function wrapText(text: string, width: number, breaks = VALUE_BREAKS): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > width) {
      let cut = -1;
      for (let i = width; i > 0; i -= 1) {
        if (breaks.includes(rest[i - 1]!)) {
          cut = i;
          break;
        }
      }
      if (cut < Math.ceil(width / 3)) cut = width;
      out.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).trimStart();
    }
    out.push(rest);
  }
  return out.join('\n');
}

/**
 * Widths (padding included) of the four columns so that the table, borders included, is `width`
 * wide: severity and the apply column are small and fixed, the rest goes 40/60 to the address and
 * the changes, which wrap rather than being cut, so the changed value is always shown.
 */
export function findingColumnWidths(width: number): [number, number, number, number] {
  const total = Math.max(MIN_WIDTH, Math.floor(width));
  const severity = 14; // "critical NEW" and its padding
  const apply = total >= 120 ? 22 : 16;
  const rest = total - 5 - severity - apply; // five vertical borders
  const address = Math.floor(rest * 0.4);
  return [severity, address, rest - address, apply];
}

/**
 * One table per severity: severity (and NEW), the address with its kind (and environment when the
 * scan spans several), the changes first and whole, then the apply impact and the blast radius.
 * With --verbose, why the severity and the blast-radius factors follow on full-width rows.
 */
function findingsTable(
  findings: ReadonlyArray<Finding>,
  fresh: ReadonlySet<string>,
  paint: Palette,
  showEnvironment: boolean,
  verbose: boolean,
  width: number,
): string {
  const head = ['severity', 'address (kind)', 'recorded -> observed', 'apply / blast'];
  const widths = findingColumnWidths(width);
  // Addresses, values and the apply column are wrapped here (wrapText: values stay whole where they
  // can); the --verbose and attribution rows are prose, wrapped between words by the table.
  const fit = (text: string, column: number, breaks?: string) => wrapText(text, widths[column]! - 2, breaks);
  const table = new Table({ head, style: { head: [], border: [] }, wordWrap: true, colWidths: widths });
  for (const finding of findings) {
    const kind = showEnvironment ? `${finding.kind}, ${neutralize(finding.environment)}` : finding.kind;
    const impact = neutralize(impactLabel(finding.impact));
    const blast = blastRadiusLabel(finding.blastRadius);
    table.push([
      `${paint.severity(finding.severity)(finding.severity)}${fresh.has(finding.id) ? ` ${paint.cyan(paint.bold('NEW'))}` : ''}`,
      fit(`${neutralize(finding.resource.address)}\n(${kind})`, 1, ADDRESS_BREAKS),
      fit(changesCell(finding), 2),
      fit([impact, blast].filter(Boolean).join('\n'), 3),
    ]);
    // --verbose explains the severity, the score and the cascade, each on full-width lines.
    const explained = verbose
      ? [
          ...(finding.reasons.length > 0 ? [`why ${finding.severity}: ${finding.reasons.join('; ')}`] : []),
          ...(finding.blastRadius ? [`blast radius ${blastRadiusLabel(finding.blastRadius)}`] : []),
          ...blastRadiusFactorLines(finding.blastRadius).map((line) => `  ${line}`),
          ...cascadeLines(finding.impact).map((line) => `  cascade: ${line}`),
        ]
      : [];
    if (explained.length > 0) {
      const content = paint.dim(explained.map(neutralize).join('\n'));
      table.push([{ colSpan: head.length, content, wrapOnWordBoundary: true }]);
    }
    // Who made the change gets a full-width line of its own: it is what a reader acts on first.
    if (finding.attribution) {
      const who = `changed by ${whoCell(finding)}`;
      const content = finding.attribution.via === 'console' ? paint.yellow(who) : who;
      table.push([{ colSpan: head.length, content, wrapOnWordBoundary: true }]);
    }
  }
  return table.toString();
}

function verboseLines(result: ScanResult, paint: Palette): string[] {
  const lines: string[] = ['', paint.bold(`Suppressions that fired (${result.suppressions.length})`)];
  if (result.suppressions.length === 0) lines.push('  none');
  for (const suppression of result.suppressions) {
    lines.push(neutralize(`  ${suppression.address} ${suppression.path}: ${suppression.rule} (${suppression.why})`));
  }
  const calls = Object.entries(result.scan.apiCalls ?? {}).sort(([left], [right]) => left.localeCompare(right));
  lines.push('', paint.bold(`API calls (${calls.reduce((sum, [, count]) => sum + count, 0)})`));
  if (calls.length === 0) lines.push('  none (no live observation)');
  for (const [operation, count] of calls) lines.push(`  ${operation.padEnd(40)} ${count}`);
  return lines;
}

export function renderTable(result: ScanResult, options: TableOptions = {}): string {
  const paint = palette(options.color === true);
  const width = options.width ?? DEFAULT_WIDTH;
  const lines: string[] = [
    ...headerLines(result, paint),
    '',
    summaryTable(result, width),
    ...accountingLines(result, paint, options.verbose === true),
  ];
  const fresh = newFindingIds(result);
  const sorted = sortFindings(result.findings);
  const showEnvironment = new Set(sorted.map((f) => f.environment)).size > 1;

  if (sorted.length === 0) {
    // "No drift" is only said of what was looked at.
    lines.push(
      '',
      result.scan.complete
        ? paint.green(`No drift found in the ${result.summary.checked} checked resource(s).`)
        : paint.yellow(`No drift found in what could be observed; the scan is INCOMPLETE (see above).`),
    );
  }
  for (const severity of [...SEVERITIES].reverse()) {
    const group = sorted.filter((finding) => finding.severity === severity);
    if (group.length === 0) continue;
    lines.push('', paint.severity(severity)(paint.bold(`${severity.toUpperCase()} (${group.length})`)));
    lines.push(findingsTable(group, fresh, paint, showEnvironment, options.verbose === true, width));
  }

  const resolved = result.history?.resolved ?? [];
  if (resolved.length > 0) {
    lines.push('', paint.green(paint.bold(`Resolved since the last scan (${resolved.length})`)));
    for (const item of resolved) lines.push(neutralize(`  ${item.address} (${item.kind})`));
  }
  const stale = result.history?.notRechecked ?? [];
  if (stale.length > 0) {
    lines.push('', paint.bold(`Still open, not re-checked by this scan (${stale.length})`));
    for (const item of stale) lines.push(neutralize(`  ${item.address} (${item.kind}): ${item.reason}`));
  }
  if (options.verbose) lines.push(...verboseLines(result, paint));
  return `${lines.join('\n')}\n`;
}
