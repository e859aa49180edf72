import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { vpcIpv4CidrBlockAssociation } from './vpc-ipv4-cidr-block-association.js';

const observedItems = trackObservations(vpcIpv4CidrBlockAssociation);
const scope = { account: '123456789012', region: 'eu-west-1' };

test('aws_vpc_ipv4_cidr_block_association: a secondary CIDR is a finding when unmanaged, the primary is part of the VPC', () => {
  const vpc = { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' };
  const secondary = vpcIpv4CidrBlockAssociation.observe(
    {
      vpc,
      association: {
        AssociationId: 'vpc-cidr-assoc-2',
        CidrBlock: '10.1.0.0/16',
        CidrBlockState: { State: 'associated' },
      },
    },
    scope,
  );
  assert.deepEqual(secondary.attributes, { id: 'vpc-cidr-assoc-2', cidr_block: '10.1.0.0/16', vpc_id: 'vpc-1' });
  assert.equal(secondary.noise, undefined);
  const primary = vpcIpv4CidrBlockAssociation.observe(
    { vpc, association: { AssociationId: 'vpc-cidr-assoc-1', CidrBlock: '10.0.0.0/16' } },
    scope,
  );
  assert.match(primary.noise ?? '', /aws_vpc\.cidr_block/);
});

test('aws_vpc_ipv4_cidr_block_association prune disassociates the CIDR', () => {
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const finding = {
    resource: { type: 'aws_vpc_ipv4_cidr_block_association', id: 'vpc-cidr-assoc-2', region: 'eu-west-1' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(vpcIpv4CidrBlockAssociation.prune!.plan(finding, ctx), {
    calls: [
      {
        service: 'ec2',
        operation: 'DisassociateVpcCidrBlock',
        region: 'eu-west-1',
        input: { AssociationId: 'vpc-cidr-assoc-2' },
      },
    ],
  });
});

test('every provider attribute of aws_vpc_ipv4_cidr_block_association is observed by these fixtures or declared with a reason', () => {
  assertAccounted(vpcIpv4CidrBlockAssociation, observedItems);
});
