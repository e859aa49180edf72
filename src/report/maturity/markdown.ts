/**
 * GitHub-flavoured Markdown for a wiki page or a pull-request comment: the level, the ladder, the
 * criteria table and the next steps. Every value is escaped with the scan report's helpers.
 */
import { escapeMarkdown, inlineCode } from '../scan/markdown.js';
import { MATURITY_LEVELS, type CriterionStatus, type MaturityReport } from '../../model/maturity.js';
import { headline, STATUS_LABEL, windowLine } from './shared.js';

const STATUS_ICON: Record<CriterionStatus, string> = { met: '✅', unmet: '❌', 'not-assessed': '❔' };

export function renderMaturityMarkdown(report: MaturityReport): string {
  const lines = [`## ${escapeMarkdown(headline(report))}`, '', escapeMarkdown(windowLine(report)), ''];
  lines.push('| | level | meaning |', '| --- | --- | --- |');
  for (const entry of MATURITY_LEVELS) {
    lines.push(
      `| ${entry.level <= report.level ? '✅' : '⬜'} | ${entry.level} ${escapeMarkdown(entry.name)} | ${escapeMarkdown(entry.description)} |`,
    );
  }
  lines.push(
    '',
    '### Criteria',
    '',
    '| level | criterion | status | evidence | met when |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const c of report.criteria) {
    lines.push(
      `| ${c.level} | ${escapeMarkdown(c.title)} ${inlineCode(c.id)} | ${STATUS_ICON[c.status]} ${STATUS_LABEL[c.status]} | ${escapeMarkdown(c.evidence)} | ${escapeMarkdown(c.threshold)} |`,
    );
  }
  lines.push('', '### Next steps', '');
  if (report.nextSteps.length === 0) lines.push('None: every criterion is met.');
  else report.nextSteps.forEach((step, i) => lines.push(`${i + 1}. ${escapeMarkdown(step)}`));
  lines.push(
    '',
    `<sub>Driftwarden ${escapeMarkdown(report.tool.version)}, ${escapeMarkdown(report.generatedAt)}, store ${escapeMarkdown(report.store)}</sub>`,
  );
  return `${lines.join('\n')}\n`;
}
