import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { allPages, cloudwatchEventRule, ruleId } from './cloudwatch-event-rule.js';

const observedItems = trackObservations(cloudwatchEventRule);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
const PATTERN = '{"source":["aws.ec2"]}';

test('aws_cloudwatch_event_rule maps ListRules as the provider reads DescribeRule: id per ruleCreateResourceID', () => {
  const o = cloudwatchEventRule.observe(
    {
      busName: 'orders',
      rule: {
        Name: 'created',
        Arn: 'arn:aws:events:eu-west-1:123456789012:rule/orders/created',
        EventPattern: PATTERN,
        State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
        EventBusName: 'orders',
      },
    },
    scope,
  );
  assert.equal(o.id, 'orders/created');
  assert.deepEqual(o.attributes, {
    id: 'orders/created',
    arn: 'arn:aws:events:eu-west-1:123456789012:rule/orders/created',
    name: 'created',
    description: '',
    event_bus_name: 'orders',
    event_pattern: PATTERN,
    is_enabled: true,
    role_arn: '',
    schedule_expression: '',
    state: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
  });
  assert.equal(o.noise, undefined);
});

test('a schedule rule on the default bus: id is the name, no event_pattern observed; a service-managed rule is noise', () => {
  const o = cloudwatchEventRule.observe(
    {
      busName: 'default',
      rule: {
        Name: 'nightly',
        Arn: 'arn:aws:events:eu-west-1:123456789012:rule/nightly',
        ScheduleExpression: 'cron(0 2 * * ? *)',
        State: 'DISABLED',
        Description: 'batch',
        RoleArn: 'arn:aws:iam::123456789012:role/events',
        ManagedBy: 'guardduty.amazonaws.com',
      },
    },
    scope,
  );
  assert.equal(o.id, 'nightly');
  assert.equal(o.attributes['is_enabled'], false);
  assert.ok(!('event_pattern' in o.attributes));
  assert.match(o.noise ?? '', /guardduty\.amazonaws\.com manages/);
  assert.equal(ruleId('', 'x'), 'x');
});

test('allPages follows NextToken and stops on a repeated token', async () => {
  const tokens = [undefined, 'a', 'b', 'a'];
  let calls = 0;
  const items = await allPages(async (token) => {
    calls++;
    const at = tokens.indexOf(token);
    return { items: [at], next: tokens[at + 1] };
  });
  assert.deepEqual(items, [0, 1, 2]);
  assert.equal(calls, 3);
});

test('aws_cloudwatch_event_rule revert enables or disables the rule on its bus', () => {
  const finding = (recorded: string, id = 'orders/created') =>
    ({
      resource: { type: 'aws_cloudwatch_event_rule', id, region: 'eu-west-1', address: 'aws_cloudwatch_event_rule.r' },
      kind: 'configuration',
      changes: [{ path: 'state', recorded, observed: 'X', sensitive: false }],
    }) as never;
  assert.deepEqual(cloudwatchEventRule.revert!.plan(finding('ENABLED'), ctx), {
    calls: [
      {
        service: 'events',
        operation: 'EnableRule',
        region: 'eu-west-1',
        input: { EventBusName: 'orders', Name: 'created' },
      },
    ],
  });
  assert.deepEqual(cloudwatchEventRule.revert!.plan(finding('DISABLED', 'nightly'), ctx), {
    calls: [{ service: 'events', operation: 'DisableRule', region: 'eu-west-1', input: { Name: 'nightly' } }],
  });
  assert.ok(
    'unsupported' in cloudwatchEventRule.revert!.plan(finding('ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'), ctx),
  );
});

test('every provider attribute of aws_cloudwatch_event_rule is observed by these fixtures or declared with a reason', () => {
  assertAccounted(cloudwatchEventRule, observedItems);
});
