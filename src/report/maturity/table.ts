/**
 * The terminal maturity report: the level, the ladder with the reached levels marked, one row per
 * criterion (status, evidence with its numbers), then the next steps. Colour only when the caller
 * says so; text from the store is neutralized (model/text.ts) line by line so it cannot drive the terminal.
 */
import Table from 'cli-table3';
import { neutralize } from '../../model/text.js';
import { MATURITY_LEVELS, type CriterionStatus, type MaturityReport } from '../../model/maturity.js';
import { headline, STATUS_LABEL, windowLine } from './shared.js';

type Paint = (text: string) => string;
const plain: Paint = (text) => text;
const ansi =
  (open: number, close: number): Paint =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;

export function renderMaturityTable(report: MaturityReport, options: { color?: boolean } = {}): string {
  const color = options.color ?? false;
  const bold = color ? ansi(1, 22) : plain;
  const status: Record<CriterionStatus, Paint> = color
    ? { met: ansi(32, 39), unmet: ansi(31, 39), 'not-assessed': ansi(33, 39) }
    : { met: plain, unmet: plain, 'not-assessed': plain };
  const lines = [
    bold(headline(report)),
    windowLine(report),
    `store: ${neutralize(report.store)}${report.config ? `  config: ${neutralize(report.config)}` : ''}`,
    '',
  ];
  for (const entry of MATURITY_LEVELS) {
    lines.push(`${entry.level <= report.level ? '[x]' : '[ ]'} ${entry.level} ${entry.name}: ${entry.description}`);
  }
  const table = new Table({
    head: ['level', 'criterion', 'status', 'evidence'],
    colWidths: [7, 35, 14, 66],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const c of report.criteria) {
    table.push([
      String(c.level),
      `${c.title}\n(${c.id})`,
      status[c.status](STATUS_LABEL[c.status]),
      `${neutralize(c.evidence)}\nmet when: ${neutralize(c.threshold)}`,
    ]);
  }
  lines.push('', table.toString(), '');
  if (report.nextSteps.length === 0) lines.push('Next steps: none; every criterion is met.');
  else {
    lines.push(bold('Next steps:'));
    report.nextSteps.forEach((step, i) => lines.push(`  ${i + 1}. ${neutralize(step)}`));
  }
  return `${lines.join('\n')}\n`;
}
