import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { snsTopic } from './sns-topic.js';

const observedItems = trackObservations(snsTopic);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ARN = 'arn:aws:sns:eu-west-1:123456789012:alerts';
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_sns_topic maps GetTopicAttributes as the provider reads it: missing attributes are zero values, numbers parsed', () => {
  const o = snsTopic.observe(
    {
      arn: ARN,
      attributes: {
        TopicArn: ARN,
        Owner: '123456789012',
        DisplayName: 'Alerts',
        SignatureVersion: '2',
        SQSSuccessFeedbackSampleRate: '50',
        KmsMasterKeyId: 'alias/aws/sns',
        Policy: '{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[]}',
      },
    },
    scope,
  );
  assert.equal(o.id, ARN);
  assert.equal(o.attributes['name'], 'alerts');
  assert.equal(o.attributes['display_name'], 'Alerts');
  assert.equal(o.attributes['signature_version'], 2);
  assert.equal(o.attributes['sqs_success_feedback_sample_rate'], 50);
  assert.equal(o.attributes['http_success_feedback_sample_rate'], 0);
  assert.equal(o.attributes['kms_master_key_id'], 'alias/aws/sns');
  assert.equal(o.attributes['delivery_policy'], '');
  assert.equal(o.attributes['fifo_topic'], false);
  assert.equal(o.attributes['content_based_deduplication'], false);
  assert.equal(o.attributes['owner'], '123456789012');
});

test('a FIFO topic reads its FIFO attributes', () => {
  const o = snsTopic.observe(
    {
      arn: `${ARN}.fifo`,
      attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true', FifoThroughputScope: 'Topic' },
    },
    scope,
  );
  assert.equal(o.attributes['name'], 'alerts.fifo');
  assert.equal(o.attributes['fifo_topic'], true);
  assert.equal(o.attributes['content_based_deduplication'], true);
  assert.equal(o.attributes['fifo_throughput_scope'], 'Topic');
});

test('aws_sns_topic revert sets each recorded attribute (one SetTopicAttributes each); prune deletes', () => {
  const finding = {
    resource: { type: 'aws_sns_topic', id: ARN, region: 'eu-west-1', address: 'aws_sns_topic.alerts' },
    kind: 'configuration',
    changes: [
      { path: 'display_name', recorded: 'Alerts', observed: 'x', sensitive: false },
      { path: 'signature_version', recorded: 1, observed: 2, sensitive: false },
    ],
  } as never;
  const plan = snsTopic.revert!.plan(finding, ctx);
  assert.ok('calls' in plan);
  assert.deepEqual(
    plan.calls.map((c) => c.input),
    [
      { TopicArn: ARN, AttributeName: 'DisplayName', AttributeValue: 'Alerts' },
      { TopicArn: ARN, AttributeName: 'SignatureVersion', AttributeValue: '1' },
    ],
  );
  const prune = snsTopic.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteTopic');
});

test('every provider attribute of aws_sns_topic is observed by these fixtures or declared with a reason', () => {
  assertAccounted(snsTopic, observedItems);
});
