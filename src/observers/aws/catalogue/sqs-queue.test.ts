import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { queueNameOfUrl, sqsQueue } from './sqs-queue.js';

const observedItems = trackObservations(sqsQueue);
const scope = { account: '123456789012', region: 'eu-west-1' };
const URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs';
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_sqs_queue maps GetQueueAttributes as the provider reads it: numbers and booleans parsed, the name from the URL', () => {
  const o = sqsQueue.observe(
    {
      url: URL,
      attributes: {
        QueueArn: 'arn:aws:sqs:eu-west-1:123456789012:jobs',
        DelaySeconds: '5',
        MaximumMessageSize: '262144',
        MessageRetentionPeriod: '345600',
        ReceiveMessageWaitTimeSeconds: '0',
        VisibilityTimeout: '30',
        SqsManagedSseEnabled: 'true',
        RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:123456789012:dlq","maxReceiveCount":3}',
        Policy: '{"Version":"2012-10-17","Statement":[]}',
      },
    },
    scope,
  );
  assert.equal(o.id, URL);
  assert.deepEqual(o.attributes, {
    id: URL,
    url: URL,
    name: 'jobs',
    arn: 'arn:aws:sqs:eu-west-1:123456789012:jobs',
    content_based_deduplication: false,
    deduplication_scope: '',
    delay_seconds: 5,
    fifo_queue: false,
    fifo_throughput_limit: '',
    kms_data_key_reuse_period_seconds: 0,
    kms_master_key_id: '',
    max_message_size: 262144,
    message_retention_seconds: 345600,
    policy: '{"Version":"2012-10-17","Statement":[]}',
    receive_wait_time_seconds: 0,
    redrive_allow_policy: '',
    redrive_policy: '{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:123456789012:dlq","maxReceiveCount":3}',
    sqs_managed_sse_enabled: true,
    visibility_timeout_seconds: 30,
  });
});

test('a FIFO queue: the attributes AWS returns only for FIFO queues are read, absent ones are the zero value', () => {
  const o = sqsQueue.observe(
    {
      url: `${URL}.fifo`,
      attributes: {
        FifoQueue: 'true',
        ContentBasedDeduplication: 'true',
        DeduplicationScope: 'messageGroup',
        FifoThroughputLimit: 'perMessageGroupId',
      },
    },
    scope,
  );
  assert.equal(o.attributes['name'], 'jobs.fifo');
  assert.equal(o.attributes['fifo_queue'], true);
  assert.equal(o.attributes['content_based_deduplication'], true);
  assert.equal(o.attributes['deduplication_scope'], 'messageGroup');
  assert.equal(o.attributes['fifo_throughput_limit'], 'perMessageGroupId');
  assert.equal(o.attributes['arn'], '');
  assert.equal(queueNameOfUrl('http://localhost:5000/123456789012/q'), 'q');
});

test('aws_sqs_queue revert sets the recorded numbers back in one SetQueueAttributes; prune deletes the queue', () => {
  const finding = {
    resource: { type: 'aws_sqs_queue', id: URL, region: 'eu-west-1', address: 'aws_sqs_queue.jobs' },
    kind: 'configuration',
    changes: [
      { path: 'visibility_timeout_seconds', recorded: 30, observed: 600, sensitive: false },
      { path: 'delay_seconds', recorded: 0, observed: 5, sensitive: false },
    ],
  } as never;
  assert.deepEqual(sqsQueue.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'sqs',
        operation: 'SetQueueAttributes',
        region: 'eu-west-1',
        input: { QueueUrl: URL, Attributes: { VisibilityTimeout: '30', DelaySeconds: '0' } },
      },
    ],
  });
  const prune = sqsQueue.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteQueue');
});

test('every provider attribute of aws_sqs_queue is observed by these fixtures or declared with a reason', () => {
  assertAccounted(sqsQueue, observedItems);
});
