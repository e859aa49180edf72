/** JUnit XML: parsed back with fast-xml-parser, structure and escaping checked. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderJunit } from '../src/report/scan/junit.js';
import { HOSTILE_VALUE, sampleScanResult } from './support/sample-result.js';

type Node = Record<string, unknown>;

function parse(xml: string): Node {
  assert.equal(XMLValidator.validate(xml), true, 'well-formed XML');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    processEntities: true,
    htmlEntities: false,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => ['testsuite', 'testcase'].includes(name),
  });
  return parser.parse(xml) as Node;
}

function suites(xml: string): Node[] {
  return (parse(xml).testsuites as Node).testsuite as Node[];
}

test('one testsuite per environment with findings, plus the driftwarden suite; counts add up', () => {
  const xml = renderJunit(sampleScanResult());
  const root = parse(xml).testsuites as Node;
  // 7 findings, 1 clean case, 1 unchecked scope, 3 not-covered types (helm, kubernetes, time).
  assert.equal(root['@tests'], '12');
  assert.equal(root['@failures'], '7');
  assert.equal(root['@skipped'], '4');
  const names = suites(xml).map((suite) => suite['@name']);
  assert.deepEqual(names, ['development', 'production', 'shared', 'staging', 'driftwarden']);
  const production = suites(xml).find((suite) => suite['@name'] === 'production')!;
  assert.equal(production['@tests'], '3');
  assert.equal(production['@failures'], '3');
  assert.equal((production.testcase as Node[]).length, 3);
});

test('a failing testcase per finding: classname = type, name = address, failure type = kind with the changes', () => {
  const production = suites(renderJunit(sampleScanResult())).find((suite) => suite['@name'] === 'production')!;
  const ami = (production.testcase as Node[]).find((testcase) => testcase['@name'] === 'aws_instance.web[0]')!;
  assert.equal(ami['@classname'], 'aws_instance');
  const failure = ami.failure as Node;
  assert.equal(failure['@type'], 'configuration');
  assert.match(String(failure['@message']), /^\[critical\] Instance web\[0\] runs a different AMI/);
  assert.match(String(failure['#text']), /instance_type: t3\.micro -> t3\.large/);
  assert.match(String(failure['#text']), /next apply: replace \(ami\)/);
});

test('clean resources are one passing testcase; unchecked scopes and not-covered types are skipped testcases', () => {
  const scan = suites(renderJunit(sampleScanResult())).find((suite) => suite['@name'] === 'driftwarden')!;
  const cases = scan.testcase as Node[];
  // 122 checked - 6 distinct managed addresses with findings (the unmanaged one does not count)
  assert.equal(cases[0]!['@name'], '116 managed resources without drift');
  assert.equal(cases[0]!.failure, undefined);
  const unchecked = String((cases[1]!.skipped as Node)['@message']);
  assert.match(unchecked, /could not check: aws_iam_role 123456789012 us-east-1: 6 unchecked/);
  assert.match(unchecked, /next step: grant iam:ListRoles/);
  const notCovered = cases.filter((c) => c['@classname'] === 'driftwarden.not-covered');
  assert.deepEqual(
    notCovered.map((c) => [c['@name'], /: (\d+) not covered/.exec(String((c.skipped as Node)['@message']))?.[1]]),
    [
      ['helm helm_release (no-observer)', '3'],
      ['kubernetes kubernetes_namespace (no-observer)', '9'],
      ['time time_sleep (no-observer)', '2'],
    ],
  );
  assert.equal(notCovered[0]!['system-out'], undefined, 'addresses only with --verbose');
  const verbose = suites(renderJunit(sampleScanResult(), { verbose: true })).find((s) => s['@name'] === 'driftwarden')!;
  const k8s = (verbose.testcase as Node[]).find((c) => String(c['@name']).startsWith('kubernetes'))!;
  assert.match(String(k8s['system-out']), /kubernetes_namespace\.team\[0\]/);
});

test('special characters survive the round trip: < & quotes ]]> in text and attributes', () => {
  const hostileSummary = sampleScanResult().findings.map((finding) =>
    finding.id === 'f-web-ami' ? { ...finding, summary: `summary ${HOSTILE_VALUE}` } : finding,
  );
  const xml = renderJunit(sampleScanResult(hostileSummary));
  assert.ok(!xml.includes('<script>'), 'no raw markup from values');
  const production = suites(xml).find((suite) => suite['@name'] === 'production')!;
  const ami = (production.testcase as Node[]).find((testcase) => testcase['@name'] === 'aws_instance.web[0]')!;
  const failure = ami.failure as Node;
  assert.ok(String(failure['@message']).includes(HOSTILE_VALUE), 'attribute value intact');
  assert.ok(String(failure['#text']).includes(HOSTILE_VALUE), 'text content intact');
});

test('characters XML forbids are dropped instead of producing an unreadable file', () => {
  const withControl = sampleScanResult().findings.map((finding) =>
    finding.id === 'f-web-ami' ? { ...finding, summary: 'bell \u0007 and nul \u0000 here' } : finding,
  );
  const xml = renderJunit(sampleScanResult(withControl));
  assert.equal(XMLValidator.validate(xml), true);
  assert.match(xml, /bell {2}and nul {2}here/);
});
