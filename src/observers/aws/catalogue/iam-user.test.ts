import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iamUser } from './iam-user.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(iamUser);

test('aws_iam_user: id is the user name, with path, boundary and tags', () => {
  const observed = iamUser.observe(
    {
      UserName: 'alice',
      UserId: 'AIDA1',
      Arn: 'arn:aws:iam::1:user/ops/alice',
      Path: '/ops/',
      Tags: [
        { Key: 'team', Value: 'ops' },
        { Key: 'aws:x', Value: 'y' },
      ],
    },
    { account: '1', region: 'global' },
  );
  assert.equal(observed.id, 'alice');
  assert.deepEqual(observed.attributes, {
    id: 'alice',
    arn: 'arn:aws:iam::1:user/ops/alice',
    name: 'alice',
    path: '/ops/',
    unique_id: 'AIDA1',
    permissions_boundary: '',
    tags: { team: 'ops' },
    tags_all: { team: 'ops' },
  });
});

test('every provider attribute of aws_iam_user is observed by these fixtures or declared with a reason', () => {
  assertAccounted(iamUser, observedItems);
});
