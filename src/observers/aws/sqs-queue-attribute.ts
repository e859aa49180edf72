/**
 * The shape shared by the provider's queue-attribute resources (aws_sqs_queue_redrive_policy,
 * aws_sqs_queue_redrive_allow_policy): its queueAttributeHandler reads one attribute of
 * GetQueueAttributes, stores it as a JSON document under `schemaKey` with `queue_url`, and keys the
 * resource by the queue URL. A queue whose attribute is absent or empty has no such resource (the
 * handler's find answers "not found"). The attribute comes from the queue read aws_sqs_queue
 * already makes (memoized): no extra call. Deleting the resource sets the attribute to "".
 */
import { awsCall, recordedOf, regionOf } from './calls.js';
import type { ResourceTypeEntry } from './catalogue/define.js';
import { sqsQueues, type SqsQueue } from './catalogue/sqs-queue.js';

export interface QueueAttributeType {
  readonly type: string;
  /** The GetQueueAttributes name (`RedrivePolicy`). */
  readonly attribute: 'RedrivePolicy' | 'RedriveAllowPolicy';
  /** The provider's argument (`redrive_policy`). */
  readonly schemaKey: string;
  readonly limitations: string;
}

export function queueAttributeType(t: QueueAttributeType): ResourceTypeEntry<SqsQueue> {
  return {
    type: t.type,
    service: 'sqs',
    list: async (repos) => (await sqsQueues(repos)).filter((q) => (q.attributes[t.attribute] ?? '') !== ''),
    observe: ({ url, attributes }) => ({
      id: url,
      attributes: { id: url, queue_url: url, [t.schemaKey]: attributes[t.attribute] ?? '' },
    }),
    json: [t.schemaKey],
    forcesReplacement: ['queue_url'],
    trailEvents: ['SetQueueAttributes'],
    limitations: t.limitations,
    revert: {
      attributes: [t.schemaKey],
      sends: ['sqs:SetQueueAttributes'],
      plan: (f, ctx) => {
        const recorded = recordedOf(f, t.schemaKey);
        if (typeof recorded !== 'string' || recorded === '')
          return { unsupported: `the recorded ${t.schemaKey} is not available` };
        return {
          calls: [
            awsCall('sqs', 'SetQueueAttributes', regionOf(f, ctx), {
              QueueUrl: f.resource.id,
              Attributes: { [t.attribute]: recorded },
            }),
          ],
        };
      },
    },
    prune: {
      sends: ['sqs:SetQueueAttributes'],
      plan: (f, ctx) => ({
        calls: [
          awsCall('sqs', 'SetQueueAttributes', regionOf(f, ctx), {
            QueueUrl: f.resource.id,
            Attributes: { [t.attribute]: '' },
          }),
        ],
      }),
    },
    codify: {
      arguments: [
        { name: 'queue_url', required: true },
        { name: t.schemaKey, required: true, json: true },
      ],
    },
  };
}
