/**
 * aws_autoscaling_schedule: DescribeScheduledActions, one paginated bulk call per region (100 per
 * page). The provider's id is the scheduled action name (import id `group/action`). As
 * resourceScheduleRead stores it: a size AWS returns no value for is -1, times in UTC without
 * fractions, start and end time only when returned.
 */
import type { ScheduledUpdateGroupAction } from '@aws-sdk/client-auto-scaling';
import { defineResourceType } from './define.js';

/** The provider's ScheduleTimeLayout, `2006-01-02T15:04:05Z`. */
function scheduleTime(date: Date | undefined): string | undefined {
  return date?.toISOString().replace(/\.\d+Z$/, 'Z');
}

export const autoscalingSchedule = defineResourceType<ScheduledUpdateGroupAction>({
  type: 'aws_autoscaling_schedule',
  service: 'autoscaling',
  list: (repos) =>
    repos.listing.list('autoscaling', 'DescribeScheduledActions', {}, (page) => page.ScheduledUpdateGroupActions, 100),
  observe: (a) => ({
    id: a.ScheduledActionName ?? '',
    attributes: {
      id: a.ScheduledActionName,
      arn: a.ScheduledActionARN,
      scheduled_action_name: a.ScheduledActionName,
      autoscaling_group_name: a.AutoScalingGroupName,
      desired_capacity: a.DesiredCapacity ?? -1,
      min_size: a.MinSize ?? -1,
      max_size: a.MaxSize ?? -1,
      recurrence: a.Recurrence,
      time_zone: a.TimeZone,
      ...(a.StartTime ? { start_time: scheduleTime(a.StartTime) } : {}),
      ...(a.EndTime ? { end_time: scheduleTime(a.EndTime) } : {}),
    },
  }),
  // For a recurring action AWS moves StartTime to the next run after every run; the state holds
  // whatever the provider last read, so a difference is the schedule running, not drift.
  computed: ['start_time'],
  forcesReplacement: ['scheduled_action_name', 'autoscaling_group_name'],
  trailEvents: ['PutScheduledUpdateGroupAction', 'DeleteScheduledAction', 'BatchPutScheduledUpdateGroupAction'],
  // No revert or prune: PutScheduledUpdateGroupAction and DeleteScheduledAction need the group
  // name, which a finding (keyed by the action name, as the provider's id) does not carry.
  codify: {
    arguments: [
      { name: 'scheduled_action_name', required: true },
      { name: 'autoscaling_group_name', required: true },
      { name: 'min_size', default: -1 },
      { name: 'max_size', default: -1 },
      { name: 'desired_capacity', default: -1 },
      { name: 'recurrence' },
      { name: 'time_zone' },
    ],
  },
});
