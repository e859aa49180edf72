/**
 * SQS and SNS catalogue entries on the emulator: each listing plus its per-resource attribute read,
 * shared between a resource and its policy type (one GetQueueAttributes / GetTopicAttributes per
 * item, whichever types are observed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SetTopicAttributesCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { observeAws } from '../src/observers/aws/observe.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { useMoto } from './aws-support.js';

const env = useMoto();
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }],
});

test('aws_sqs_queue and aws_sqs_queue_policy: one listing, one attribute read per queue shared by both types', async () => {
  const sqs = new SQSClient(env.moto.clientConfig('eu-west-1'));
  const jobs = await sqs.send(
    new CreateQueueCommand({
      QueueName: 'jobs',
      Attributes: { VisibilityTimeout: '60', DelaySeconds: '5', Policy: POLICY },
    }),
  );
  await sqs.send(new CreateQueueCommand({ QueueName: 'plain' }));

  const { snapshot, apiCalls } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_sqs_queue', 'aws_sqs_queue_policy'],
  });
  const queues = snapshot.resources.filter((r) => r.type === 'aws_sqs_queue');
  assert.equal(queues.length, 2);
  const q = queues.find((r) => r.id === jobs.QueueUrl);
  assert.ok(q, 'the queue is observed under its URL');
  assert.equal(q.attributes['name'], 'jobs');
  assert.equal(q.attributes['arn'], `arn:aws:sqs:eu-west-1:${MOTO_ACCOUNT}:jobs`);
  assert.equal(q.attributes['visibility_timeout_seconds'], 60);
  assert.equal(q.attributes['delay_seconds'], 5);
  assert.equal(q.attributes['fifo_queue'], false);
  assert.deepEqual(JSON.parse(String(q.attributes['policy'])).Statement[0].Action, 'sqs:SendMessage');
  const policies = snapshot.resources.filter((r) => r.type === 'aws_sqs_queue_policy');
  assert.deepEqual(
    policies.map((p) => p.id),
    [jobs.QueueUrl],
    'only the queue with a policy has an aws_sqs_queue_policy',
  );
  assert.equal(apiCalls['sqs:ListQueues'], 1);
  assert.equal(apiCalls['sqs:GetQueueAttributes'], 2, 'one read per queue, shared by the two types');
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_sqs_queue_redrive_policy: the RedrivePolicy from the shared queue read, only where one is set', async () => {
  const sqs = new SQSClient(env.moto.clientConfig('eu-west-1'));
  await sqs.send(new CreateQueueCommand({ QueueName: 'work-dlq' }));
  const redrive = { deadLetterTargetArn: `arn:aws:sqs:eu-west-1:${MOTO_ACCOUNT}:work-dlq`, maxReceiveCount: 4 };
  const work = await sqs.send(
    new CreateQueueCommand({ QueueName: 'work', Attributes: { RedrivePolicy: JSON.stringify(redrive) } }),
  );

  const { snapshot, apiCalls } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_sqs_queue', 'aws_sqs_queue_redrive_policy', 'aws_sqs_queue_redrive_allow_policy'],
  });
  assert.deepEqual(snapshot.incompleteScopes, []);
  const policies = snapshot.resources.filter((r) => r.type === 'aws_sqs_queue_redrive_policy');
  assert.deepEqual(
    policies.map((p) => p.id),
    [work.QueueUrl],
    'only the queue with a redrive policy has one',
  );
  assert.equal(policies[0]?.attributes['queue_url'], work.QueueUrl);
  assert.deepEqual(JSON.parse(String(policies[0]?.attributes['redrive_policy'])), redrive);
  // The emulator never returns RedriveAllowPolicy (its unit test uses recorded responses).
  assert.equal(snapshot.resources.filter((r) => r.type === 'aws_sqs_queue_redrive_allow_policy').length, 0);
  assert.equal(apiCalls['sqs:GetQueueAttributes'], 2, 'one read per queue, shared by the three types');
});

test('aws_sns_topic and aws_sns_topic_policy: attributes per topic, the default policy as noise', async () => {
  const sns = new SNSClient(env.moto.clientConfig('eu-west-1'));
  const alerts = await sns.send(new CreateTopicCommand({ Name: 'alerts', Attributes: { DisplayName: 'Alerts' } }));
  const open = await sns.send(new CreateTopicCommand({ Name: 'open' }));
  const custom = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'SNS:Publish', Resource: open.TopicArn }],
  });
  await sns.send(
    new SetTopicAttributesCommand({ TopicArn: open.TopicArn, AttributeName: 'Policy', AttributeValue: custom }),
  );

  const { snapshot, apiCalls, expectedUnmanaged } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_sns_topic', 'aws_sns_topic_policy'],
  });
  const topic = snapshot.resources.find((r) => r.type === 'aws_sns_topic' && r.id === alerts.TopicArn);
  assert.ok(topic);
  assert.equal(topic.attributes['name'], 'alerts');
  assert.equal(topic.attributes['display_name'], 'Alerts');
  assert.equal(topic.attributes['owner'], MOTO_ACCOUNT);
  assert.equal(topic.attributes['fifo_topic'], false);
  const policies = snapshot.resources.filter((r) => r.type === 'aws_sns_topic_policy');
  assert.equal(policies.length, 2, 'every topic carries a policy');
  const defaultPolicy = policies.find((p) => p.id === alerts.TopicArn);
  assert.ok(defaultPolicy && expectedUnmanaged.some((e) => e.address === defaultPolicy.address));
  const openPolicy = policies.find((p) => p.id === open.TopicArn);
  assert.ok(openPolicy && !expectedUnmanaged.some((e) => e.address === openPolicy.address));
  assert.equal(apiCalls['sns:ListTopics'], 1);
  assert.equal(apiCalls['sns:GetTopicAttributes'], 2);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_sns_topic_subscription: ListSubscriptions once, attributes per subscription', async () => {
  const sqs = new SQSClient(env.moto.clientConfig('eu-west-1'));
  await sqs.send(new CreateQueueCommand({ QueueName: 'inbox' }));
  const sns = new SNSClient(env.moto.clientConfig('eu-west-1'));
  const topic = await sns.send(new CreateTopicCommand({ Name: 'events' }));
  const queueArn = `arn:aws:sqs:eu-west-1:${MOTO_ACCOUNT}:inbox`;
  const sub = await sns.send(
    new SubscribeCommand({
      TopicArn: topic.TopicArn,
      Protocol: 'sqs',
      Endpoint: queueArn,
      Attributes: { RawMessageDelivery: 'true' },
    }),
  );

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_sns_topic_subscription'] });
  const found = snapshot.resources.find((r) => r.type === 'aws_sns_topic_subscription' && r.id === sub.SubscriptionArn);
  assert.ok(found, 'the subscription is observed under its ARN');
  assert.equal(found.attributes['topic_arn'], topic.TopicArn);
  assert.equal(found.attributes['protocol'], 'sqs');
  assert.equal(found.attributes['endpoint'], queueArn);
  assert.equal(found.attributes['raw_message_delivery'], true);
  assert.equal(apiCalls['sns:ListSubscriptions'], 1);
  assert.equal(apiCalls['sns:GetSubscriptionAttributes'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});
