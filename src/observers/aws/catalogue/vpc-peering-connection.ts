/**
 * aws_vpc_peering_connection: DescribeVpcPeeringConnections through the generic listing. The import
 * id is the connection id. As the provider's read: a deleted, expired, failed or rejected connection
 * is gone; from the requester's side vpc_id is the requester VPC and peer_* the accepter's, from the
 * accepter's side (accepter owner is this account, requester another) the other way round;
 * peer_region is the accepter's region; accepter/requester blocks only where AWS returns options.
 */
import type { VpcPeeringConnection, VpcPeeringConnectionOptionsDescription } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { tagAttributes } from '../mapping.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

/** Status codes the provider's finder treats as not found. */
const GONE = new Set(['deleted', 'expired', 'failed', 'rejected']);

function options(o: VpcPeeringConnectionOptionsDescription | undefined): unknown[] {
  return o ? [{ allow_remote_vpc_dns_resolution: o.AllowDnsResolutionFromRemoteVpc ?? false }] : [];
}

export const vpcPeeringConnection = defineResourceType<VpcPeeringConnection>({
  type: 'aws_vpc_peering_connection',
  service: 'ec2',
  list: async (repos) =>
    (
      await repos.listing.list('ec2', 'DescribeVpcPeeringConnections', {}, (page) => page.VpcPeeringConnections, 1000)
    ).filter((p) => !GONE.has(p.Status?.Code ?? '')),
  observe: (p, scope) => {
    const accepter = p.AccepterVpcInfo;
    const requester = p.RequesterVpcInfo;
    const weAccept = accepter?.OwnerId === scope.account && requester?.OwnerId !== scope.account;
    const [own, peer] = weAccept ? [accepter, requester] : [requester, accepter];
    return {
      id: p.VpcPeeringConnectionId ?? '',
      attributes: {
        id: p.VpcPeeringConnectionId,
        accept_status: p.Status?.Code ?? '',
        peer_owner_id: peer?.OwnerId ?? '',
        peer_region: accepter?.Region ?? '',
        peer_vpc_id: peer?.VpcId ?? '',
        vpc_id: own?.VpcId ?? '',
        accepter: options(accepter?.PeeringOptions),
        requester: options(requester?.PeeringOptions),
        ...tagAttributes(p.Tags),
      },
      ...(weAccept
        ? { noise: 'requested by another account (managed there; here only as aws_vpc_peering_connection_accepter)' }
        : {}),
    };
  },
  // auto_accept is configuration only: the provider never reads it back.
  computed: ['auto_accept'],
  // Which networks reach each other.
  policy: ['peer_vpc_id', 'peer_owner_id', 'vpc_id', 'accept_status'],
  forcesReplacement: ['peer_owner_id', 'peer_region', 'peer_vpc_id', 'vpc_id'],
  trailEvents: [
    'CreateVpcPeeringConnection',
    'AcceptVpcPeeringConnection',
    'RejectVpcPeeringConnection',
    'DeleteVpcPeeringConnection',
    'ModifyVpcPeeringConnectionOptions',
    'CreateTags',
    'DeleteTags',
  ],
  revert: ec2TagRevert,
  prune: {
    sends: ['ec2:DeleteVpcPeeringConnection'],
    plan: (f, ctx) => ({
      calls: [
        awsCall('ec2', 'DeleteVpcPeeringConnection', regionOf(f, ctx), { VpcPeeringConnectionId: f.resource.id ?? '' }),
      ],
    }),
  },
  codify: {
    arguments: [
      { name: 'vpc_id', required: true },
      { name: 'peer_vpc_id', required: true },
      { name: 'peer_owner_id' },
      { name: 'peer_region' },
      { name: 'tags' },
    ],
  },
});
