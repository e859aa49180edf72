import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchTemplate } from './launch-template.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(launchTemplate);

const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_launch_template reads the default version data; user_data is a secret attribute', () => {
  const o = launchTemplate.observe(
    {
      template: {
        LaunchTemplateId: 'lt-1',
        LaunchTemplateName: 'web',
        DefaultVersionNumber: 2,
        LatestVersionNumber: 3,
      },
      defaultVersion: {
        LaunchTemplateId: 'lt-1',
        VersionNumber: 2,
        VersionDescription: 'v2',
        LaunchTemplateData: {
          ImageId: 'ami-1',
          InstanceType: 't3.small',
          SecurityGroupIds: ['sg-2', 'sg-1'],
          EbsOptimized: true,
          UserData: 'c2VjcmV0',
        },
      },
    },
    scope,
  );
  assert.equal(o.id, 'lt-1');
  assert.equal(o.attributes['default_version'], 2);
  assert.equal(o.attributes['instance_type'], 't3.small');
  assert.deepEqual(o.attributes['vpc_security_group_ids'], ['sg-1', 'sg-2']);
  assert.equal(o.attributes['ebs_optimized'], 'true', 'the provider keeps ebs_optimized as a string');
  assert.deepEqual(launchTemplate.secretAttributes, ['user_data']);
  const bare = launchTemplate.observe({ template: { LaunchTemplateId: 'lt-2', LaunchTemplateName: 'x' } }, scope);
  assert.equal(bare.attributes['image_id'], '');
  assert.equal(bare.attributes['ebs_optimized'], '');
});

test('every provider attribute of aws_launch_template is observed by these fixtures or declared with a reason', () => {
  assertAccounted(launchTemplate, observedItems);
});
