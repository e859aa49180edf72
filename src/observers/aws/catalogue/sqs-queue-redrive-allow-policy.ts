/**
 * aws_sqs_queue_redrive_allow_policy: the queue's `RedriveAllowPolicy` attribute (which source
 * queues may use it as their dead-letter queue), from the GetQueueAttributes read shared with
 * aws_sqs_queue. Id: the queue URL. It decides who may send messages into the queue: policy.
 */
import { defineResourceType } from './define.js';
import { queueAttributeType } from '../sqs-queue-attribute.js';
import type { SqsQueue } from './sqs-queue.js';

const base = queueAttributeType({
  type: 'aws_sqs_queue_redrive_allow_policy',
  attribute: 'RedriveAllowPolicy',
  schemaKey: 'redrive_allow_policy',
  limitations:
    'one GetQueueAttributes call per queue, shared with aws_sqs_queue; the emulator does not return RedriveAllowPolicy: tested with recorded responses',
});

export const sqsQueueRedriveAllowPolicy = defineResourceType<SqsQueue>({
  ...base,
  policyType: true,
  policy: ['redrive_allow_policy'],
});
