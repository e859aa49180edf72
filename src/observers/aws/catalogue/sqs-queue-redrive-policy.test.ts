import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { sqsQueueRedrivePolicy as entry } from './sqs-queue-redrive-policy.js';

const observedItems = trackObservations(entry);
const scope = { account: '123456789012', region: 'eu-west-1' };
const URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs';
const REDRIVE = '{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:123456789012:jobs-dlq","maxReceiveCount":5}';
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_sqs_queue_redrive_policy: the queue URL and its RedrivePolicy as JSON; queues without one are not listed', async () => {
  assert.deepEqual(entry.observe({ url: URL, attributes: { RedrivePolicy: REDRIVE, DelaySeconds: '0' } }, scope), {
    id: URL,
    attributes: { id: URL, queue_url: URL, redrive_policy: REDRIVE },
  });
  assert.deepEqual(entry.json, ['redrive_policy']);
  const repos = {
    listing: {
      list: async () => [URL, `${URL}-plain`],
      each: async (urls: string[], fn: (u: string) => Promise<unknown>) => Promise.all(urls.map(fn)),
      read: async (_s: string, _o: string, input: { QueueUrl: string }) => ({
        Attributes: input.QueueUrl === URL ? { RedrivePolicy: REDRIVE } : { RedrivePolicy: '' },
      }),
    },
  };
  const listed = await entry.list(repos as never, scope);
  assert.deepEqual(
    listed.map((q) => q.url),
    [URL],
  );
});

test('aws_sqs_queue_redrive_policy revert sets the recorded policy; prune empties it', () => {
  const finding = {
    resource: { type: entry.type, id: URL, region: 'eu-west-1', address: 'aws_sqs_queue_redrive_policy.r' },
    kind: 'changed',
    changes: [{ path: 'redrive_policy', recorded: REDRIVE, observed: '{}', sensitive: false }],
  } as never;
  assert.deepEqual(entry.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'sqs',
        operation: 'SetQueueAttributes',
        region: 'eu-west-1',
        input: { QueueUrl: URL, Attributes: { RedrivePolicy: REDRIVE } },
      },
    ],
  });
  const prune = entry.prune!.plan(finding, ctx);
  assert.ok('calls' in prune);
  assert.deepEqual(prune.calls[0]?.input, { QueueUrl: URL, Attributes: { RedrivePolicy: '' } });
});

test('every provider attribute of aws_sqs_queue_redrive_policy is observed by these fixtures or declared with a reason', () => {
  assertAccounted(entry, observedItems);
});
