import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REPORT_FORMATS, parseReportFormat, renderReport } from './index.js';
import { isDriftwardenError } from '../model/errors.js';
import { sampleFindings, sampleScanResult } from '../../test/support/sample-result.js';

test('every format renders the sample and names the critical finding', () => {
  for (const format of REPORT_FORMATS) {
    const output = renderReport(sampleScanResult(), format, { width: 160 });
    assert.ok(output.includes('module.net.aws_security_group.bastion'), format);
  }
});

test('no format leaks a value under a sensitive change, even one the engine failed to redact', () => {
  const leaky = sampleFindings.map((finding) =>
    finding.id === 'f-db-password'
      ? {
          ...finding,
          changes: [{ path: 'password', recorded: 'hunter2-recorded', observed: 'hunter2-observed', sensitive: true }],
        }
      : finding,
  );
  for (const format of REPORT_FORMATS) {
    const output = renderReport(sampleScanResult(leaky), format, { verbose: true });
    assert.doesNotMatch(output, /hunter2/, format);
    assert.match(output, /\(sensitive\)/, format);
  }
});

test('every format says who made a change (principal, time, source IP, event) and which attribution source was unavailable', () => {
  for (const format of REPORT_FORMATS) {
    const output = renderReport(sampleScanResult(), format);
    for (const part of [
      'arn:aws:iam::123456789012:user/alice',
      '2026-11-24T02:13:44Z',
      '203.0.113.9',
      'AuthorizeSecurityGroupIngress',
    ]) {
      assert.ok(output.includes(part), `${format} shows ${part}`);
    }
    assert.match(output, /console/, `${format} marks ClickOps`);
    if (format === 'json')
      assert.match(output, /"source": "lookup-events",\s*"where": "eu-west-1",\s*"available": false/);
    else if (format !== 'junit')
      assert.match(output, /lookup-events \(eu-west-1\) unavailable/, `${format} notes the unavailable source`);
  }
});

test('parseReportFormat accepts known names and explains unknown ones', () => {
  assert.equal(parseReportFormat('sarif'), 'sarif');
  assert.throws(
    () => parseReportFormat('pdf', { key: 'report.format' }),
    (err: unknown) =>
      isDriftwardenError(err) &&
      err.code === 'usage' &&
      /table, json, sarif, junit, markdown, html/.test(err.details.nextStep ?? ''),
  );
});
