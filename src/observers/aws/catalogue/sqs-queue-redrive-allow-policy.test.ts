import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { sqsQueueRedriveAllowPolicy as entry } from './sqs-queue-redrive-allow-policy.js';

const observedItems = trackObservations(entry);
const scope = { account: '123456789012', region: 'eu-west-1' };
const URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs-dlq';
const ALLOW = '{"redrivePermission":"byQueue","sourceQueueArns":["arn:aws:sqs:eu-west-1:123456789012:jobs"]}';

// Recorded: GetQueueAttributes (All) of a dead-letter queue on AWS, as the SDK returns it. The
// emulator does not return RedriveAllowPolicy, so this type is tested only with recorded responses.
const RECORDED = {
  QueueArn: 'arn:aws:sqs:eu-west-1:123456789012:jobs-dlq',
  RedriveAllowPolicy: ALLOW,
  VisibilityTimeout: '30',
  SqsManagedSseEnabled: 'true',
};

test('aws_sqs_queue_redrive_allow_policy: the queue URL and its RedriveAllowPolicy as JSON, a policy type', () => {
  assert.deepEqual(entry.observe({ url: URL, attributes: RECORDED }, scope), {
    id: URL,
    attributes: { id: URL, queue_url: URL, redrive_allow_policy: ALLOW },
  });
  assert.equal(entry.policyType, true);
  assert.deepEqual(entry.policy, ['redrive_allow_policy']);
  assert.match(entry.limitations ?? '', /recorded responses/);
});

test('aws_sqs_queue_redrive_allow_policy prune empties the attribute (as the provider delete does)', () => {
  const finding = {
    resource: { type: entry.type, id: URL, region: 'eu-west-1', address: 'x.y' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const prune = entry.prune!.plan(finding, ctx);
  assert.ok('calls' in prune);
  assert.deepEqual(prune.calls[0]?.input, { QueueUrl: URL, Attributes: { RedriveAllowPolicy: '' } });
});

test('every provider attribute of aws_sqs_queue_redrive_allow_policy is observed by these fixtures or declared with a reason', () => {
  assertAccounted(entry, observedItems);
});
