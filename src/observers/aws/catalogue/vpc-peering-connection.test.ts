import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { vpcPeeringConnection } from './vpc-peering-connection.js';

const observedItems = trackObservations(vpcPeeringConnection);
const scope = { account: '111111111111', region: 'eu-west-1' };

test('aws_vpc_peering_connection from the requester side: vpc_id is ours, peer_* the accepter', () => {
  const o = vpcPeeringConnection.observe(
    {
      VpcPeeringConnectionId: 'pcx-1',
      Status: { Code: 'active' },
      RequesterVpcInfo: { OwnerId: '111111111111', VpcId: 'vpc-a', Region: 'eu-west-1' },
      AccepterVpcInfo: {
        OwnerId: '222222222222',
        VpcId: 'vpc-b',
        Region: 'eu-central-1',
        PeeringOptions: { AllowDnsResolutionFromRemoteVpc: true },
      },
      Tags: [{ Key: 'Name', Value: 'a-b' }],
    },
    scope,
  );
  assert.deepEqual(o.attributes, {
    id: 'pcx-1',
    accept_status: 'active',
    peer_owner_id: '222222222222',
    peer_region: 'eu-central-1',
    peer_vpc_id: 'vpc-b',
    vpc_id: 'vpc-a',
    accepter: [{ allow_remote_vpc_dns_resolution: true }],
    requester: [],
    tags: { Name: 'a-b' },
    tags_all: { Name: 'a-b' },
  });
  assert.equal(o.noise, undefined);
});

test('aws_vpc_peering_connection from the accepter side: the sides swap, and it is noise (managed by the requester)', () => {
  const o = vpcPeeringConnection.observe(
    {
      VpcPeeringConnectionId: 'pcx-2',
      Status: { Code: 'pending-acceptance' },
      RequesterVpcInfo: { OwnerId: '222222222222', VpcId: 'vpc-b', Region: 'eu-central-1' },
      AccepterVpcInfo: { OwnerId: '111111111111', VpcId: 'vpc-a', Region: 'eu-west-1' },
    },
    scope,
  );
  assert.equal(o.attributes['vpc_id'], 'vpc-a');
  assert.equal(o.attributes['peer_vpc_id'], 'vpc-b');
  assert.equal(o.attributes['peer_owner_id'], '222222222222');
  assert.equal(o.attributes['peer_region'], 'eu-west-1', "peer_region is always the accepter's region");
  assert.match(o.noise ?? '', /another account/);
});

test('aws_vpc_peering_connection prune deletes the connection', () => {
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const finding = {
    resource: { type: 'aws_vpc_peering_connection', id: 'pcx-1', region: 'eu-west-1' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(vpcPeeringConnection.prune!.plan(finding, ctx), {
    calls: [
      {
        service: 'ec2',
        operation: 'DeleteVpcPeeringConnection',
        region: 'eu-west-1',
        input: { VpcPeeringConnectionId: 'pcx-1' },
      },
    ],
  });
});

test('every provider attribute of aws_vpc_peering_connection is observed by these fixtures or declared with a reason', () => {
  assertAccounted(vpcPeeringConnection, observedItems);
});
