import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  PutScheduledUpdateGroupActionCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  CreateLaunchTemplateCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  AddTagsCommand as AddClassicTagsCommand,
  CreateLoadBalancerCommand as CreateClassicLoadBalancerCommand,
  ElasticLoadBalancingClient,
} from '@aws-sdk/client-elastic-load-balancing';
import { observeAws } from '../src/observers/aws/observe.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { useMoto } from './aws-support.js';

const env = useMoto();

async function network() {
  const ec2 = new EC2Client(env.moto.clientConfig());
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' }))).Vpc?.VpcId ?? '';
  const a =
    (
      await ec2.send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.2.1.0/24', AvailabilityZone: 'eu-west-1a' }),
      )
    ).Subnet?.SubnetId ?? '';
  const b =
    (
      await ec2.send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.2.2.0/24', AvailabilityZone: 'eu-west-1b' }),
      )
    ).Subnet?.SubnetId ?? '';
  return { ec2, vpcId, subnets: [a, b] };
}

test('aws_autoscaling_group: id is the name, sizes and subnets as the provider has them; its instances are expected noise', async () => {
  const { ec2, subnets } = await network();
  await ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'workers',
      LaunchTemplateData: { ImageId: 'ami-12345678', InstanceType: 't3.micro' },
    }),
  );
  const asg = new AutoScalingClient(env.moto.clientConfig());
  await asg.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: 'workers',
      MinSize: 1,
      MaxSize: 10,
      DesiredCapacity: 3,
      LaunchTemplate: { LaunchTemplateName: 'workers', Version: '$Latest' },
      VPCZoneIdentifier: subnets.join(','),
      Tags: [{ Key: 'team', Value: 'core', PropagateAtLaunch: true }],
    }),
  );
  await ec2.send(
    new RunInstancesCommand({
      ImageId: 'ami-12345678',
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnets[0],
    }),
  );

  const { snapshot, expectedUnmanaged } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_autoscaling_group', 'aws_instance'],
  });
  const group = snapshot.resources.find((r) => r.type === 'aws_autoscaling_group');
  assert.ok(group);
  assert.equal(group.id, 'workers');
  assert.equal(group.address, 'aws_autoscaling_group."workers"');
  assert.equal(group.attributes['desired_capacity'], 3);
  assert.equal(group.attributes['min_size'], 1);
  assert.equal(group.attributes['max_size'], 10);
  assert.deepEqual(group.attributes['vpc_zone_identifier'], [...subnets].sort());
  assert.deepEqual(group.attributes['tag'], [{ key: 'team', value: 'core', propagate_at_launch: true }]);
  assert.equal((group.attributes['launch_template'] as { name: string }[])[0]?.name, 'workers');

  const instances = snapshot.resources.filter((r) => r.type === 'aws_instance');
  assert.equal(instances.length, 4, 'three launched by the group, one by hand');
  const noisy = new Set(expectedUnmanaged.map((e) => e.address));
  assert.equal(
    instances.filter((i) => noisy.has(i.address)).length,
    3,
    'only the group-launched instances are expected noise',
  );
  assert.ok(expectedUnmanaged.every((e) => /Auto Scaling group workers/.test(e.why)));
});

test('aws_lb, aws_lb_listener, aws_lb_target_group: attributes, listener actions and target groups; per-resource calls only where no bulk API exists', async () => {
  const { vpcId, subnets } = await network();
  const elb = new ElasticLoadBalancingV2Client(env.moto.clientConfig());
  const lbArn =
    (
      await elb.send(
        new CreateLoadBalancerCommand({
          Name: 'front',
          Subnets: subnets,
          Type: 'application',
          Tags: [{ Key: 'env', Value: 'prod' }],
        }),
      )
    ).LoadBalancers?.[0]?.LoadBalancerArn ?? '';
  await elb.send(
    new ModifyLoadBalancerAttributesCommand({
      LoadBalancerArn: lbArn,
      Attributes: [
        { Key: 'idle_timeout.timeout_seconds', Value: '120' },
        { Key: 'deletion_protection.enabled', Value: 'true' },
      ],
    }),
  );
  const tgArn =
    (
      await elb.send(
        new CreateTargetGroupCommand({ Name: 'web', Protocol: 'HTTP', Port: 80, VpcId: vpcId, TargetType: 'instance' }),
      )
    ).TargetGroups?.[0]?.TargetGroupArn ?? '';
  const listenerArn =
    (
      await elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: lbArn,
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
        }),
      )
    ).Listeners?.[0]?.ListenerArn ?? '';

  const { snapshot, apiCalls } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_lb', 'aws_lb_listener', 'aws_lb_target_group'],
  });
  assert.deepEqual(snapshot.incompleteScopes, []);
  const lb = snapshot.resources.find((r) => r.type === 'aws_lb');
  assert.ok(lb);
  assert.equal(lb.id, lbArn);
  assert.equal(lb.attributes['name'], 'front');
  assert.equal(lb.attributes['internal'], false);
  assert.equal(lb.attributes['load_balancer_type'], 'application');
  assert.equal(lb.attributes['idle_timeout'], 120);
  assert.equal(lb.attributes['enable_deletion_protection'], true);
  assert.deepEqual(lb.attributes['subnets'], [...subnets].sort());
  assert.deepEqual(lb.attributes['tags_all'], { env: 'prod' });

  const listener = snapshot.resources.find((r) => r.type === 'aws_lb_listener');
  assert.ok(listener);
  assert.equal(listener.id, listenerArn);
  assert.equal(listener.attributes['port'], 80);
  assert.equal(listener.attributes['load_balancer_arn'], lbArn);
  assert.equal(
    (listener.attributes['default_action'] as { type: string; target_group_arn: string }[])[0]?.target_group_arn,
    tgArn,
  );

  const tg = snapshot.resources.find((r) => r.type === 'aws_lb_target_group');
  assert.ok(tg);
  assert.equal(tg.id, tgArn);
  assert.equal(tg.attributes['port'], 80);
  assert.equal(tg.attributes['protocol'], 'HTTP');
  assert.equal(tg.attributes['vpc_id'], vpcId);

  assert.equal(
    apiCalls['elbv2:DescribeLoadBalancers'],
    1,
    'load balancers are listed once, shared by aws_lb and aws_lb_listener',
  );
  assert.equal(apiCalls['elbv2:DescribeTargetGroups'], 1);
  assert.equal(apiCalls['elbv2:DescribeListeners'], 1, 'one per load balancer');
  assert.equal(apiCalls['elbv2:DescribeLoadBalancerAttributes'], 1, 'one per load balancer');
  assert.equal(
    apiCalls['elbv2:DescribeTags'],
    3,
    'tags in batches of 20: one batch each for balancers, groups and listeners',
  );
});

