/**
 * aws_sns_topic_policy: the `Policy` attribute of GetTopicAttributes, read once per topic and shared
 * with aws_sns_topic (the same memoized read). The provider's id and import id are the topic ARN.
 * Every topic carries a policy: the one AWS writes at creation (Id `__default_policy_ID`) is
 * observed as noise, since no state needs to manage it.
 */
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';
import { snsTopics, type SnsTopic } from './sns-topic.js';

/** True for the policy SNS writes on every new topic. */
export function isDefaultTopicPolicy(policy: string): boolean {
  try {
    return (JSON.parse(policy) as { Id?: unknown }).Id === '__default_policy_ID';
  } catch {
    return false;
  }
}

export const snsTopicPolicy = defineResourceType<SnsTopic>({
  type: 'aws_sns_topic_policy',
  service: 'sns',
  list: async (repos) => (await snsTopics(repos)).filter((t) => (t.attributes['Policy'] ?? '') !== ''),
  observe: ({ arn, attributes }) => {
    const policy = attributes['Policy'] ?? '';
    return {
      id: arn,
      attributes: { id: arn, arn, owner: attributes['Owner'] ?? '', policy },
      ...(isDefaultTopicPolicy(policy)
        ? { noise: 'the policy SNS writes on every new topic (Id __default_policy_ID): no state needs to manage it' }
        : {}),
    };
  },
  computed: ['owner'],
  json: ['policy'],
  policyType: true,
  policy: ['policy'],
  forcesReplacement: ['arn'],
  trailEvents: ['SetTopicAttributes', 'AddPermission', 'RemovePermission'],
  limitations: 'one GetTopicAttributes call per topic (the API has no bulk form)',
  revert: {
    attributes: ['policy'],
    sends: ['sns:SetTopicAttributes'],
    plan: (f, ctx) => {
      const recorded = recordedOf(f, 'policy');
      if (typeof recorded !== 'string' || recorded === '')
        return { unsupported: 'the recorded policy is not available' };
      return {
        calls: [
          awsCall('sns', 'SetTopicAttributes', regionOf(f, ctx), {
            TopicArn: f.resource.id,
            AttributeName: 'Policy',
            AttributeValue: recorded,
          }),
        ],
      };
    },
  },
  codify: {
    arguments: [
      { name: 'arn', required: true },
      { name: 'policy', required: true, json: true },
    ],
  },
});
