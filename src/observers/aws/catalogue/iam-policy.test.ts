import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iamPolicy } from './iam-policy.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(iamPolicy);

test('aws_iam_policy: id is the ARN, policy is the default version decoded, name falls back to the ARN', () => {
  const doc = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
  const observed = iamPolicy.observe(
    {
      policy: {
        Arn: 'arn:aws:iam::123456789012:policy/team/read',
        Path: '/team/',
        PolicyId: 'ANPA1',
        Description: 'read',
        DefaultVersionId: 'v2',
        PolicyVersionList: [
          { VersionId: 'v1', IsDefaultVersion: false, Document: encodeURIComponent('{"old":true}') },
          { VersionId: 'v2', IsDefaultVersion: true, Document: encodeURIComponent(doc) },
        ],
      },
      tags: [{ Key: 'team', Value: 'data' }],
    },
    { account: '123456789012', region: 'global' },
  );
  assert.equal(observed.id, 'arn:aws:iam::123456789012:policy/team/read');
  assert.equal(observed.attributes['name'], 'read');
  assert.equal(observed.attributes['path'], '/team/');
  assert.equal(observed.attributes['policy'], doc);
  assert.deepEqual(observed.attributes['tags_all'], { team: 'data' });
  assert.ok(iamPolicy.forcesReplacement?.includes('description'));
});

test('every provider attribute of aws_iam_policy is observed by these fixtures or declared with a reason', () => {
  assertAccounted(iamPolicy, observedItems);
});
