import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { defaultNetworkAcl } from './default-network-acl.js';

const observedItems = trackObservations(defaultNetworkAcl);
const scope = { account: '123456789012', region: 'eu-west-1' };
const DEFAULT = {
  NetworkAclId: 'acl-d',
  VpcId: 'vpc-1',
  OwnerId: '123456789012',
  IsDefault: true,
  Associations: [{ SubnetId: 'subnet-1' }],
  Entries: [
    { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow' as const, Egress: false, CidrBlock: '0.0.0.0/0' },
    { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny' as const, Egress: false, CidrBlock: '0.0.0.0/0' },
    { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow' as const, Egress: true, CidrBlock: '0.0.0.0/0' },
  ],
};

test('aws_default_network_acl observes default ACLs only, entries as aws_network_acl maps them', async () => {
  const repos = {
    listing: { list: async () => [DEFAULT, { NetworkAclId: 'acl-1', IsDefault: false }] },
  } as never;
  assert.deepEqual(
    (await defaultNetworkAcl.list(repos, scope)).map((a) => a.NetworkAclId),
    ['acl-d'],
  );
  const o = defaultNetworkAcl.observe(DEFAULT, scope);
  assert.equal(o.id, 'acl-d');
  assert.equal(o.attributes['default_network_acl_id'], 'acl-d');
  assert.equal((o.attributes['ingress'] as unknown[]).length, 1, 'the deny-all entry is left out');
  assert.deepEqual(o.attributes['subnet_ids'], ['subnet-1']);
  assert.match(o.noise ?? '', /aws_default_network_acl/);
});

test('every provider attribute of aws_default_network_acl is observed by these fixtures or declared with a reason', () => {
  assertAccounted(defaultNetworkAcl, observedItems);
});
