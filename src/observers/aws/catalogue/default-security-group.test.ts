import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { defaultSecurityGroup } from './default-security-group.js';

const observedItems = trackObservations(defaultSecurityGroup);
const scope = { account: '123456789012', region: 'eu-west-1' };
const DEFAULT = {
  GroupId: 'sg-d',
  GroupName: 'default',
  Description: 'default VPC security group',
  VpcId: 'vpc-1',
  OwnerId: '123456789012',
  IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-d', UserId: '123456789012' }] }],
  IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
};

test('aws_default_security_group observes the default groups only, rules as aws_security_group flattens them', async () => {
  const repos = {
    ec2: { securityGroups: async () => [DEFAULT, { GroupId: 'sg-1', GroupName: 'web' }] },
  } as never;
  assert.deepEqual(
    (await defaultSecurityGroup.list(repos, scope)).map((g) => g.GroupId),
    ['sg-d'],
  );
  const o = defaultSecurityGroup.observe(DEFAULT, scope);
  assert.equal(o.id, 'sg-d');
  assert.equal(o.attributes['name'], 'default');
  assert.equal((o.attributes['ingress'] as { self: boolean }[])[0]?.self, true);
  assert.deepEqual((o.attributes['egress'] as { cidr_blocks: string[] }[])[0]?.cidr_blocks, ['0.0.0.0/0']);
  assert.match(o.noise ?? '', /aws_default_security_group/);
  assert.equal(defaultSecurityGroup.prune, undefined);
});

test('a rule added by hand to an adopted default group is revoked by its revert', () => {
  const finding = {
    resource: { type: 'aws_default_security_group', id: 'sg-d', region: 'eu-west-1', address: 'x' },
    kind: 'configuration',
    changes: [
      {
        path: 'ingress',
        recorded: [],
        observed: [
          {
            from_port: 22,
            to_port: 22,
            protocol: 'tcp',
            cidr_blocks: ['0.0.0.0/0'],
            ipv6_cidr_blocks: [],
            prefix_list_ids: [],
            security_groups: [],
            self: false,
            description: '',
          },
        ],
        sensitive: false,
      },
    ],
  } as never;
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const plan = defaultSecurityGroup.revert!.plan(finding, ctx);
  assert.ok('calls' in plan);
  assert.equal(plan.calls[0]?.operation, 'RevokeSecurityGroupIngress');
});

test('every provider attribute of aws_default_security_group is observed by these fixtures or declared with a reason', () => {
  assertAccounted(defaultSecurityGroup, observedItems);
});
