import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ownFixture } from '../../../../test/support/paths.js';
import { attributionKey, identityAlternatives, matchRecords, mentionsOf, type AttributionTarget } from './match.js';
import { parseLogFile } from './records.js';
import { catalogueEntry } from '../catalogue/index.js';

const records = parseLogFile(readFileSync(ownFixture('cloudtrail/log-file.json'), 'utf8')).map((record) => ({
  record,
  source: 'trail-s3' as const,
}));
const PIPELINE = new Set(['arn:aws:iam::123456789012:role/cicd/ci-deploy']);
const options = {
  trailEvents: (type: string) => catalogueEntry(type)?.trailEvents ?? TRAIL_EVENTS_OF_OTHERS[type],
  pipelinePrincipals: PIPELINE,
};
// Types whose entries are not this module's; their trail events as the catalogue will carry them.
const TRAIL_EVENTS_OF_OTHERS: Record<string, string[]> = { aws_autoscaling_group: ['UpdateAutoScalingGroup'] };
const account = '123456789012';

const sg: AttributionTarget = { type: 'aws_security_group', id: 'sg-0a1b2c3d4e5f60718', account, region: 'eu-west-1' };
const versioning: AttributionTarget = {
  type: 'aws_s3_bucket_versioning',
  id: 'logs-euw1',
  account,
  region: 'eu-west-1',
};
const attachment: AttributionTarget = {
  type: 'aws_iam_role_policy_attachment',
  id: 'app/arn:aws:iam::123456789012:policy/read-buckets',
  account,
  region: 'global',
};
const role: AttributionTarget = { type: 'aws_iam_role', id: 'app', account, region: 'global' };
const asg: AttributionTarget = { type: 'aws_autoscaling_group', id: 'web-asg', account, region: 'eu-west-1' };

test('a console change (SSO session, AWS Internal, sessionCredentialFromConsole) is attributed as console, the read-only call after it ignored', () => {
  const result = matchRecords([sg], records, options);
  assert.deepEqual(result.get(attributionKey(sg)), {
    principal: 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/jane.doe@example.com',
    principalType: 'AssumedRole',
    time: '2024-05-14T10:05:33Z',
    sourceIp: '203.0.113.45',
    eventName: 'AuthorizeSecurityGroupIngress',
    userAgent: 'AWS Internal',
    via: 'console',
    eventId: '1c8a6c2f-9b35-4f9f-8b66-2e3d4c5b6a02',
    source: 'trail-s3',
  });
});

test('the latest successful event wins: the S3 console change after the pipeline one, the later AccessDenied ignored', () => {
  const got = matchRecords([versioning], records, options).get(attributionKey(versioning));
  assert.equal(got?.principal, 'arn:aws:iam::123456789012:user/bob');
  assert.equal(got?.time, '2024-05-14T11:21:09Z');
  assert.equal(got?.via, 'console', 'the S3 console user agent and console session credentials');
});

test('a pipeline principal is recognised through its assumed role (sessionIssuer with the role path)', () => {
  const result = matchRecords([attachment, role], records, options);
  assert.equal(result.get(attributionKey(attachment))?.via, 'pipeline');
  assert.equal(result.get(attributionKey(attachment))?.eventName, 'AttachRolePolicy');
  assert.equal(
    result.get(attributionKey(role))?.eventName,
    'AttachRolePolicy',
    'the role is changed by the attach as well',
  );
  // The same event without the role in the pipeline list is `other`.
  const notPipeline = matchRecords([attachment], records, { ...options, pipelinePrincipals: new Set<string>() });
  assert.equal(notPipeline.get(attributionKey(attachment))?.via, 'other');
});

test('a CLI change by an IAM user is `other`; matching uses requestParameters names (autoScalingGroupName)', () => {
  const got = matchRecords([asg], records, options).get(attributionKey(asg));
  assert.equal(got?.principal, 'arn:aws:iam::123456789012:user/carol');
  assert.equal(got?.principalType, 'IAMUser');
  assert.equal(got?.via, 'other');
});

test('no attribution across accounts, regions, unrelated resources or events the type does not list', () => {
  const otherAccount = { ...sg, account: '210987654321' };
  const otherRegion = { ...sg, region: 'us-west-2' };
  const otherGroup = { ...sg, id: 'sg-ffffffffffffffff0' };
  // A policy attached to `app` is not an attachment of another policy to `app`.
  const otherAttachment = { ...attachment, id: 'app/arn:aws:iam::123456789012:policy/other' };
  const result = matchRecords([otherAccount, otherRegion, otherGroup, otherAttachment], records, options);
  assert.equal(result.size, 0);
  // A bucket's tags type does not list PutBucketVersioning.
  assert.equal(matchRecords([{ ...versioning, type: 'aws_s3_bucket' }], records, options).size, 0);
});

test('identity alternatives name composite ids by their parts, and extra names come from attributes', () => {
  assert.deepEqual(identityAlternatives({ type: 'aws_iam_role_policy', id: 'app:inline' }), [['app', 'inline']]);
  assert.deepEqual(
    identityAlternatives({
      type: 'aws_db_instance',
      id: 'db-ABC',
      attributes: { identifier: 'orders', arn: 'arn:aws:rds:eu-west-1:1:db:orders' },
    }),
    [['db-ABC'], ['arn:aws:rds:eu-west-1:1:db:orders'], ['orders']],
  );
  const mentions = mentionsOf({
    resources: [{ ARN: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' }],
  });
  assert.ok(mentions.has('1234abcd-12ab-34cd-56ef-1234567890ab'), 'the key id inside an ARN is a mention');
});
