import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ApiCallCounter, AwsClientFactory, credentialsFor } from '../src/observers/aws/client.js';
import {
  attribute,
  attributionKey,
  logFileKey,
  parseLogFile,
  type CloudTrailRecord,
} from '../src/observers/aws/attribution/index.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { ownFixture } from './support/paths.js';
import { useMoto } from './aws-support.js';

const env = useMoto();
const s3 = () => new S3Client(env.moto.clientConfig('eu-west-1'));
const TRAIL_BUCKET = 'org-cloudtrail-logs';
const NOW = new Date();
const DAY = 86_400_000;

const FIXTURE_EVENTS = {
  attachByPipeline: '0b7f5b1e-8a24-4e8e-9a55-1d2c3b4a5f01',
  versioningByPipeline: '3e0c8e4b-1d57-4b1b-8d88-4a5f6e7d8c04',
  versioningInConsole: '4f1d9f5c-2e68-4c2c-9e99-5b6a7f8e9d05',
};

/** A record of the fixture file (by eventID), re-dated for this run. */
function fixtureRecord(eventId: string, changes: Partial<CloudTrailRecord>): CloudTrailRecord {
  const records = parseLogFile(readFileSync(ownFixture('cloudtrail/log-file.json'), 'utf8'));
  const found = records.find((r) => r.eventID === eventId);
  assert.ok(found, `fixture has ${eventId}`);
  return { ...found, ...changes };
}

async function deliver(region: string, delivered: Date, records: CloudTrailRecord[]): Promise<string> {
  const key = logFileKey(MOTO_ACCOUNT, region, delivered, `${delivered.getTime().toString(36)}AbCd`, 'trail');
  await s3().send(
    new PutObjectCommand({ Bucket: TRAIL_BUCKET, Key: key, Body: gzipSync(JSON.stringify({ Records: records })) }),
  );
  return key;
}

function factory(counter = new ApiCallCounter()): AwsClientFactory {
  return new AwsClientFactory(credentialsFor({}, { counter }), { counter, maxAttempts: 1 });
}

test('attribution from trail log files in S3: a hand-made versioning change is attributed to the console user, the pipeline change to the pipeline', async () => {
  await s3().send(
    new CreateBucketCommand({ Bucket: TRAIL_BUCKET, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }),
  );
  await s3().send(
    new CreateBucketCommand({ Bucket: 'logs-euw1', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }),
  );
  // The pipeline enabled versioning yesterday; a person suspended it in the console today.
  await s3().send(
    new PutBucketVersioningCommand({ Bucket: 'logs-euw1', VersioningConfiguration: { Status: 'Enabled' } }),
  );
  await s3().send(
    new PutBucketVersioningCommand({ Bucket: 'logs-euw1', VersioningConfiguration: { Status: 'Suspended' } }),
  );

  const yesterday = new Date(NOW.getTime() - DAY);
  const consoleTime = new Date(NOW.getTime() - 60_000);
  await deliver('eu-west-1', yesterday, [
    fixtureRecord(FIXTURE_EVENTS.versioningByPipeline, { eventTime: yesterday.toISOString().replace(/\.\d+Z$/, 'Z') }),
  ]);
  const consoleRecord = fixtureRecord(FIXTURE_EVENTS.versioningInConsole, {
    eventTime: consoleTime.toISOString().replace(/\.\d+Z$/, 'Z'),
  });
  assert.equal(consoleRecord.userIdentity?.arn, 'arn:aws:iam::123456789012:user/bob');
  await deliver('eu-west-1', consoleTime, [consoleRecord]);
  // Outside the two-day window: never read, although it is the newest-looking change to the bucket.
  const old = new Date(NOW.getTime() - 5 * DAY);
  await deliver('eu-west-1', old, [
    fixtureRecord(FIXTURE_EVENTS.versioningInConsole, {
      eventTime: new Date(NOW.getTime() + DAY).toISOString(),
      userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/stale' },
    }),
  ]);
  // IAM events are recorded in us-east-1.
  await deliver('us-east-1', NOW, [fixtureRecord(FIXTURE_EVENTS.attachByPipeline, { eventTime: NOW.toISOString() })]);

  const counter = new ApiCallCounter();
  const clients = factory(counter);
  const versioning = { type: 'aws_s3_bucket_versioning', id: 'logs-euw1', account: MOTO_ACCOUNT, region: 'eu-west-1' };
  const attachment = {
    type: 'aws_iam_role_policy_attachment',
    id: 'app/arn:aws:iam::123456789012:policy/read-buckets',
    account: MOTO_ACCOUNT,
    region: 'global',
  };
  const unknownBucket = {
    type: 'aws_s3_bucket_versioning',
    id: 'nobody-touched-this',
    account: MOTO_ACCOUNT,
    region: 'eu-west-1',
  };
  try {
    const { attributions, sources } = await attribute([versioning, attachment, unknownBucket], {
      clients,
      trailBucket: TRAIL_BUCKET,
      trailPrefix: 'trail',
      trailBucketRegion: 'eu-west-1',
      days: 2,
      pipelinePrincipals: ['arn:aws:iam::123456789012:role/cicd/ci-deploy'],
      now: NOW,
    });

    const byConsole = attributions.get(attributionKey(versioning));
    assert.equal(byConsole?.principal, 'arn:aws:iam::123456789012:user/bob');
    assert.equal(byConsole?.via, 'console');
    assert.equal(byConsole?.eventName, 'PutBucketVersioning');
    assert.equal(byConsole?.sourceIp, '198.51.100.7');
    assert.equal(byConsole?.source, 'trail-s3');
    assert.equal(attributions.get(attributionKey(attachment))?.via, 'pipeline');
    assert.equal(attributions.has(attributionKey(unknownBucket)), false);

    const trail = sources.find((s) => s.source === 'trail-s3');
    assert.deepEqual(
      [trail?.available, trail?.records],
      [true, 3],
      'the two days of both regions were read, the older file was not',
    );
    // Two regions (eu-west-1, us-east-1) x two days: one listing per day prefix.
    assert.equal(counter.get('s3:ListObjectsV2'), 4);

    // The emulator does not implement LookupEvents: reported as data, per region, never thrown.
    const lookups = sources.filter((s) => s.source === 'lookup-events');
    assert.deepEqual(lookups.map((s) => s.where).sort(), ['eu-west-1', 'us-east-1']);
    for (const status of lookups) {
      assert.equal(status.available, false);
      assert.equal(status.code, 'unsupported');
      assert.match(status.reason ?? '', /LookupEvents/);
    }
  } finally {
    clients.destroy();
  }
});

test('a missing trail bucket makes the S3 source unavailable, not an error', async () => {
  const clients = factory();
  try {
    const { attributions, sources } = await attribute(
      [{ type: 'aws_s3_bucket', id: 'x', account: MOTO_ACCOUNT, region: 'eu-west-1' }],
      {
        clients,
        trailBucket: 'no-such-trail-bucket',
        days: 1,
        pipelinePrincipals: [],
        lookupEvents: false,
      },
    );
    assert.equal(attributions.size, 0);
    assert.equal(sources.length, 1);
    assert.equal(sources[0]?.available, false);
    assert.match(sources[0]?.reason ?? '', /NoSuchBucket/);
  } finally {
    clients.destroy();
  }
});
