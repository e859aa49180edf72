import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { assertAccounted } from '../../../../test/support/catalogue-accounting.js';
import {
  atomicRules,
  observeAtomicRule,
  ruleContentKey,
  securityGroupRule,
  securityGroupRuleId,
} from './security-group-rule.js';

test('aws_security_group_rule ids follow the provider hash (sgrule-CRC32 of group, ports, protocol, direction, sources)', () => {
  const id = securityGroupRuleId('sg-1', 'ingress', {
    IpProtocol: 'tcp',
    FromPort: 22,
    ToPort: 22,
    IpRanges: [{ CidrIp: '0.0.0.0/0' }],
  });
  const crc32 = (zlib as unknown as { crc32?: (s: string) => number }).crc32;
  if (crc32) assert.equal(id, `sgrule-${crc32('sg-1-22-22-tcp-ingress-0.0.0.0/0-')}`);
  assert.match(id, /^sgrule-\d+$/);
  // Port 0 and all-traffic rules leave the ports out of the hash, as the provider does.
  const all = securityGroupRuleId('sg-1', 'egress', { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
  if (crc32) assert.equal(all, `sgrule-${crc32('sg-1--1-egress-0.0.0.0/0-')}`);
});

test('a group splits into one-source rules, each observed with the legacy attributes and as noise', () => {
  const rules = atomicRules({
    GroupId: 'sg-1',
    OwnerId: '123456789012',
    IpPermissions: [
      {
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'lan' }],
        UserIdGroupPairs: [{ GroupId: 'sg-1' }, { GroupId: 'sg-2' }],
      },
    ],
    IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
  });
  assert.equal(rules.length, 4);
  const observed = rules.map(observeAtomicRule);
  assert.deepEqual(
    observed.map((o) => [
      o.attributes['type'],
      o.attributes['cidr_blocks'],
      o.attributes['self'],
      o.attributes['source_security_group_id'],
    ]),
    [
      ['ingress', ['10.0.0.0/8'], false, null],
      ['ingress', [], true, null],
      ['ingress', [], false, 'sg-2'],
      ['egress', ['0.0.0.0/0'], false, null],
    ],
  );
  assert.equal(observed[0]?.attributes['description'], 'lan');
  assert.equal(observed[3]?.attributes['from_port'], 0);
  assert.equal(new Set(observed.map((o) => o.id)).size, 4, 'ids are distinct');
  assert.ok(observed.every((o) => o.noise));
  assert.notEqual(ruleContentKey(observed[0]?.attributes ?? {}), ruleContentKey(observed[1]?.attributes ?? {}));
});

test('every provider attribute of aws_security_group_rule is observed by the mapping or declared with a reason', () => {
  const rules = atomicRules({
    GroupId: 'sg-1',
    OwnerId: '123456789012',
    IpPermissions: [
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'ssh' }] },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: 'sg-2' }] },
    ],
  });
  assertAccounted(securityGroupRule, rules.map(observeAtomicRule));
});
