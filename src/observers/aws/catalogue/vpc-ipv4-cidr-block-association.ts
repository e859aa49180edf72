/**
 * aws_vpc_ipv4_cidr_block_association: one per IPv4 CIDR association of a VPC, from the shared
 * DescribeVpcs listing. The import id is the association id. As the provider's read: a
 * disassociated or failed association is gone; cidr_block and vpc_id as returned. The VPC's primary
 * CIDR is part of the VPC (aws_vpc.cidr_block): noise with that reason.
 */
import type { Vpc, VpcCidrBlockAssociation } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';

export interface CidrAssociationItem {
  readonly vpc: Vpc;
  readonly association: VpcCidrBlockAssociation;
}

const GONE = new Set(['disassociated', 'failed']);

export const vpcIpv4CidrBlockAssociation = defineResourceType<CidrAssociationItem>({
  type: 'aws_vpc_ipv4_cidr_block_association',
  service: 'ec2',
  list: async (repos) =>
    (await repos.ec2.vpcs()).flatMap((vpc) =>
      (vpc.CidrBlockAssociationSet ?? [])
        .filter((a) => !GONE.has(a.CidrBlockState?.State ?? ''))
        .map((association) => ({ vpc, association })),
    ),
  observe: ({ vpc, association: a }) => ({
    id: a.AssociationId ?? '',
    attributes: { id: a.AssociationId, cidr_block: a.CidrBlock ?? '', vpc_id: vpc.VpcId },
    ...(a.CidrBlock === vpc.CidrBlock
      ? { noise: "the VPC's primary CIDR, made with the VPC (compared as aws_vpc.cidr_block)" }
      : {}),
  }),
  // IPAM inputs: configuration only, the API does not echo them back on the association.
  computed: ['ipv4_ipam_pool_id', 'ipv4_netmask_length'],
  policy: ['cidr_block'],
  forcesReplacement: ['cidr_block', 'ipv4_ipam_pool_id', 'ipv4_netmask_length', 'vpc_id'],
  trailEvents: ['AssociateVpcCidrBlock', 'DisassociateVpcCidrBlock'],
  prune: {
    sends: ['ec2:DisassociateVpcCidrBlock'],
    plan: (f, ctx) => ({
      calls: [awsCall('ec2', 'DisassociateVpcCidrBlock', regionOf(f, ctx), { AssociationId: f.resource.id ?? '' })],
    }),
  },
  codify: {
    arguments: [
      { name: 'vpc_id', required: true },
      { name: 'cidr_block', required: true },
    ],
  },
});
