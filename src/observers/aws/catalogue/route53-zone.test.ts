import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { route53Zone } from './route53-zone.js';

const observedItems = trackObservations(route53Zone);
const scope = { account: '123456789012', region: 'global' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_route53_zone maps GetHostedZone as the provider reads it: id without /hostedzone/, name without the dot, first name server kept', () => {
  const o = route53Zone.observe(
    {
      HostedZone: {
        Id: '/hostedzone/Z123',
        Name: 'example.com.',
        CallerReference: 'ref',
        Config: { Comment: 'public', PrivateZone: false },
      },
      DelegationSet: { Id: '/delegationset/N1', NameServers: ['ns-2.awsdns-02.net', 'ns-1.awsdns-01.org'] },
      tags: [{ Key: 'team', Value: 'platform' }],
    },
    scope,
  );
  assert.equal(o.id, 'Z123');
  assert.deepEqual(o.attributes, {
    id: 'Z123',
    zone_id: 'Z123',
    arn: 'arn:aws:route53:::hostedzone/Z123',
    name: 'example.com',
    comment: 'public',
    delegation_set_id: 'N1',
    primary_name_server: 'ns-2.awsdns-02.net',
    name_servers: ['ns-1.awsdns-01.org', 'ns-2.awsdns-02.net'],
    vpc: [],
    tags: { team: 'platform' },
    tags_all: { team: 'platform' },
  });
});

test('a private zone carries its VPCs; a zone without comment or delegation set keeps the empty strings the provider sets', () => {
  const o = route53Zone.observe(
    {
      HostedZone: { Id: '/hostedzone/Z9', Name: 'internal.', CallerReference: 'r', Config: { PrivateZone: true } },
      VPCs: [{ VPCId: 'vpc-1', VPCRegion: 'eu-west-1' }],
      tags: [],
    },
    scope,
  );
  assert.equal(o.attributes['comment'], '');
  assert.equal(o.attributes['delegation_set_id'], '');
  assert.deepEqual(o.attributes['vpc'], [{ vpc_id: 'vpc-1', vpc_region: 'eu-west-1' }]);
});

test('aws_route53_zone revert puts the comment and tags back; prune deletes the zone', () => {
  const finding = {
    resource: { type: 'aws_route53_zone', id: 'Z123', address: 'x' },
    kind: 'configuration',
    changes: [
      { path: 'comment', recorded: 'public', observed: 'changed', sensitive: false },
      { path: 'tags.team', recorded: 'platform', observed: undefined, sensitive: false },
      { path: 'tags.extra', recorded: undefined, observed: 'x', sensitive: false },
    ],
  } as never;
  const planned = route53Zone.revert!.plan(finding, ctx);
  assert.ok('calls' in planned);
  assert.deepEqual(
    planned.calls.map((c) => [c.operation, c.input]),
    [
      ['UpdateHostedZoneComment', { Id: 'Z123', Comment: 'public' }],
      [
        'ChangeTagsForResource',
        {
          ResourceType: 'hostedzone',
          ResourceId: 'Z123',
          AddTags: [{ Key: 'team', Value: 'platform' }],
          RemoveTagKeys: ['extra'],
        },
      ],
    ],
  );
  const prune = route53Zone.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteHostedZone');
});

test('every provider attribute of aws_route53_zone is observed by these fixtures or declared with a reason', () => {
  assertAccounted(route53Zone, observedItems);
});
