/**
 * aws_sqs_queue: ListQueues (1000 a page) per region, then GetQueueAttributes (All) per queue: SQS
 * has no bulk form of a queue's attributes. The provider's id and import id are the queue URL. As
 * the provider's read (its attribute map with WithMissingSetToNil("*")): every attribute AWS does
 * not return is the schema's zero value (`""`, `0`, `false`), numbers and booleans parsed from the
 * API's strings, `name` taken from the URL. ListQueueTags is one more call per queue: tags unread.
 */
import { awsCall, regionOf } from '../calls.js';
import { boolOf, numberOf, unread } from '../mapping.js';
import type { AwsRepositories } from '../repositories/index.js';
import { defineResourceType } from './define.js';

/** One queue: its URL and the attributes GetQueueAttributes returned. */
export interface SqsQueue {
  readonly url: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** Every queue of the scope with its attributes (shared by aws_sqs_queue and aws_sqs_queue_policy). */
export async function sqsQueues(repos: AwsRepositories): Promise<SqsQueue[]> {
  const urls = await repos.listing.list('sqs', 'ListQueues', {}, (page) => page.QueueUrls, 1000);
  const read = await repos.listing.each(urls, async (url) => {
    const out = await repos.listing.read('sqs', 'GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] }, [
      'QueueDoesNotExist',
      'AWS.SimpleQueueService.NonExistentQueue',
    ]);
    // A queue deleted between the listing and the read is gone, not a failure.
    return out === undefined ? undefined : { url, attributes: { ...(out.Attributes ?? {}) } };
  });
  return read.filter((q): q is SqsQueue => q !== undefined);
}

/** The queue name is the URL's last path segment (the provider's QueueNameFromURL). */
export function queueNameOfUrl(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

/** The provider's integer: the zero value when AWS returns none. */
const int = (v: string | undefined): number => numberOf(v) ?? 0;

export const sqsQueue = defineResourceType<SqsQueue>({
  type: 'aws_sqs_queue',
  service: 'sqs',
  list: sqsQueues,
  observe: ({ url, attributes: a }) => ({
    id: url,
    attributes: {
      id: url,
      url,
      name: queueNameOfUrl(url),
      arn: a['QueueArn'] ?? '',
      content_based_deduplication: boolOf(a['ContentBasedDeduplication']) ?? false,
      deduplication_scope: a['DeduplicationScope'] ?? '',
      delay_seconds: int(a['DelaySeconds']),
      fifo_queue: boolOf(a['FifoQueue']) ?? false,
      fifo_throughput_limit: a['FifoThroughputLimit'] ?? '',
      kms_data_key_reuse_period_seconds: int(a['KmsDataKeyReusePeriodSeconds']),
      kms_master_key_id: a['KmsMasterKeyId'] ?? '',
      max_message_size: int(a['MaximumMessageSize']),
      message_retention_seconds: int(a['MessageRetentionPeriod']),
      policy: a['Policy'] ?? '',
      receive_wait_time_seconds: int(a['ReceiveMessageWaitTimeSeconds']),
      redrive_allow_policy: a['RedriveAllowPolicy'] ?? '',
      redrive_policy: a['RedrivePolicy'] ?? '',
      sqs_managed_sse_enabled: boolOf(a['SqsManagedSseEnabled']) ?? false,
      visibility_timeout_seconds: int(a['VisibilityTimeout']),
    },
  }),
  unread: unread('ListQueues returns no tags; ListQueueTags is one call per queue: not read', 'tags', 'tags_all'),
  // Configuration-only: the provider derives the name from name_prefix once.
  computed: ['name_prefix'],
  json: ['policy', 'redrive_policy', 'redrive_allow_policy'],
  // Who may send to or read the queue, and whether its messages are encrypted.
  policy: ['policy', 'kms_master_key_id', 'sqs_managed_sse_enabled'],
  forcesReplacement: ['name', 'name_prefix', 'fifo_queue'],
  trailEvents: ['CreateQueue', 'DeleteQueue', 'SetQueueAttributes', 'TagQueue', 'UntagQueue'],
  limitations: 'one GetQueueAttributes call per queue (the API has no bulk form)',
  revert: {
    attributes: [
      'delay_seconds',
      'max_message_size',
      'message_retention_seconds',
      'receive_wait_time_seconds',
      'visibility_timeout_seconds',
    ],
    sends: ['sqs:SetQueueAttributes'],
    plan: (f, ctx) => {
      const names: Record<string, string> = {
        delay_seconds: 'DelaySeconds',
        max_message_size: 'MaximumMessageSize',
        message_retention_seconds: 'MessageRetentionPeriod',
        receive_wait_time_seconds: 'ReceiveMessageWaitTimeSeconds',
        visibility_timeout_seconds: 'VisibilityTimeout',
      };
      const Attributes: Record<string, string> = {};
      for (const change of f.changes) {
        const name = names[change.path];
        if (name === undefined || typeof change.recorded !== 'number')
          return { unsupported: `${change.path}: no recorded number to put back` };
        Attributes[name] = String(change.recorded);
      }
      return {
        calls: [awsCall('sqs', 'SetQueueAttributes', regionOf(f, ctx), { QueueUrl: f.resource.id, Attributes })],
      };
    },
  },
  prune: {
    sends: ['sqs:DeleteQueue'],
    plan: (f, ctx) => ({ calls: [awsCall('sqs', 'DeleteQueue', regionOf(f, ctx), { QueueUrl: f.resource.id })] }),
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'fifo_queue', default: false },
      { name: 'delay_seconds', default: 0 },
      { name: 'max_message_size', default: 262144 },
      { name: 'message_retention_seconds', default: 345600 },
      { name: 'receive_wait_time_seconds', default: 0 },
      { name: 'visibility_timeout_seconds', default: 30 },
      { name: 'redrive_policy', default: '', json: true },
    ],
  },
});
