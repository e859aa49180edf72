import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { dayPrefix, daysBack, logFileKey, parseLogFile, readLogFile } from './records.js';

test('log file keys and day prefixes follow the trail layout', () => {
  const delivered = new Date('2024-05-04T09:05:00Z');
  assert.equal(
    logFileKey('123456789012', 'eu-west-1', delivered, 'AbCdEf0123456789'),
    'AWSLogs/123456789012/CloudTrail/eu-west-1/2024/05/04/123456789012_CloudTrail_eu-west-1_20240504T0905Z_AbCdEf0123456789.json.gz',
  );
  assert.equal(
    dayPrefix('123456789012', 'us-east-1', delivered, 'org-trail/'),
    'org-trail/AWSLogs/123456789012/CloudTrail/us-east-1/2024/05/04/',
  );
});

test('daysBack gives whole UTC days, oldest first, today included, across a month boundary', () => {
  const days = daysBack(new Date('2024-03-01T00:30:00Z'), 3).map((d) => d.toISOString().slice(0, 10));
  assert.deepEqual(days, ['2024-02-28', '2024-02-29', '2024-03-01']);
  assert.equal(daysBack(new Date('2024-03-01T00:30:00Z'), 0).length, 1);
});

test('a gzipped delivery is read back to its records; a body without Records has none', async () => {
  const body = { Records: [{ eventName: 'CreateBucket', eventTime: '2024-05-04T09:00:00Z' }] };
  assert.deepEqual(await readLogFile(gzipSync(JSON.stringify(body))), body.Records);
  assert.deepEqual(parseLogFile('{}'), []);
});
