/**
 * aws_sns_topic: ListTopics (bulk, ARNs only) per region, then GetTopicAttributes per topic: SNS has
 * no bulk form of a topic's attributes. The provider's id and import id are the topic ARN. As the
 * provider's read (its attribute map with WithMissingSetToNil("*")): every attribute AWS does not
 * return is the schema's zero value, numbers and booleans parsed from the API's strings, `name` the
 * ARN's last part. ListTagsForResource is one more call per topic: tags unread.
 */
import { awsCall, regionOf } from '../calls.js';
import { boolOf, numberOf, unread } from '../mapping.js';
import type { AwsRepositories } from '../repositories/index.js';
import { defineResourceType } from './define.js';

/** One topic: its ARN and the attributes GetTopicAttributes returned. */
export interface SnsTopic {
  readonly arn: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** Every topic of the scope with its attributes (shared by aws_sns_topic and aws_sns_topic_policy). */
export async function snsTopics(repos: AwsRepositories): Promise<SnsTopic[]> {
  const topics = await repos.listing.list('sns', 'ListTopics', {}, (page) => page.Topics);
  const arns = topics.map((t) => t.TopicArn).filter((a): a is string => typeof a === 'string');
  const read = await repos.listing.each(arns, async (arn) => {
    const out = await repos.listing.read('sns', 'GetTopicAttributes', { TopicArn: arn }, [
      'NotFoundException',
      'NotFound',
    ]);
    // A topic deleted between the listing and the read is gone, not a failure.
    return out === undefined ? undefined : { arn, attributes: { ...(out.Attributes ?? {}) } };
  });
  return read.filter((t): t is SnsTopic => t !== undefined);
}

/** The provider's integer: the zero value when AWS returns none. */
const int = (v: string | undefined): number => numberOf(v) ?? 0;

/** Provider attribute → SNS attribute name, for the plain strings. */
const STRINGS: Readonly<Record<string, string>> = {
  application_failure_feedback_role_arn: 'ApplicationFailureFeedbackRoleArn',
  application_success_feedback_role_arn: 'ApplicationSuccessFeedbackRoleArn',
  archive_policy: 'ArchivePolicy',
  beginning_archive_time: 'BeginningArchiveTime',
  delivery_policy: 'DeliveryPolicy',
  display_name: 'DisplayName',
  fifo_throughput_scope: 'FifoThroughputScope',
  firehose_failure_feedback_role_arn: 'FirehoseFailureFeedbackRoleArn',
  firehose_success_feedback_role_arn: 'FirehoseSuccessFeedbackRoleArn',
  http_failure_feedback_role_arn: 'HTTPFailureFeedbackRoleArn',
  http_success_feedback_role_arn: 'HTTPSuccessFeedbackRoleArn',
  kms_master_key_id: 'KmsMasterKeyId',
  lambda_failure_feedback_role_arn: 'LambdaFailureFeedbackRoleArn',
  lambda_success_feedback_role_arn: 'LambdaSuccessFeedbackRoleArn',
  owner: 'Owner',
  policy: 'Policy',
  sqs_failure_feedback_role_arn: 'SQSFailureFeedbackRoleArn',
  sqs_success_feedback_role_arn: 'SQSSuccessFeedbackRoleArn',
  tracing_config: 'TracingConfig',
};
/** Provider attribute → SNS attribute name, for the integers. */
const INTEGERS: Readonly<Record<string, string>> = {
  application_success_feedback_sample_rate: 'ApplicationSuccessFeedbackSampleRate',
  firehose_success_feedback_sample_rate: 'FirehoseSuccessFeedbackSampleRate',
  http_success_feedback_sample_rate: 'HTTPSuccessFeedbackSampleRate',
  lambda_success_feedback_sample_rate: 'LambdaSuccessFeedbackSampleRate',
  signature_version: 'SignatureVersion',
  sqs_success_feedback_sample_rate: 'SQSSuccessFeedbackSampleRate',
};

/** The topic name is the ARN's last part. */
export function topicNameOfArn(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1);
}

export const snsTopic = defineResourceType<SnsTopic>({
  type: 'aws_sns_topic',
  service: 'sns',
  list: snsTopics,
  observe: ({ arn, attributes: a }) => ({
    id: arn,
    attributes: {
      id: arn,
      arn,
      name: topicNameOfArn(arn),
      ...Object.fromEntries(Object.entries(STRINGS).map(([attr, name]) => [attr, a[name] ?? ''])),
      ...Object.fromEntries(Object.entries(INTEGERS).map(([attr, name]) => [attr, int(a[name])])),
      content_based_deduplication: boolOf(a['ContentBasedDeduplication']) ?? false,
      fifo_topic: boolOf(a['FifoTopic']) ?? false,
    },
  }),
  unread: unread('ListTopics returns no tags; ListTagsForResource is one call per topic: not read', 'tags', 'tags_all'),
  // Configuration-only (the provider derives the name from name_prefix once), or set by AWS.
  computed: ['name_prefix', 'beginning_archive_time', 'owner'],
  json: ['policy', 'delivery_policy', 'archive_policy'],
  policy: ['policy', 'kms_master_key_id'],
  forcesReplacement: ['name', 'name_prefix', 'fifo_topic'],
  trailEvents: [
    'CreateTopic',
    'DeleteTopic',
    'SetTopicAttributes',
    'AddPermission',
    'RemovePermission',
    'TagResource',
    'UntagResource',
  ],
  limitations: 'one GetTopicAttributes call per topic (the API has no bulk form)',
  revert: {
    attributes: ['display_name', 'kms_master_key_id', 'signature_version', 'tracing_config'],
    sends: ['sns:SetTopicAttributes'],
    plan: (f, ctx) => {
      const names: Record<string, string> = {
        display_name: 'DisplayName',
        kms_master_key_id: 'KmsMasterKeyId',
        signature_version: 'SignatureVersion',
        tracing_config: 'TracingConfig',
      };
      const calls = [];
      for (const change of f.changes) {
        const AttributeName = names[change.path];
        if (AttributeName === undefined || (typeof change.recorded !== 'string' && typeof change.recorded !== 'number'))
          return { unsupported: `${change.path}: no recorded value to put back` };
        // SetTopicAttributes sets one attribute a call.
        calls.push(
          awsCall('sns', 'SetTopicAttributes', regionOf(f, ctx), {
            TopicArn: f.resource.id,
            AttributeName,
            AttributeValue: String(change.recorded),
          }),
        );
      }
      return { calls };
    },
  },
  prune: {
    sends: ['sns:DeleteTopic'],
    plan: (f, ctx) => ({ calls: [awsCall('sns', 'DeleteTopic', regionOf(f, ctx), { TopicArn: f.resource.id })] }),
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'display_name', default: '' },
      { name: 'fifo_topic', default: false },
      { name: 'kms_master_key_id', default: '' },
    ],
  },
});
