import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { ssmParameter } from './ssm-parameter.js';

const observedItems = trackObservations(ssmParameter);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_ssm_parameter maps DescribeParameters metadata as the provider stores it; no value attribute at all', () => {
  const o = ssmParameter.observe(
    {
      Name: '/app/db/password',
      ARN: 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/db/password',
      Type: 'SecureString',
      KeyId: 'alias/aws/ssm',
      Description: 'db password',
      Version: 3,
      Tier: 'Standard',
      DataType: 'text',
    },
    scope,
  );
  assert.deepEqual(o, {
    id: '/app/db/password',
    attributes: {
      id: '/app/db/password',
      name: '/app/db/password',
      arn: 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/db/password',
      type: 'SecureString',
      description: 'db password',
      allowed_pattern: '',
      data_type: 'text',
      key_id: 'alias/aws/ssm',
      tier: 'Standard',
      version: 3,
    },
  });
  assert.ok(!('value' in o.attributes) && !('insecure_value' in o.attributes));
  assert.ok(ssmParameter.unread?.some((u) => u.path === 'value'));
  assert.ok(ssmParameter.secretAttributes?.includes('value'));
});

test('aws_ssm_parameter: no revert (PutParameter needs the value); prune deletes by name', () => {
  assert.equal(ssmParameter.revert, undefined);
  const finding = {
    resource: { type: 'aws_ssm_parameter', id: '/app/x', region: 'eu-west-1', address: 'a.b' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(ssmParameter.prune!.plan(finding, ctx), {
    calls: [{ service: 'ssm', operation: 'DeleteParameter', region: 'eu-west-1', input: { Name: '/app/x' } }],
  });
});

test('every provider attribute of aws_ssm_parameter is observed by these fixtures or declared with a reason', () => {
  assertAccounted(ssmParameter, observedItems);
});
