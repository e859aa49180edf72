/**
 * aws_sqs_queue_policy: the `Policy` attribute of GetQueueAttributes, read once per queue and shared
 * with aws_sqs_queue (the same memoized read). A queue without a policy has no aws_sqs_queue_policy.
 * The provider's id and import id are the queue URL.
 */
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';
import { sqsQueues, type SqsQueue } from './sqs-queue.js';

export const sqsQueuePolicy = defineResourceType<SqsQueue>({
  type: 'aws_sqs_queue_policy',
  service: 'sqs',
  list: async (repos) => (await sqsQueues(repos)).filter((q) => (q.attributes['Policy'] ?? '') !== ''),
  observe: ({ url, attributes }) => ({
    id: url,
    attributes: { id: url, queue_url: url, policy: attributes['Policy'] ?? '' },
  }),
  json: ['policy'],
  policyType: true,
  policy: ['policy'],
  forcesReplacement: ['queue_url'],
  trailEvents: ['SetQueueAttributes', 'AddPermission', 'RemovePermission'],
  limitations: 'one GetQueueAttributes call per queue (the API has no bulk form)',
  revert: {
    attributes: ['policy'],
    sends: ['sqs:SetQueueAttributes'],
    plan: (f, ctx) => {
      const recorded = recordedOf(f, 'policy');
      if (typeof recorded !== 'string' || recorded === '')
        return { unsupported: 'the recorded policy is not available' };
      return {
        calls: [
          awsCall('sqs', 'SetQueueAttributes', regionOf(f, ctx), {
            QueueUrl: f.resource.id,
            Attributes: { Policy: recorded },
          }),
        ],
      };
    },
  },
  prune: {
    sends: ['sqs:SetQueueAttributes'],
    // Removing the policy resource empties the queue's policy (the provider's delete does the same).
    plan: (f, ctx) => ({
      calls: [
        awsCall('sqs', 'SetQueueAttributes', regionOf(f, ctx), { QueueUrl: f.resource.id, Attributes: { Policy: '' } }),
      ],
    }),
  },
  codify: {
    arguments: [
      { name: 'queue_url', required: true },
      { name: 'policy', required: true, json: true },
    ],
  },
});
