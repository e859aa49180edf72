/**
 * JUnit XML, for the test reporters of Jenkins, GitLab and GitHub. The honest mapping:
 *   - one <testsuite> per environment that has findings; one failing <testcase> per finding
 *     (classname = resource type, name = address), the changes in the failure body;
 *   - one <testsuite name="driftwarden"> holding a passing testcase that counts the managed
 *     resources without drift, and one skipped testcase per scope that could not be observed
 *     (those resources were not checked: neither passed nor failed).
 * Everything is escaped as XML text or attribute (no CDATA, so `]]>` in a value is harmless), and
 * characters XML 1.0 forbids are dropped.
 */
import type { Finding } from '../../model/finding.js';
import type { ScanResult } from '../../model/scan-result.js';
import {
  attributionLabel,
  blastRadiusFactorLines,
  blastRadiusLabel,
  cascadeLines,
  describeChange,
  describeScope,
  impactLabel,
  sortFindings,
} from '../values.js';

/** Characters outside the XML 1.0 Char production cannot appear even escaped. */
function dropInvalidXmlChars(text: string): string {
  // eslint-disable-next-line no-control-regex -- the XML Char production is written in control characters
  return text.replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '');
}

export function escapeXmlText(text: string): string {
  return dropInvalidXmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}="${escapeXmlAttribute(String(value))}"`)
    .join(' ');
}

function seconds(startedAt: string, finishedAt: string): string {
  const elapsed = (Date.parse(finishedAt) - Date.parse(startedAt)) / 1000;
  return Number.isFinite(elapsed) && elapsed >= 0 ? elapsed.toFixed(3) : '0';
}

function failureBody(finding: Finding): string {
  const lines = [
    finding.summary,
    `severity: ${finding.severity}`,
    `resource id: ${finding.resource.id ?? '(unknown)'}`,
  ];
  for (const change of finding.changes) lines.push(describeChange(change, 500));
  const impact = impactLabel(finding.impact);
  if (impact) lines.push(`next apply: ${impact}`);
  for (const line of cascadeLines(finding.impact)) lines.push(`  cascade: ${line}`);
  if (finding.blastRadius) {
    lines.push(`blast radius: ${blastRadiusLabel(finding.blastRadius)}`);
    for (const line of blastRadiusFactorLines(finding.blastRadius)) lines.push(`  ${line}`);
  }
  if (finding.attribution) lines.push(`changed by: ${attributionLabel(finding.attribution)}`);
  if (finding.reasons.length > 0) lines.push(`why ${finding.severity}: ${finding.reasons.join('; ')}`);
  return lines.join('\n');
}

function findingCase(finding: Finding): string {
  const head = attributes({ classname: finding.resource.type, name: finding.resource.address, time: 0 });
  const failure = attributes({ message: `[${finding.severity}] ${finding.summary}`, type: finding.kind });
  return `    <testcase ${head}>\n      <failure ${failure}>${escapeXmlText(failureBody(finding))}</failure>\n    </testcase>`;
}

function environmentSuite(environment: string, findings: ReadonlyArray<Finding>, timestamp: string): string {
  const head = attributes({
    name: environment,
    tests: findings.length,
    failures: findings.length,
    errors: 0,
    skipped: 0,
    time: 0,
    timestamp,
  });
  return `  <testsuite ${head}>\n${findings.map(findingCase).join('\n')}\n  </testsuite>`;
}

/** Managed resources with no finding against them; unchecked ones are not counted as clean. */
function cleanManagedCount(result: ScanResult): number {
  const drifted = new Set(
    result.findings.filter((finding) => finding.kind !== 'unmanaged').map((finding) => finding.resource.address),
  );
  return Math.max(0, result.summary.managed - drifted.size - result.summary.unchecked);
}

function scanSuite(result: ScanResult, timestamp: string): string {
  const scopes = result.scan.incompleteScopes;
  const clean = cleanManagedCount(result);
  const cases = [
    `    <testcase ${attributes({ classname: 'driftwarden', name: `${clean} managed resources without drift`, time: 0 })}>\n` +
      `      <system-out>${escapeXmlText(`${clean} of ${result.summary.managed} managed resources match their record.`)}</system-out>\n` +
      '    </testcase>',
    ...scopes.map(
      (scope) =>
        `    <testcase ${attributes({ classname: 'driftwarden.scope', name: `${scope.type} ${scope.account} ${scope.region}`, time: 0 })}>\n` +
        `      <skipped ${attributes({ message: `could not check: ${describeScope(scope)}` })}/>\n` +
        '    </testcase>',
    ),
  ];
  const head = attributes({
    name: 'driftwarden',
    tests: cases.length,
    failures: 0,
    errors: 0,
    skipped: scopes.length,
    time: seconds(result.scan.startedAt, result.scan.finishedAt),
    timestamp,
  });
  return `  <testsuite ${head}>\n${cases.join('\n')}\n  </testsuite>`;
}

export function renderJunit(result: ScanResult): string {
  const timestamp = result.scan.startedAt;
  const byEnvironment = new Map<string, Finding[]>();
  for (const finding of sortFindings(result.findings)) {
    const group = byEnvironment.get(finding.environment) ?? [];
    group.push(finding);
    byEnvironment.set(finding.environment, group);
  }
  const environments = [...byEnvironment.keys()].sort();
  const suites = [
    ...environments.map((environment) =>
      environmentSuite(environment, byEnvironment.get(environment) ?? [], timestamp),
    ),
    scanSuite(result, timestamp),
  ];
  const tests = result.findings.length + 1 + result.scan.incompleteScopes.length;
  const head = attributes({
    name: `driftwarden ${result.scan.id}`,
    tests,
    failures: result.findings.length,
    errors: 0,
    skipped: result.scan.incompleteScopes.length,
    time: seconds(result.scan.startedAt, result.scan.finishedAt),
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${head}>\n${suites.join('\n')}\n</testsuites>\n`;
}
