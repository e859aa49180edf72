import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted } from '../../../../test/support/catalogue-accounting.js';
import { observeVpcRule, vpcSecurityGroupEgressRule, vpcSecurityGroupIngressRule } from './vpc-security-group-rules.js';

const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_vpc_security_group_*_rule map DescribeSecurityGroupRules; ports are null for all traffic', () => {
  const ssh = observeVpcRule(
    {
      SecurityGroupRuleId: 'sgr-1',
      GroupId: 'sg-1',
      GroupOwnerId: '123456789012',
      IsEgress: false,
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      CidrIpv4: '0.0.0.0/0',
      Description: 'ssh',
    },
    scope,
  );
  assert.equal(ssh.id, 'sgr-1');
  assert.deepEqual(
    {
      from: ssh.attributes['from_port'],
      to: ssh.attributes['to_port'],
      cidr: ssh.attributes['cidr_ipv4'],
      sg: ssh.attributes['security_group_id'],
      arn: ssh.attributes['arn'],
    },
    {
      from: 22,
      to: 22,
      cidr: '0.0.0.0/0',
      sg: 'sg-1',
      arn: 'arn:aws:ec2:eu-west-1:123456789012:security-group-rule/sgr-1',
    },
  );
  const all = observeVpcRule(
    {
      SecurityGroupRuleId: 'sgr-2',
      GroupId: 'sg-1',
      IsEgress: true,
      IpProtocol: '-1',
      FromPort: -1,
      ToPort: -1,
      ReferencedGroupInfo: { GroupId: 'sg-9', UserId: '999999999999' },
    },
    scope,
  );
  assert.equal(all.attributes['from_port'], null);
  assert.equal(all.attributes['to_port'], null);
  assert.equal(all.attributes['referenced_security_group_id'], '999999999999/sg-9');
  assert.match(all.noise ?? '', /part of its security group/);
  assert.equal(vpcSecurityGroupIngressRule.observe, vpcSecurityGroupEgressRule.observe);
  assert.ok(vpcSecurityGroupIngressRule.policy?.includes('cidr_ipv4'));
});

test('every provider attribute of both rule types is observed by the mapping or declared with a reason', () => {
  const rule = {
    SecurityGroupRuleId: 'sgr-2',
    GroupId: 'sg-1',
    GroupOwnerId: '123456789012',
    IsEgress: false,
    IpProtocol: 'tcp',
    FromPort: 443,
    ToPort: 443,
    CidrIpv4: '10.0.0.0/8',
    Description: 'https',
    Tags: [{ Key: 'Name', Value: 'https' }],
  };
  assertAccounted(vpcSecurityGroupIngressRule, [observeVpcRule(rule, scope)]);
  assertAccounted(vpcSecurityGroupEgressRule, [observeVpcRule({ ...rule, IsEgress: true }, scope)]);
});
