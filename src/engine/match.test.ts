import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Resource } from '../model/resource.js';
import { attributeIdentity } from './match.js';

const rule = (attributes: Record<string, unknown>) =>
  ({ address: 'a', type: 'aws_network_acl_rule', mode: 'managed', attributes }) as unknown as Resource;

test('identity attributes may be numbers and booleans (ACL, rule number, direction); empty and null never identify', () => {
  const identity = ['network_acl_id', 'rule_number', 'egress'];
  assert.equal(
    attributeIdentity(rule({ network_acl_id: 'acl-1', rule_number: 100, egress: false }), identity),
    'aws_network_acl_rule\u0000acl-1\u0000100\u0000false',
  );
  assert.notEqual(
    attributeIdentity(rule({ network_acl_id: 'acl-1', rule_number: 100, egress: true }), identity),
    attributeIdentity(rule({ network_acl_id: 'acl-1', rule_number: 100, egress: false }), identity),
  );
  assert.equal(attributeIdentity(rule({ network_acl_id: '', rule_number: 100, egress: false }), identity), undefined);
  assert.equal(
    attributeIdentity(rule({ network_acl_id: 'acl-1', rule_number: null, egress: false }), identity),
    undefined,
  );
});
