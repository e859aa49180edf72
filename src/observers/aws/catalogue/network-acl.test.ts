import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { networkAcl } from './network-acl.js';

const observedItems = trackObservations(networkAcl);
const scope = { account: '123456789012', region: 'eu-west-1' };

const ACL = {
  NetworkAclId: 'acl-1',
  VpcId: 'vpc-1',
  OwnerId: '123456789012',
  IsDefault: false,
  Associations: [{ SubnetId: 'subnet-2' }, { SubnetId: 'subnet-1' }],
  Entries: [
    { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny' as const, Egress: false, CidrBlock: '0.0.0.0/0' },
    {
      RuleNumber: 100,
      Protocol: '6',
      RuleAction: 'allow' as const,
      Egress: false,
      CidrBlock: '10.0.0.0/8',
      PortRange: { From: 443, To: 443 },
    },
    {
      RuleNumber: 110,
      Protocol: '1',
      RuleAction: 'allow' as const,
      Egress: false,
      Ipv6CidrBlock: '::/0',
      IcmpTypeCode: { Code: -1, Type: 8 },
    },
    { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow' as const, Egress: true, CidrBlock: '0.0.0.0/0' },
    { RuleNumber: 32768, Protocol: '-1', RuleAction: 'deny' as const, Egress: true, Ipv6CidrBlock: '::/0' },
  ],
  Tags: [{ Key: 'Name', Value: 'private' }],
};

test('aws_network_acl maps entries as the provider stores them: AWS deny-all entries left out, zero values for unset keys', () => {
  const o = networkAcl.observe(ACL, scope);
  assert.equal(o.id, 'acl-1');
  assert.equal(o.noise, undefined);
  assert.equal(o.attributes['arn'], 'arn:aws:ec2:eu-west-1:123456789012:network-acl/acl-1');
  assert.deepEqual(o.attributes['subnet_ids'], ['subnet-1', 'subnet-2']);
  assert.deepEqual(o.attributes['ingress'], [
    {
      action: 'allow',
      cidr_block: '10.0.0.0/8',
      from_port: 443,
      icmp_code: 0,
      icmp_type: 0,
      ipv6_cidr_block: '',
      protocol: '6',
      rule_no: 100,
      to_port: 443,
    },
    {
      action: 'allow',
      cidr_block: '',
      from_port: 0,
      icmp_code: -1,
      icmp_type: 8,
      ipv6_cidr_block: '::/0',
      protocol: '1',
      rule_no: 110,
      to_port: 0,
    },
  ]);
  assert.deepEqual(o.attributes['egress'], [
    {
      action: 'allow',
      cidr_block: '0.0.0.0/0',
      from_port: 0,
      icmp_code: 0,
      icmp_type: 0,
      ipv6_cidr_block: '',
      protocol: '-1',
      rule_no: 100,
      to_port: 0,
    },
  ]);
  assert.deepEqual(o.attributes['tags'], { Name: 'private' });
});

test('the default network ACL is observed as noise (Terraform adopts it as aws_default_network_acl)', () => {
  const o = networkAcl.observe({ ...ACL, NetworkAclId: 'acl-d', IsDefault: true }, scope);
  assert.match(o.noise ?? '', /aws_default_network_acl/);
});

test('every provider attribute of aws_network_acl is observed by these fixtures or declared with a reason', () => {
  assertAccounted(networkAcl, observedItems);
});
