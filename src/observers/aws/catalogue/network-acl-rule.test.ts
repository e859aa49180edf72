import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { networkAclRule, networkAclRuleId } from './network-acl-rule.js';

const observedItems = trackObservations(networkAclRule);
const scope = { account: '123456789012', region: 'eu-west-1' };
const acl = { NetworkAclId: 'acl-1', VpcId: 'vpc-1' };

test('the rule id is the provider hash of "<acl>-<rule>-<egress>-<protocol>-"', () => {
  // zlib.crc32(b'acl-1-100-false-6-') computed independently in Python.
  assert.equal(networkAclRuleId('acl-1', 100, false, '6'), 'nacl-3520746376');
});

test('aws_network_acl_rule maps an entry; ports and ICMP fields only where the API returns them', () => {
  const tcp = networkAclRule.observe(
    {
      acl,
      entry: {
        RuleNumber: 100,
        Protocol: '6',
        RuleAction: 'allow',
        Egress: false,
        CidrBlock: '10.0.0.0/8',
        PortRange: { From: 443, To: 443 },
      },
    },
    scope,
  );
  assert.deepEqual(tcp.attributes, {
    id: 'nacl-3520746376',
    network_acl_id: 'acl-1',
    rule_number: 100,
    egress: false,
    protocol: '6',
    rule_action: 'allow',
    cidr_block: '10.0.0.0/8',
    ipv6_cidr_block: '',
    from_port: 443,
    to_port: 443,
  });
  assert.match(tcp.noise ?? '', /part of its network ACL/);
  const icmp = networkAclRule.observe(
    {
      acl,
      entry: {
        RuleNumber: 110,
        Protocol: '58',
        RuleAction: 'deny',
        Egress: true,
        Ipv6CidrBlock: '::/0',
        IcmpTypeCode: { Code: -1, Type: -1 },
      },
    },
    scope,
  );
  assert.equal(icmp.attributes['icmp_type'], -1);
  assert.equal(icmp.attributes['from_port'], undefined);
  assert.ok(!('from_port' in icmp.attributes), 'no PortRange: the provider keeps the configured ports');
});

test('the deny-all entry AWS adds is noise with its own reason', () => {
  const o = networkAclRule.observe(
    { acl, entry: { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' } },
    scope,
  );
  assert.match(o.noise ?? '', /deny-all entry/);
});

test('every provider attribute of aws_network_acl_rule is observed by these fixtures or declared with a reason', () => {
  assertAccounted(networkAclRule, observedItems);
});
