import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { snsTopicSubscription } from './sns-topic-subscription.js';

const observedItems = trackObservations(snsTopicSubscription);
const scope = { account: '123456789012', region: 'eu-west-1' };
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:alerts';
const ARN = `${TOPIC}:0b7e1c2d-1111-2222-3333-444455556666`;
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_sns_topic_subscription maps GetSubscriptionAttributes as the provider reads it', () => {
  const o = snsTopicSubscription.observe(
    {
      arn: ARN,
      attributes: {
        SubscriptionArn: ARN,
        TopicArn: TOPIC,
        Protocol: 'sqs',
        Endpoint: 'arn:aws:sqs:eu-west-1:123456789012:jobs',
        Owner: '123456789012',
        RawMessageDelivery: 'true',
        PendingConfirmation: 'false',
        ConfirmationWasAuthenticated: 'true',
      },
    },
    scope,
  );
  assert.deepEqual(o, {
    id: ARN,
    attributes: {
      id: ARN,
      arn: ARN,
      delivery_policy: '',
      endpoint: 'arn:aws:sqs:eu-west-1:123456789012:jobs',
      filter_policy: '',
      owner_id: '123456789012',
      protocol: 'sqs',
      redrive_policy: '',
      replay_policy: '',
      subscription_role_arn: '',
      topic_arn: TOPIC,
      filter_policy_scope: '',
      confirmation_was_authenticated: true,
      pending_confirmation: false,
      raw_message_delivery: true,
    },
  });
});

test('a filter policy without a scope reads as MessageAttributes, as the provider keeps it', () => {
  const o = snsTopicSubscription.observe({ arn: ARN, attributes: { FilterPolicy: '{"kind":["a"]}' } }, scope);
  assert.equal(o.attributes['filter_policy_scope'], 'MessageAttributes');
  const body = snsTopicSubscription.observe(
    { arn: ARN, attributes: { FilterPolicy: '{"kind":["a"]}', FilterPolicyScope: 'MessageBody' } },
    scope,
  );
  assert.equal(body.attributes['filter_policy_scope'], 'MessageBody');
});

test('aws_sns_topic_subscription revert sets each recorded attribute; prune unsubscribes', () => {
  const finding = {
    resource: { type: 'aws_sns_topic_subscription', id: ARN, region: 'eu-west-1', address: 'a.b' },
    kind: 'configuration',
    changes: [{ path: 'raw_message_delivery', recorded: true, observed: false, sensitive: false }],
  } as never;
  assert.deepEqual(snsTopicSubscription.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'sns',
        operation: 'SetSubscriptionAttributes',
        region: 'eu-west-1',
        input: { SubscriptionArn: ARN, AttributeName: 'RawMessageDelivery', AttributeValue: 'true' },
      },
    ],
  });
  const prune = snsTopicSubscription.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'Unsubscribe');
});

test('every provider attribute of aws_sns_topic_subscription is observed by these fixtures or declared with a reason', () => {
  assertAccounted(snsTopicSubscription, observedItems);
});
