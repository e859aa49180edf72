/**
 * aws_sqs_queue_redrive_policy: the queue's `RedrivePolicy` attribute (dead-letter queue and
 * maxReceiveCount), from the GetQueueAttributes read shared with aws_sqs_queue. Id: the queue URL.
 */
import { defineResourceType } from './define.js';
import { queueAttributeType } from '../sqs-queue-attribute.js';
import type { SqsQueue } from './sqs-queue.js';

export const sqsQueueRedrivePolicy = defineResourceType<SqsQueue>(
  queueAttributeType({
    type: 'aws_sqs_queue_redrive_policy',
    attribute: 'RedrivePolicy',
    schemaKey: 'redrive_policy',
    limitations: 'one GetQueueAttributes call per queue, shared with aws_sqs_queue (the API has no bulk form)',
  }),
);
