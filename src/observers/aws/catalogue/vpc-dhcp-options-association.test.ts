import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { dhcpOptionsAssociationId, vpcDhcpOptionsAssociation } from './vpc-dhcp-options-association.js';

const observedItems = trackObservations(vpcDhcpOptionsAssociation);
const scope = { account: '123456789012', region: 'eu-west-1' };
const defaults = new Set(['dopt-aws']);

test('aws_vpc_dhcp_options_association: one per VPC, the provider id <options>-<vpc>', () => {
  const o = vpcDhcpOptionsAssociation.observe(
    { vpc: { VpcId: 'vpc-0a1', DhcpOptionsId: 'dopt-0b2' }, defaultVpcOptionIds: defaults },
    scope,
  );
  assert.equal(o.id, 'dopt-0b2-vpc-0a1');
  assert.equal(dhcpOptionsAssociationId('dopt-0b2', 'vpc-0a1'), o.id);
  assert.deepEqual(o.attributes, { id: 'dopt-0b2-vpc-0a1', dhcp_options_id: 'dopt-0b2', vpc_id: 'vpc-0a1' });
  assert.equal(o.noise, undefined, 'a set associated by hand is a finding when no state manages it');
});

test('aws_vpc_dhcp_options_association: AWS-made associations are noise with their reason', () => {
  const noise = (vpc: object) =>
    vpcDhcpOptionsAssociation.observe({ vpc, defaultVpcOptionIds: defaults }, scope).noise ?? '';
  assert.match(noise({ VpcId: 'vpc-d', DhcpOptionsId: 'dopt-aws', IsDefault: true }), /default VPC/);
  assert.match(noise({ VpcId: 'vpc-2', DhcpOptionsId: 'dopt-aws' }), /every new VPC/);
  assert.match(noise({ VpcId: 'vpc-3', DhcpOptionsId: 'default' }), /no DHCP options set/);
  assert.match(noise({ VpcId: 'vpc-4' }), /no DHCP options set/);
});

test('aws_vpc_dhcp_options_association: revert associates the recorded set, prune goes back to `default`', () => {
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const resource = { type: 'aws_vpc_dhcp_options_association', id: 'dopt-0b2-vpc-0a1', region: 'eu-west-1' };
  const revert = vpcDhcpOptionsAssociation.revert!.plan(
    {
      resource,
      kind: 'configuration',
      changes: [{ path: 'dhcp_options_id', recorded: 'dopt-0b2', observed: 'dopt-0c3', sensitive: false }],
    } as never,
    ctx,
  );
  assert.deepEqual(revert, {
    calls: [
      {
        service: 'ec2',
        operation: 'AssociateDhcpOptions',
        region: 'eu-west-1',
        input: { DhcpOptionsId: 'dopt-0b2', VpcId: 'vpc-0a1' },
      },
    ],
  });
  const prune = vpcDhcpOptionsAssociation.prune!.plan({ resource, kind: 'unmanaged', changes: [] } as never, ctx);
  assert.deepEqual(prune, {
    calls: [
      {
        service: 'ec2',
        operation: 'AssociateDhcpOptions',
        region: 'eu-west-1',
        input: { DhcpOptionsId: 'default', VpcId: 'vpc-0a1' },
      },
    ],
  });
});

test('every provider attribute of aws_vpc_dhcp_options_association is observed by these fixtures or declared with a reason', () => {
  assertAccounted(vpcDhcpOptionsAssociation, observedItems);
});
