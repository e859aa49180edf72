import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTable } from './table.js';
import { sampleFindings, sampleScanResult } from '../../../test/support/sample-result.js';
import type { ScanResult } from '../../model/scan-result.js';

const ESC = '\u001b[';

test('plain text without colour: header names every incomplete scope and its reason', () => {
  const output = renderTable(sampleScanResult());
  assert.ok(!output.includes(ESC), 'no ANSI escapes when color is off');
  assert.match(output, /Scan INCOMPLETE: 1 scope could not be checked/);
  assert.match(output, /aws_iam_role 123456789012 us-east-1: access denied for iam:ListRoles/);
});

test('colour only when asked', () => {
  assert.ok(renderTable(sampleScanResult(), { color: true }).includes(ESC));
});

test('a complete scan says so', () => {
  const result: ScanResult = {
    ...sampleScanResult(),
    scan: { ...sampleScanResult().scan, complete: true, incompleteScopes: [] },
  };
  const output = renderTable(result);
  assert.match(output, /Scan complete/);
  assert.doesNotMatch(output, /INCOMPLETE/);
});

test('summary counts, findings grouped critical first, changes, impact and NEW', () => {
  const output = renderTable(sampleScanResult(), { width: 160 });
  assert.match(output, /142/);
  assert.match(output, /85\.9%/, 'coverage: 122 of 142 compared');
  const critical = output.indexOf('CRITICAL (2)');
  const high = output.indexOf('HIGH (2)');
  const low = output.indexOf('LOW (1)');
  assert.ok(critical >= 0 && critical < high && high < low, 'severity groups in order');
  assert.match(output, /instance_type: t3\.micro -> t3\.large/);
  assert.match(output, /replace \(ami\)/);
  assert.match(output, /password: \(sensitive\) -> \(sensitive\)/);
  const sshLine = output.split('\n').find((line) => line.includes('module.net.aws_security_group.bastion'));
  assert.ok(sshLine?.includes('NEW'), 'the new finding is marked NEW');
  const amiLine = output.split('\n').find((line) => line.includes('aws_instance.web[0]'));
  assert.ok(amiLine && !amiLine.includes('NEW'), 'an old finding is not marked NEW');
  assert.match(output, /Resolved since the last scan \(2\)/);
  assert.match(output, /aws_s3_bucket_acl\.logs \(policy\)/);
});

test('long JSON values are shortened', () => {
  const output = renderTable(sampleScanResult());
  assert.doesNotMatch(output, /arn:aws:s3:::app-assets/);
  assert.match(output, /policy: \{"Version"/);
});

test('verbose lists suppressions that fired and API call counts; default does not', () => {
  const quiet = renderTable(sampleScanResult());
  assert.doesNotMatch(quiet, /Suppressions/);
  const verbose = renderTable(sampleScanResult(), { verbose: true });
  assert.match(verbose, /Suppressions that fired \(2\)/);
  assert.match(verbose, /tags\.LastPatched: ignore:tags\.LastPatched \(patching job writes it\)/);
  assert.match(verbose, /API calls \(9\)/);
  assert.match(verbose, /ec2:DescribeInstances\s+4/);
});

test('control characters in values cannot reach the terminal', () => {
  const hostile = sampleFindings.map((finding, index) =>
    index === 0 ? { ...finding, resource: { ...finding.resource, address: 'aws_instance.x\u001b[2J\u0007' } } : finding,
  );
  const output = renderTable(sampleScanResult(hostile), { width: 160 });
  assert.ok(!output.includes('\u001b[2J') && !output.includes('\u0007'));
  // Shown as visible escapes, not dropped: the reader sees that the address holds an ESC and a BEL.
  assert.ok(output.includes('aws_instance.x\\x1b[2J\\x07'), output);
});

test('no findings: says no drift only of what was checked, and never of an incomplete scan', () => {
  assert.match(renderTable(sampleScanResult([])), /No drift found in what could be observed; the scan is INCOMPLETE/);
  const complete = {
    ...sampleScanResult([]),
    scan: { ...sampleScanResult([]).scan, complete: true, incompleteScopes: [] },
  };
  assert.match(renderTable(complete), /No drift found in the 122 checked resource\(s\)\./);
});

test('not-covered types by provider with counts, unchecked scopes with the next step; --verbose lists addresses', () => {
  const output = renderTable(sampleScanResult());
  assert.match(output, /Not covered \(14\)/);
  assert.match(output, /kubernetes: 9\n\s+kubernetes_namespace \(kubernetes\): 9 not covered, no observer/);
  assert.match(output, /time_sleep \(time\): 2 not covered/);
  assert.match(output, /Unchecked \(6\)/);
  assert.match(output, /next step: grant iam:ListRoles/);
  assert.doesNotMatch(output, /kubernetes_namespace\.team\[3\]/);
  const verbose = renderTable(sampleScanResult(), { verbose: true });
  assert.match(verbose, /kubernetes_namespace\.team\[3\]/);
  assert.match(verbose, /aws_iam_role\.service\[5\]/);
});

/** Every line of the output fits `width` columns (the box characters are one column each). */
function assertFits(output: string, width: number): void {
  for (const line of output.split('\n')) assert.ok(line.length <= width, `${line.length} > ${width}: ${line}`);
}

test('80 columns: the table fits and the critical security-group row shows 0.0.0.0/0 whole', () => {
  const output = renderTable(sampleScanResult(), { width: 80 });
  const critical = output.slice(output.indexOf('CRITICAL'), output.indexOf('HIGH ('));
  for (const line of critical.split('\n').filter((l) => l.startsWith('┌') || l.startsWith('│'))) {
    assert.equal(line.length, 80, line);
  }
  assertFits(critical, 80);
  assert.match(critical, /0\.0\.0\.0\/0/);
  assert.match(critical, /module\.net\./);
  assert.doesNotMatch(critical, /why critical/, 'the reason is a --verbose line');
  const verbose = renderTable(sampleScanResult(), { width: 80, verbose: true });
  assert.match(verbose, /why critical: /);
  assertFits(verbose.slice(verbose.indexOf('CRITICAL'), verbose.indexOf('Suppressions')), 80);
});

test('160 columns: the table uses the width, the address and NEW on one line', () => {
  const output = renderTable(sampleScanResult(), { width: 160 });
  const critical = output.slice(output.indexOf('CRITICAL'), output.indexOf('HIGH ('));
  const rows = critical.split('\n').filter((l) => l.startsWith('┌'));
  assert.ok(rows.every((line) => line.length === 160));
  assert.ok(critical.split('\n').some((l) => l.includes('module.net.aws_security_group.bastion') && l.includes('NEW')));
  assert.match(critical, /0\.0\.0\.0\/0/);
  assertFits(output.slice(output.indexOf('CRITICAL')), 160);
});

test('the header fits 80 columns with the whole scan id (the time to the second), complete or not', () => {
  const result = sampleScanResult();
  const scan = { ...result.scan, id: '7099887a-824f-4633-a003-d0d33922ebcd', finishedAt: '2026-12-02T13:10:14.341Z' };
  for (const complete of [true, false]) {
    const one = { ...scan, complete, incompleteScopes: complete ? [] : scan.incompleteScopes };
    const header = renderTable({ ...result, scan: one }, { width: 80 })
      .split('\n')
      .slice(0, complete ? 1 : 2);
    for (const line of header) assert.ok(line.length <= 80, `${line.length}: ${line}`);
    assert.match(header.join('\n'), /2026-12-02T13:10:14Z \(scan 7099887a-824f-4633-a003-d0d33922ebcd\)/);
  }
});
