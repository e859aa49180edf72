/**
 * aws_sns_topic_subscription: ListSubscriptions (bulk, ARN, topic, protocol, endpoint) per region,
 * then GetSubscriptionAttributes per subscription: SNS has no bulk form of the rest. The provider's
 * id and import id are the subscription ARN. As the provider's read (its attribute map with
 * WithMissingSetToNil("*")): absent attributes are the zero value, booleans parsed from the API's
 * strings, and `filter_policy_scope` "MessageAttributes" when a filter policy is set without a scope
 * (the provider's backwards-compatible default).
 */
import { awsCall, regionOf } from '../calls.js';
import { boolOf } from '../mapping.js';
import { defineResourceType } from './define.js';

/** One subscription: its ARN and the attributes GetSubscriptionAttributes returned. */
export interface SnsSubscription {
  readonly arn: string;
  readonly attributes: Readonly<Record<string, string>>;
}

const STRINGS: Readonly<Record<string, string>> = {
  delivery_policy: 'DeliveryPolicy',
  endpoint: 'Endpoint',
  filter_policy: 'FilterPolicy',
  owner_id: 'Owner',
  protocol: 'Protocol',
  redrive_policy: 'RedrivePolicy',
  replay_policy: 'ReplayPolicy',
  subscription_role_arn: 'SubscriptionRoleArn',
  topic_arn: 'TopicArn',
};

export const snsTopicSubscription = defineResourceType<SnsSubscription>({
  type: 'aws_sns_topic_subscription',
  service: 'sns',
  list: async (repos) => {
    const listed = await repos.listing.list('sns', 'ListSubscriptions', {}, (page) => page.Subscriptions);
    // A subscription awaiting confirmation has no ARN yet ("PendingConfirmation"): nothing to read or pair.
    const arns = listed.map((s) => s.SubscriptionArn).filter((a): a is string => a?.startsWith('arn:') === true);
    const read = await repos.listing.each(arns, async (arn) => {
      const out = await repos.listing.read('sns', 'GetSubscriptionAttributes', { SubscriptionArn: arn }, [
        'NotFoundException',
        'NotFound',
      ]);
      return out === undefined ? undefined : { arn, attributes: { ...(out.Attributes ?? {}) } };
    });
    return read.filter((s): s is SnsSubscription => s !== undefined);
  },
  observe: ({ arn, attributes: a }) => ({
    id: arn,
    attributes: {
      id: arn,
      arn,
      ...Object.fromEntries(Object.entries(STRINGS).map(([attr, name]) => [attr, a[name] ?? ''])),
      filter_policy_scope: a['FilterPolicyScope'] ?? (a['FilterPolicy'] ? 'MessageAttributes' : ''),
      confirmation_was_authenticated: boolOf(a['ConfirmationWasAuthenticated']) ?? false,
      pending_confirmation: boolOf(a['PendingConfirmation']) ?? false,
      raw_message_delivery: boolOf(a['RawMessageDelivery']) ?? false,
    },
  }),
  // Configuration-only (how long Terraform waits for confirmation), or set by AWS.
  computed: [
    'confirmation_timeout_in_minutes',
    'endpoint_auto_confirms',
    'confirmation_was_authenticated',
    'pending_confirmation',
    'owner_id',
  ],
  json: ['delivery_policy', 'filter_policy', 'redrive_policy', 'replay_policy'],
  // Where the topic's messages go, and with which role.
  policy: ['endpoint', 'subscription_role_arn'],
  forcesReplacement: ['endpoint', 'protocol', 'topic_arn'],
  trailEvents: ['Subscribe', 'Unsubscribe', 'ConfirmSubscription', 'SetSubscriptionAttributes'],
  limitations:
    'one GetSubscriptionAttributes call per subscription (no bulk form); subscriptions pending confirmation have no ARN and are not observed',
  revert: {
    attributes: ['raw_message_delivery', 'filter_policy', 'filter_policy_scope'],
    sends: ['sns:SetSubscriptionAttributes'],
    plan: (f, ctx) => {
      const names: Record<string, string> = {
        raw_message_delivery: 'RawMessageDelivery',
        filter_policy: 'FilterPolicy',
        filter_policy_scope: 'FilterPolicyScope',
      };
      const calls = [];
      for (const change of f.changes) {
        const AttributeName = names[change.path];
        if (
          AttributeName === undefined ||
          (typeof change.recorded !== 'string' && typeof change.recorded !== 'boolean')
        )
          return { unsupported: `${change.path}: no recorded value to put back` };
        calls.push(
          awsCall('sns', 'SetSubscriptionAttributes', regionOf(f, ctx), {
            SubscriptionArn: f.resource.id,
            AttributeName,
            AttributeValue: String(change.recorded),
          }),
        );
      }
      return { calls };
    },
  },
  prune: {
    sends: ['sns:Unsubscribe'],
    plan: (f, ctx) => ({
      calls: [awsCall('sns', 'Unsubscribe', regionOf(f, ctx), { SubscriptionArn: f.resource.id })],
    }),
  },
  codify: {
    arguments: [
      { name: 'topic_arn', required: true },
      { name: 'protocol', required: true },
      { name: 'endpoint', required: true },
      { name: 'raw_message_delivery', default: false },
      { name: 'filter_policy', default: '', json: true },
    ],
  },
});