test('aws_autoscaling_schedule: scheduled actions in one bulk listing, unset sizes as -1', async () => {
  const { ec2, subnets } = await network();
  await ec2.send(
    new CreateLaunchTemplateCommand({
      LaunchTemplateName: 'nightly',
      LaunchTemplateData: { ImageId: 'ami-12345678', InstanceType: 't3.micro' },
    }),
  );
  const asg = new AutoScalingClient(env.moto.clientConfig());
  await asg.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: 'nightly',
      MinSize: 0,
      MaxSize: 2,
      DesiredCapacity: 0,
      LaunchTemplate: { LaunchTemplateName: 'nightly', Version: '$Latest' },
      VPCZoneIdentifier: subnets.join(','),
    }),
  );
  await asg.send(
    new PutScheduledUpdateGroupActionCommand({
      AutoScalingGroupName: 'nightly',
      ScheduledActionName: 'scale-down',
      Recurrence: '0 20 * * *',
      MinSize: 0,
      DesiredCapacity: 0,
    }),
  );

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_autoscaling_schedule'] });
  const action = snapshot.resources.find((r) => r.type === 'aws_autoscaling_schedule' && r.id === 'scale-down');
  assert.ok(action, 'the scheduled action is observed by its name');
  assert.equal(action.attributes['autoscaling_group_name'], 'nightly');
  assert.equal(action.attributes['recurrence'], '0 20 * * *');
  assert.equal(action.attributes['min_size'], 0);
  assert.equal(action.attributes['desired_capacity'], 0);
  assert.equal(action.attributes['max_size'], -1);
  assert.equal(apiCalls['autoscaling:DescribeScheduledActions'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_lb_target_group_attachment: DescribeTargetHealth per target group; a registered instance observed, paired by group and target', async () => {
  const { ec2, vpcId, subnets } = await network();
  const elbv2 = new ElasticLoadBalancingV2Client(env.moto.clientConfig());
  const tgArn =
    (await elbv2.send(new CreateTargetGroupCommand({ Name: 'attach-web', Protocol: 'HTTP', Port: 80, VpcId: vpcId })))
      .TargetGroups?.[0]?.TargetGroupArn ?? '';
  const instanceId =
    (
      await ec2.send(
        new RunInstancesCommand({
          ImageId: 'ami-12345678',
          InstanceType: 't3.micro',
          MinCount: 1,
          MaxCount: 1,
          SubnetId: subnets[0],
        }),
      )
    ).Instances?.[0]?.InstanceId ?? '';
  await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: [{ Id: instanceId, Port: 8080 }] }));

  const { snapshot, apiCalls, expectedUnmanaged } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_lb_target_group_attachment'],
  });
  const attachment = snapshot.resources.find(
    (r) => r.type === 'aws_lb_target_group_attachment' && r.attributes['target_id'] === instanceId,
  );
  assert.ok(attachment, 'the registered target is observed');
  assert.equal(attachment.id, `${tgArn},${instanceId},8080`);
  assert.equal(attachment.attributes['target_group_arn'], tgArn);
  assert.equal(attachment.attributes['port'], 8080);
  assert.ok(!expectedUnmanaged.some((e) => e.address === attachment.address), 'registered by hand: not noise');
  assert.ok((apiCalls['elbv2:DescribeTargetHealth'] ?? 0) >= 1, 'one read per target group');
  assert.equal(apiCalls['elbv2:DescribeTargetGroups'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_lb_listener_rule: DescribeRules per listener on the shared listener listing, tags by 20; the default rule is noise', async () => {
  const { vpcId, subnets } = await network();
  const elb = new ElasticLoadBalancingV2Client(env.moto.clientConfig());
  const lbArn =
    (await elb.send(new CreateLoadBalancerCommand({ Name: 'rules', Subnets: subnets, Type: 'application' })))
      .LoadBalancers?.[0]?.LoadBalancerArn ?? '';
  const tgArn =
    (await elb.send(new CreateTargetGroupCommand({ Name: 'api', Protocol: 'HTTP', Port: 80, VpcId: vpcId })))
      .TargetGroups?.[0]?.TargetGroupArn ?? '';
  const listenerArn =
    (
      await elb.send(
        new CreateListenerCommand({
          LoadBalancerArn: lbArn,
          Protocol: 'HTTP',
          Port: 80,
          DefaultActions: [
            { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain' } },
          ],
        }),
      )
    ).Listeners?.[0]?.ListenerArn ?? '';
  const ruleArn =
    (
      await elb.send(
        new CreateRuleCommand({
          ListenerArn: listenerArn,
          Priority: 10,
          Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
          Actions: [{ Type: 'forward', TargetGroupArn: tgArn }],
        }),
      )
    ).Rules?.[0]?.RuleArn ?? '';
  await elb.send(new AddTagsCommand({ ResourceArns: [ruleArn], Tags: [{ Key: 'team', Value: 'platform' }] }));

  const { snapshot, apiCalls, expectedUnmanaged } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_lb_listener', 'aws_lb_listener_rule'],
  });
  const rules = snapshot.resources.filter((r) => r.type === 'aws_lb_listener_rule');
  const rule = rules.find((r) => r.id === ruleArn);
  assert.ok(rule, 'the rule is observed by its ARN');
  assert.equal(rule.attributes['listener_arn'], listenerArn);
  assert.equal(rule.attributes['priority'], 10);
  assert.deepEqual(rule.attributes['condition'], [
    {
      host_header: [],
      http_header: [],
      http_request_method: [],
      path_pattern: [{ values: ['/api/*'] }],
      query_string: [],
      source_ip: [],
    },
  ]);
  assert.equal((rule.attributes['action'] as Array<Record<string, unknown>>)[0]?.['target_group_arn'], tgArn);
  assert.deepEqual(rule.attributes['tags'], { team: 'platform' });
  const defaults = rules.filter((r) => r.id !== ruleArn);
  assert.equal(defaults.length, 1, "the listener's default rule is observed");
  assert.ok(
    expectedUnmanaged.some((e) => e.address === defaults[0]?.address && e.why.includes('default_action')),
    'and marked noise',
  );
  assert.ok(!expectedUnmanaged.some((e) => e.address === rule.address), 'the created rule is not noise');
  assert.equal(apiCalls['elbv2:DescribeListeners'], 1, 'one listener listing serves both types');
  assert.equal(apiCalls['elbv2:DescribeRules'], 1, 'one per listener');
  assert.equal(apiCalls['elbv2:DescribeTags'], 2, 'one for the listeners, one for the rules (20 per call)');
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_elb: DescribeLoadBalancers, attributes per load balancer, tags 20 names per call', async () => {
  const elb = new ElasticLoadBalancingClient(env.moto.clientConfig('eu-west-1'));
  const names = Array.from({ length: 21 }, (_, i) => `classic-${i}`);
  for (const LoadBalancerName of names)
    await elb.send(
      new CreateClassicLoadBalancerCommand({
        LoadBalancerName,
        AvailabilityZones: ['eu-west-1a'],
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 }],
      }),
    );
  await elb.send(
    new AddClassicTagsCommand({ LoadBalancerNames: ['classic-0'], Tags: [{ Key: 'team', Value: 'platform' }] }),
  );

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_elb'] });
  const balancers = snapshot.resources.filter((r) => r.type === 'aws_elb');
  assert.equal(balancers.length, 21);
  const first = balancers.find((r) => r.id === 'classic-0');
  assert.ok(first, 'observed by name');
  assert.equal(
    first.attributes['arn'],
    `arn:aws:elasticloadbalancing:eu-west-1:${MOTO_ACCOUNT}:loadbalancer/classic-0`,
  );
  assert.deepEqual(first.attributes['listener'], [
    { instance_port: 8080, instance_protocol: 'http', lb_port: 80, lb_protocol: 'http', ssl_certificate_id: '' },
  ]);
  assert.equal(first.attributes['internal'], false);
  assert.equal(first.attributes['idle_timeout'], 60);
  assert.deepEqual(first.attributes['tags'], { team: 'platform' });
  assert.equal(apiCalls['elb:DescribeLoadBalancers'], 1);
  assert.equal(apiCalls['elb:DescribeLoadBalancerAttributes'], 21, 'one per load balancer: no bulk form');
  assert.equal(apiCalls['elb:DescribeTags'], 2, '20 names per call');
  assert.deepEqual(snapshot.incompleteScopes, []);
});
