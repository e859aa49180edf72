import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOperations, median, renderReport, type SizeResult } from './aws-report.js';

const result = (size: number, scanCalls: Record<string, number>, bareCalls: Record<string, number>): SizeResult => ({
  size,
  observed: size,
  incompleteScopes: 0,
  scanMs: [30, 10, 20],
  bareMs: [10, 10, 10],
  scanCpuMs: [5, 6, 7],
  bareCpuMs: [4, 4, 4],
  scanCalls,
  bareCalls,
});

test('median: middle value, mean of the two middle values for an even count', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test('checkOperations: constant, pagination, known per-resource reads and flagged growth', () => {
  const checks = checkOperations(
    [
      result(
        1000,
        {
          'ec2:DescribeVpcs': 1,
          'ec2:DescribeVolumes': 1,
          's3:GetBucketPolicy': 12,
          'ec2:DescribeInstanceAttribute': 120,
        },
        { 'ec2:DescribeVpcs': 1, 'ec2:DescribeVolumes': 1, 's3:GetBucketPolicy': 12 },
      ),
      result(
        5000,
        {
          'ec2:DescribeVpcs': 1,
          'ec2:DescribeVolumes': 2,
          's3:GetBucketPolicy': 60,
          'ec2:DescribeInstanceAttribute': 600,
        },
        { 'ec2:DescribeVpcs': 1, 'ec2:DescribeVolumes': 2, 's3:GetBucketPolicy': 60 },
      ),
    ],
    { 's3:GetBucketPolicy': 'no bulk read' },
  );
  const verdict = Object.fromEntries(checks.map((c) => [c.operation, c.verdict]));
  assert.deepEqual(verdict, {
    'ec2:DescribeInstanceAttribute': 'FLAG',
    'ec2:DescribeVolumes': 'pages',
    'ec2:DescribeVpcs': 'constant',
    's3:GetBucketPolicy': 'per-resource (no bulk API)',
  });
});

test('checkOperations: a scan calling a bulk listing more often than the bare listing is flagged even when constant', () => {
  const checks = checkOperations(
    [
      result(1000, { 'ec2:DescribeVpcs': 2 }, { 'ec2:DescribeVpcs': 1 }),
      result(5000, { 'ec2:DescribeVpcs': 2 }, { 'ec2:DescribeVpcs': 1 }),
    ],
    {},
  );
  assert.equal(checks[0]?.verdict, 'FLAG');
  assert.match(checks[0]?.why ?? '', /scan makes 2 calls, the bare listing 1/);
});

test('renderReport: one row per size with the ratio, marked when over target, and the flagged operations named', () => {
  const results = [result(1000, { 'ec2:DescribeVpcs': 1 }, { 'ec2:DescribeVpcs': 1 })];
  const text = renderReport(results, checkOperations(results, {}), 1.2);
  assert.match(text, /\| 1,000 \| 1,000 \| 0 \| 3 \| 20 \| 10 \| 2\.00x \(over target\) \| 6 \| 4 \|/);
  assert.match(text, /no per-resource operation for any bulk-listable type/);
  const flagged = [result(1000, { x: 1 }, {}), result(5000, { x: 5 }, {})];
  assert.match(renderReport(flagged, checkOperations(flagged, {}), 1.2), /FLAGGED x\./);
});
