/**
 * JUnit XML, for the test reporters of Jenkins, GitLab and GitHub. The honest mapping:
 *   - one <testsuite> per environment that has findings; one failing <testcase> per finding
 *     (classname = resource type, name = address), the changes in the failure body;
 *   - one <testsuite name="driftwarden"> holding a passing testcase that counts the checked managed
 *     resources without drift, one skipped testcase per scope that could not be observed, and one
 *     per existence-only and not-covered type (those resources were not checked: neither passed
 *     nor failed).
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
  describeScopeWithNextStep,
  impactLabel,
  sortFindings,
} from '../values.js';
import { bucketLine, existenceLine, notCoveredLine, uncheckedLine, uncheckedNextStep } from '../accounting.js';

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

/** Checked managed resources with no finding against them; nothing unchecked or not covered counts as clean. */
function cleanManagedCount(result: ScanResult): number {
  const drifted = new Set(
    result.findings.filter((finding) => finding.kind !== 'unmanaged').map((finding) => finding.resource.address),
  );
  return Math.max(0, result.summary.checked - drifted.size);
}

function skippedCase(classname: string, name: string, message: string, addresses?: ReadonlyArray<string>): string {
  const out =
    addresses && addresses.length > 0 ? `\n      <system-out>${escapeXmlText(addresses.join('\n'))}</system-out>` : '';
  return (
    `    <testcase ${attributes({ classname, name, time: 0 })}>\n` +
    `      <skipped ${attributes({ message })}/>${out}\n` +
    '    </testcase>'
  );
}

/** Skipped cases: each failed scope (with its count and next step), existence-only and not-covered types. */
function accountingCases(result: ScanResult, verbose: boolean): string[] {
  const { accounting } = result;
  const byScope = new Map(accounting.unchecked.map((g) => [`${g.scope.type} ${g.scope.account} ${g.scope.region}`, g]));
  const cases = result.scan.incompleteScopes.map((scope) => {
    const name = `${scope.type} ${scope.account} ${scope.region}`;
    const group = byScope.get(name);
    const message = group
      ? `could not check: ${uncheckedLine(group)}; next step: ${uncheckedNextStep(group)}`
      : `could not check: ${describeScopeWithNextStep(scope)}`;
    return skippedCase('driftwarden.scope', name, message, verbose ? group?.addresses : undefined);
  });
  for (const group of accounting.existence)
    cases.push(
      skippedCase(
        'driftwarden.existence-only',
        `${group.provider} ${group.type}`,
        existenceLine(group),
        verbose ? group.addresses : undefined,
      ),
    );
  for (const group of accounting.notCovered)
    cases.push(
      skippedCase(
        'driftwarden.not-covered',
        `${group.provider} ${group.type} (${group.reason})`,
        `not covered: ${notCoveredLine(group)}`,
        verbose ? group.addresses : undefined,
      ),
    );
  return cases;
}

function scanSuite(result: ScanResult, timestamp: string, skipped: ReadonlyArray<string>): string {
  const clean = cleanManagedCount(result);
  const cases = [
    `    <testcase ${attributes({ classname: 'driftwarden', name: `${clean} managed resources without drift`, time: 0 })}>\n` +
      `      <system-out>${escapeXmlText(`${clean} of ${result.summary.checked} checked managed resources match their record; ${bucketLine(result.summary)}.`)}</system-out>\n` +
      '    </testcase>',
    ...skipped,
  ];
  const head = attributes({
    name: 'driftwarden',
    tests: cases.length,
    failures: 0,
    errors: 0,
    skipped: skipped.length,
    time: seconds(result.scan.startedAt, result.scan.finishedAt),
    timestamp,
  });
  return `  <testsuite ${head}>\n${cases.join('\n')}\n  </testsuite>`;
}

export interface JunitOptions {
  /** List the addresses of unchecked, existence-only and not-covered resources in each skipped case. */
  readonly verbose?: boolean;
}

export function renderJunit(result: ScanResult, options: JunitOptions = {}): string {
  const skipped = accountingCases(result, options.verbose === true);
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
    scanSuite(result, timestamp, skipped),
  ];
  const tests = result.findings.length + 1 + skipped.length;
  const head = attributes({
    name: `driftwarden ${result.scan.id}`,
    tests,
    failures: result.findings.length,
    errors: 0,
    skipped: skipped.length,
    time: seconds(result.scan.startedAt, result.scan.finishedAt),
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${head}>\n${suites.join('\n')}\n</testsuites>\n`;
}
