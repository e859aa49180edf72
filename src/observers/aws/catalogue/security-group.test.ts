import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flattenPermissions, securityGroup } from './security-group.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(securityGroup);

const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_security_group flattens IpPermissions like the provider: one rule per protocol, ports and description', () => {
  const o = securityGroup.observe(
    {
      GroupId: 'sg-1',
      GroupName: 'web',
      Description: 'web tier',
      VpcId: 'vpc-1',
      OwnerId: '123456789012',
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          IpRanges: [
            { CidrIp: '10.0.0.0/8' },
            { CidrIp: '0.0.0.0/0', Description: 'public' },
            { CidrIp: '172.16.0.0/12' },
          ],
          UserIdGroupPairs: [
            { GroupId: 'sg-1', UserId: '123456789012' },
            { GroupId: 'sg-9', UserId: '999999999999' },
          ],
        },
      ],
      IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    },
    scope,
  );
  assert.deepEqual(o.attributes['ingress'], [
    {
      from_port: 443,
      to_port: 443,
      protocol: 'tcp',
      cidr_blocks: ['0.0.0.0/0'],
      ipv6_cidr_blocks: [],
      prefix_list_ids: [],
      security_groups: [],
      self: false,
      description: 'public',
    },
    {
      from_port: 443,
      to_port: 443,
      protocol: 'tcp',
      cidr_blocks: ['10.0.0.0/8', '172.16.0.0/12'],
      ipv6_cidr_blocks: [],
      prefix_list_ids: [],
      security_groups: ['999999999999/sg-9'],
      self: true,
      description: '',
    },
  ]);
  assert.deepEqual(o.attributes['egress'], [
    {
      from_port: 0,
      to_port: 0,
      protocol: '-1',
      cidr_blocks: ['0.0.0.0/0'],
      ipv6_cidr_blocks: [],
      prefix_list_ids: [],
      security_groups: [],
      self: false,
      description: '',
    },
  ]);
  assert.equal(o.noise, undefined);
  assert.match(
    securityGroup.observe({ GroupId: 'sg-d', GroupName: 'default' }, scope).noise ?? '',
    /default security group/,
  );
});

test('flattening is independent of the API order (a set compares equal however AWS orders it)', () => {
  const a = flattenPermissions(
    [
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '10.0.0.0/8' }, { CidrIp: '192.168.0.0/16' }],
      },
      { IpProtocol: 'udp', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
    ],
    { GroupId: 'sg-1' },
  );
  const b = flattenPermissions(
    [
      { IpProtocol: 'udp', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '192.168.0.0/16' }, { CidrIp: '10.0.0.0/8' }],
      },
    ],
    { GroupId: 'sg-1' },
  );
  assert.deepEqual(a, b);
});

test('aws_security_group revert revokes exactly the grant added by hand before it authorizes the one removed', () => {
  const rule = (cidr: string, from = 22) => ({
    from_port: from,
    to_port: from,
    protocol: 'tcp',
    cidr_blocks: [cidr],
    ipv6_cidr_blocks: [],
    prefix_list_ids: [],
    security_groups: [],
    self: false,
    description: '',
  });
  const finding = {
    resource: { type: 'aws_security_group', id: 'sg-1', region: 'eu-west-1', address: 'aws_security_group.web' },
    kind: 'policy',
    changes: [
      {
        path: 'ingress',
        recorded: [rule('10.0.0.0/8'), rule('10.1.0.0/16', 443)],
        observed: [rule('10.0.0.0/8'), rule('0.0.0.0/0')],
        sensitive: false,
      },
    ],
  } as never;
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const planned = securityGroup.revert!.plan(finding, ctx);
  assert.ok('calls' in planned);
  assert.deepEqual(
    planned.calls.map((c) => [c.operation, c.input['IpPermissions']]),
    [
      [
        'RevokeSecurityGroupIngress',
        [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      ],
      [
        'AuthorizeSecurityGroupIngress',
        [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.1.0.0/16' }] }],
      ],
    ],
  );
  for (const call of planned.calls)
    assert.ok(securityGroup.revert!.sends.includes(`${call.service}:${call.operation}` as never), call.operation);
});

test('every provider attribute of aws_security_group is observed by these fixtures or declared with a reason', () => {
  assertAccounted(securityGroup, observedItems);
});
