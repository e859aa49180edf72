import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { decodeServiceLinkedRoleArn, iamServiceLinkedRole } from './iam-service-linked-role.js';

const observedItems = trackObservations(iamServiceLinkedRole);
const ARN =
  'arn:aws:iam::123456789012:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk_web';
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('decodeServiceLinkedRoleArn reads service and custom suffix from the ARN as the provider does', () => {
  assert.deepEqual(decodeServiceLinkedRoleArn(ARN), {
    serviceName: 'elasticbeanstalk.amazonaws.com',
    customSuffix: 'web',
  });
  assert.deepEqual(
    decodeServiceLinkedRoleArn('arn:aws:iam::1:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS'),
    { serviceName: 'ecs.amazonaws.com', customSuffix: '' },
  );
  assert.equal(decodeServiceLinkedRoleArn('arn:aws:iam::1:role/app'), undefined);
});

test('aws_iam_service_linked_role maps the role: id is the ARN, an unmanaged one is noise', () => {
  const o = iamServiceLinkedRole.observe(
    {
      RoleName: 'AWSServiceRoleForElasticBeanstalk_web',
      RoleId: 'AROAEXAMPLE',
      Arn: ARN,
      Path: '/aws-service-role/elasticbeanstalk.amazonaws.com/',
      CreateDate: new Date('2024-01-02T03:04:05.000Z'),
      Tags: [{ Key: 'team', Value: 'web' }],
    },
    { account: '123456789012', region: 'global' },
  );
  assert.equal(o.id, ARN);
  assert.deepEqual(o.attributes, {
    id: ARN,
    arn: ARN,
    aws_service_name: 'elasticbeanstalk.amazonaws.com',
    custom_suffix: 'web',
    create_date: '2024-01-02T03:04:05Z',
    description: '',
    name: 'AWSServiceRoleForElasticBeanstalk_web',
    path: '/aws-service-role/elasticbeanstalk.amazonaws.com/',
    unique_id: 'AROAEXAMPLE',
    tags: { team: 'web' },
    tags_all: { team: 'web' },
  });
  assert.match(o.noise ?? '', /AWS creates/);
});

test('aws_iam_service_linked_role revert puts the recorded description back (UpdateRole by role name)', () => {
  const finding = {
    resource: { type: 'aws_iam_service_linked_role', id: ARN, address: 'aws_iam_service_linked_role.eb' },
    kind: 'configuration',
    changes: [{ path: 'description', recorded: 'web tier', observed: '', sensitive: false }],
  } as never;
  assert.deepEqual(iamServiceLinkedRole.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'iam',
        operation: 'UpdateRole',
        region: 'global',
        input: { RoleName: 'AWSServiceRoleForElasticBeanstalk_web', Description: 'web tier' },
      },
    ],
  });
});

test('every provider attribute of aws_iam_service_linked_role is observed by these fixtures or declared with a reason', () => {
  assertAccounted(iamServiceLinkedRole, observedItems);
});
