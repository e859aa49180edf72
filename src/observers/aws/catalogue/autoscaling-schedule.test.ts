import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { autoscalingSchedule } from './autoscaling-schedule.js';

const observedItems = trackObservations(autoscalingSchedule);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_autoscaling_schedule maps DescribeScheduledActions as the provider reads it: the action name is the id, UTC times', () => {
  const o = autoscalingSchedule.observe(
    {
      AutoScalingGroupName: 'web',
      ScheduledActionName: 'night',
      ScheduledActionARN:
        'arn:aws:autoscaling:eu-west-1:123456789012:scheduledUpdateGroupAction:x:autoScalingGroupName/web:scheduledActionName/night',
      StartTime: new Date('2026-12-02T20:00:00.000Z'),
      EndTime: new Date('2027-01-01T00:00:00.000Z'),
      Recurrence: '0 20 * * *',
      MinSize: 0,
      MaxSize: 1,
      DesiredCapacity: 0,
      TimeZone: 'Europe/Berlin',
    },
    scope,
  );
  assert.equal(o.id, 'night');
  assert.deepEqual(o.attributes, {
    id: 'night',
    arn: 'arn:aws:autoscaling:eu-west-1:123456789012:scheduledUpdateGroupAction:x:autoScalingGroupName/web:scheduledActionName/night',
    scheduled_action_name: 'night',
    autoscaling_group_name: 'web',
    desired_capacity: 0,
    min_size: 0,
    max_size: 1,
    recurrence: '0 20 * * *',
    time_zone: 'Europe/Berlin',
    start_time: '2026-12-02T20:00:00Z',
    end_time: '2027-01-01T00:00:00Z',
  });
});

test('sizes the action does not set are -1 and absent times stay absent, as the provider stores them', () => {
  const o = autoscalingSchedule.observe(
    { AutoScalingGroupName: 'web', ScheduledActionName: 'scale-up', MaxSize: 4 },
    scope,
  );
  assert.equal(o.attributes['min_size'], -1);
  assert.equal(o.attributes['desired_capacity'], -1);
  assert.equal(o.attributes['max_size'], 4);
  assert.equal('start_time' in o.attributes, false);
  assert.equal('end_time' in o.attributes, false);
});

test('aws_autoscaling_schedule declares no revert or prune: the API needs the group name a finding does not carry', () => {
  assert.equal(autoscalingSchedule.revert, undefined);
  assert.equal(autoscalingSchedule.prune, undefined);
});

test('every provider attribute of aws_autoscaling_schedule is observed by these fixtures or declared with a reason', () => {
  assertAccounted(autoscalingSchedule, observedItems);
});
