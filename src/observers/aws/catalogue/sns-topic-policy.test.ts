import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { isDefaultTopicPolicy, snsTopicPolicy } from './sns-topic-policy.js';

const observedItems = trackObservations(snsTopicPolicy);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ARN = 'arn:aws:sns:eu-west-1:123456789012:alerts';
const DEFAULT = '{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID"}]}';
const CUSTOM = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"SNS:Publish"}]}';
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_sns_topic_policy: the topic ARN, owner and policy; a custom policy is not noise', () => {
  const o = snsTopicPolicy.observe({ arn: ARN, attributes: { Policy: CUSTOM, Owner: '123456789012' } }, scope);
  assert.deepEqual(o, { id: ARN, attributes: { id: ARN, arn: ARN, owner: '123456789012', policy: CUSTOM } });
});

test('the policy SNS writes on every new topic is observed as noise with its reason', () => {
  const o = snsTopicPolicy.observe({ arn: ARN, attributes: { Policy: DEFAULT } }, scope);
  assert.match(o.noise ?? '', /__default_policy_ID/);
  assert.equal(isDefaultTopicPolicy('not json'), false);
});

test('aws_sns_topic_policy revert sets the recorded policy back', () => {
  const finding = {
    resource: { type: 'aws_sns_topic_policy', id: ARN, region: 'eu-west-1', address: 'aws_sns_topic_policy.p' },
    kind: 'policy',
    changes: [{ path: 'policy', recorded: CUSTOM, observed: DEFAULT, sensitive: false }],
  } as never;
  assert.deepEqual(snsTopicPolicy.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'sns',
        operation: 'SetTopicAttributes',
        region: 'eu-west-1',
        input: { TopicArn: ARN, AttributeName: 'Policy', AttributeValue: CUSTOM },
      },
    ],
  });
});

test('every provider attribute of aws_sns_topic_policy is observed by these fixtures or declared with a reason', () => {
  assertAccounted(snsTopicPolicy, observedItems);
});
