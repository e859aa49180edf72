/**
 * JUnit XML for version drift: one <testsuite> per item category with one testcase per matrix row
 * (failing when the row has a finding, the values per environment in the body), and one
 * "driftwarden.assessment" suite where each thing that could not be assessed is a skipped
 * testcase (an error for an environment path that does not exist): unknown is neither pass nor fail.
 */
import { ITEM_CATEGORIES, type VersionItem, type VersionReport } from '../../model/versions.js';
import { escapeXmlAttribute, escapeXmlText } from '../scan/junit.js';
import { cellText, describeGap, findingOf, findingsByItem, rowShowsSource } from './shared.js';

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}="${escapeXmlAttribute(String(value))}"`)
    .join(' ');
}

function values(report: VersionReport, item: VersionItem): string {
  const withSource = rowShowsSource(item);
  return report.environments.map((env) => `${env.name}: ${cellText(item.cells[env.name], withSource)}`).join('\n');
}

export function renderVersionsJunit(report: VersionReport): string {
  const byItem = findingsByItem(report);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const category of ITEM_CATEGORIES) {
    const items = report.items.filter((item) => item.category === category);
    if (items.length === 0) continue;
    const cases = items.map((item) => {
      const finding = findingOf(item, byItem);
      const head = attributes({ classname: `versions.${category}`, name: item.address, time: 0 });
      if (!finding)
        return `    <testcase ${head}>\n      <system-out>${escapeXmlText(values(report, item))}</system-out>\n    </testcase>`;
      const body = [
        finding.summary,
        `severity: ${finding.severity}`,
        ...finding.reasons.map((r) => `why: ${r}`),
        values(report, item),
      ].join('\n');
      const failure = attributes({ message: `[${finding.severity}] ${finding.summary}`, type: 'version' });
      return `    <testcase ${head}>\n      <failure ${failure}>${escapeXmlText(body)}</failure>\n    </testcase>`;
    });
    const failed = items.filter((item) => findingOf(item, byItem)).length;
    tests += items.length;
    failures += failed;
    suites.push(
      `  <testsuite ${attributes({ name: `versions.${category}`, tests: items.length, failures: failed, errors: 0, skipped: 0, time: 0, timestamp: report.generatedAt })}>\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const gapCases = report.gaps.map((gap) => {
    const head = attributes({
      classname: `driftwarden.assessment.${gap.scope}`,
      name: `${gap.environment} ${gap.file ?? gap.scope}`,
      time: 0,
    });
    const inner = gap.fatal
      ? `<error ${attributes({ message: describeGap(gap, false), type: gap.scope })}>${escapeXmlText(describeGap(gap))}</error>`
      : `<skipped ${attributes({ message: `not assessed: ${describeGap(gap)}` })}/>`;
    return `    <testcase ${head}>\n      ${inner}\n    </testcase>`;
  });
  const errors = report.gaps.filter((gap) => gap.fatal).length;
  const skipped = report.gaps.length - errors;
  if (gapCases.length > 0) {
    suites.push(
      `  <testsuite ${attributes({ name: 'driftwarden.assessment', tests: gapCases.length, failures: 0, errors, skipped, time: 0, timestamp: report.generatedAt })}>\n${gapCases.join('\n')}\n  </testsuite>`,
    );
  }
  const head = attributes({
    name: 'driftwarden versions',
    tests: tests + gapCases.length,
    failures,
    errors,
    skipped,
    time: 0,
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${head}>\n${suites.join('\n')}\n</testsuites>\n`;
}
