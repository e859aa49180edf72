/**
 * JUnit XML: one testcase per criterion in a `driftwarden.maturity` suite. Met passes, not met
 * fails (the evidence and the next step in the body), not assessed is skipped: unknown is neither
 * pass nor fail.
 */
import { escapeXmlAttribute, escapeXmlText } from '../scan/junit.js';
import type { CriterionResult, MaturityReport } from '../../model/maturity.js';
import { countByStatus, headline } from './shared.js';

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}="${escapeXmlAttribute(String(value))}"`)
    .join(' ');
}

function testcase(c: CriterionResult): string {
  const head = attributes({ classname: `driftwarden.maturity.level${c.level}`, name: c.id, time: 0 });
  const body = [
    c.title,
    c.evidence,
    `met when: ${c.threshold}`,
    ...(c.nextStep ? [`next step: ${c.nextStep}`] : []),
  ].join('\n');
  if (c.status === 'met')
    return `    <testcase ${head}>\n      <system-out>${escapeXmlText(body)}</system-out>\n    </testcase>`;
  if (c.status === 'not-assessed')
    return `    <testcase ${head}>\n      <skipped ${attributes({ message: `not assessed: ${c.evidence}` })}/>\n    </testcase>`;
  return `    <testcase ${head}>\n      <failure ${attributes({ message: `${c.title}: ${c.evidence}`, type: 'maturity' })}>${escapeXmlText(body)}</failure>\n    </testcase>`;
}

export function renderMaturityJunit(report: MaturityReport): string {
  const counts = countByStatus(report);
  const totals = {
    tests: report.criteria.length,
    failures: counts.unmet,
    errors: 0,
    skipped: counts['not-assessed'],
    time: 0,
  };
  const suite = attributes({ name: 'driftwarden.maturity', ...totals, timestamp: report.generatedAt });
  const properties = `    <properties>\n      <property ${attributes({ name: 'level', value: report.level })}/>\n      <property ${attributes({ name: 'window', value: report.window.text })}/>\n    </properties>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${attributes({ name: headline(report), ...totals })}>\n` +
    `  <testsuite ${suite}>\n${properties}\n${report.criteria.map(testcase).join('\n')}\n  </testsuite>\n</testsuites>\n`
  );
}
