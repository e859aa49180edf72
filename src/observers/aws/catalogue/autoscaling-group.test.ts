import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoscalingGroup } from './autoscaling-group.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(autoscalingGroup);

const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_autoscaling_group: id is the name, vpc_zone_identifier split into a set, tags as the tag set', () => {
  const o = autoscalingGroup.observe(
    {
      AutoScalingGroupName: 'workers',
      AutoScalingGroupARN: 'arn:asg',
      MinSize: 1,
      MaxSize: 10,
      DesiredCapacity: 3,
      DefaultCooldown: 300,
      HealthCheckType: 'EC2',
      AvailabilityZones: ['eu-west-1b', 'eu-west-1a'],
      VPCZoneIdentifier: 'subnet-b, subnet-a',
      LaunchTemplate: { LaunchTemplateId: 'lt-1', LaunchTemplateName: 'web', Version: '$Latest' },
      Tags: [
        { Key: 'team', Value: 'core', PropagateAtLaunch: true },
        { Key: 'aws:cloudformation:stack-name', Value: 'x' },
      ],
      CreatedTime: new Date(0),
    },
    scope,
  );
  assert.equal(o.id, 'workers');
  assert.equal(o.attributes['desired_capacity'], 3);
  assert.deepEqual(o.attributes['vpc_zone_identifier'], ['subnet-a', 'subnet-b']);
  assert.deepEqual(o.attributes['availability_zones'], ['eu-west-1a', 'eu-west-1b']);
  assert.deepEqual(o.attributes['launch_template'], [{ id: 'lt-1', name: 'web', version: '$Latest' }]);
  assert.deepEqual(o.attributes['tag'], [{ key: 'team', value: 'core', propagate_at_launch: true }]);
  assert.ok(autoscalingGroup.sets?.includes('vpc_zone_identifier'));
});

test('every provider attribute of aws_autoscaling_group is observed by these fixtures or declared with a reason', () => {
  assertAccounted(autoscalingGroup, observedItems);
});
