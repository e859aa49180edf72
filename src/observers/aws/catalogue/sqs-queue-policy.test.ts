import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { sqsQueuePolicy } from './sqs-queue-policy.js';

const observedItems = trackObservations(sqsQueuePolicy);
const scope = { account: '123456789012', region: 'eu-west-1' };
const URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs';
const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage"}]}';
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_sqs_queue_policy: the queue URL and its Policy attribute, a policy-type resource', () => {
  const o = sqsQueuePolicy.observe({ url: URL, attributes: { Policy: POLICY, VisibilityTimeout: '30' } }, scope);
  assert.deepEqual(o, { id: URL, attributes: { id: URL, queue_url: URL, policy: POLICY } });
  assert.equal(sqsQueuePolicy.policyType, true);
});

test('aws_sqs_queue_policy revert sets the recorded policy; prune empties it', () => {
  const finding = {
    resource: { type: 'aws_sqs_queue_policy', id: URL, region: 'eu-west-1', address: 'aws_sqs_queue_policy.p' },
    kind: 'policy',
    changes: [{ path: 'policy', recorded: POLICY, observed: '{}', sensitive: false }],
  } as never;
  assert.deepEqual(sqsQueuePolicy.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'sqs',
        operation: 'SetQueueAttributes',
        region: 'eu-west-1',
        input: { QueueUrl: URL, Attributes: { Policy: POLICY } },
      },
    ],
  });
  const prune = sqsQueuePolicy.prune!.plan(finding, ctx);
  assert.ok('calls' in prune);
  assert.deepEqual(prune.calls[0]?.input, { QueueUrl: URL, Attributes: { Policy: '' } });
});

test('every provider attribute of aws_sqs_queue_policy is observed by these fixtures or declared with a reason', () => {
  assertAccounted(sqsQueuePolicy, observedItems);
});
