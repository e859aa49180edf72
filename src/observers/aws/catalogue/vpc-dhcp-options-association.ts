/**
 * aws_vpc_dhcp_options_association: one per VPC, from the shared DescribeVpcs listing (a VPC holds
 * exactly one DhcpOptionsId). The provider's id is `<dhcp options id>-<vpc id>` (its import takes the
 * VPC id and builds this); `default` as the options id means the VPC uses no options set.
 */
import type { Vpc } from '@aws-sdk/client-ec2';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';
import { defaultVpcOptionIds } from './vpc-dhcp-options.js';

/** The provider's id of the association of a VPC with an options set. */
export function dhcpOptionsAssociationId(dhcpOptionsId: string, vpcId: string): string {
  return `${dhcpOptionsId}-${vpcId}`;
}

/** The VPC id at the end of an association id (`dopt-1-vpc-2`, `default-vpc-2`). */
function vpcOf(id: string | undefined): string | undefined {
  return /-(vpc-[0-9a-f]+)$/.exec(id ?? '')?.[1];
}

export interface DhcpAssociationItem {
  readonly vpc: Vpc;
  readonly defaultVpcOptionIds: ReadonlySet<string>;
}

function noiseOf({ vpc, defaultVpcOptionIds: defaults }: DhcpAssociationItem): string | undefined {
  if (vpc.IsDefault) return 'the default VPC keeps the DHCP options AWS gave it';
  if ((vpc.DhcpOptionsId ?? 'default') === 'default') return 'the VPC uses no DHCP options set (`default`)';
  if (defaults.has(vpc.DhcpOptionsId ?? '')) return "AWS gives every new VPC the region's default DHCP options set";
  return undefined;
}

export const vpcDhcpOptionsAssociation = defineResourceType<DhcpAssociationItem>({
  type: 'aws_vpc_dhcp_options_association',
  service: 'ec2',
  list: async (repos) => {
    const vpcs = await repos.ec2.vpcs();
    const defaults = defaultVpcOptionIds(vpcs);
    return vpcs.map((vpc) => ({ vpc, defaultVpcOptionIds: defaults }));
  },
  observe: (item) => {
    const dhcpOptionsId = item.vpc.DhcpOptionsId ?? 'default';
    const vpcId = item.vpc.VpcId ?? '';
    const noise = noiseOf(item);
    return {
      id: dhcpOptionsAssociationId(dhcpOptionsId, vpcId),
      attributes: { id: dhcpOptionsAssociationId(dhcpOptionsId, vpcId), dhcp_options_id: dhcpOptionsId, vpc_id: vpcId },
      ...(noise ? { noise } : {}),
    };
  },
  computed: [],
  // The association decides which DNS servers the VPC's instances use.
  policy: ['dhcp_options_id'],
  forcesReplacement: ['vpc_id'],
  identityAttributes: ['vpc_id'],
  trailEvents: ['AssociateDhcpOptions'],
  revert: {
    attributes: ['dhcp_options_id'],
    sends: ['ec2:AssociateDhcpOptions'],
    plan: (f, ctx) => {
      const recorded = recordedOf(f, 'dhcp_options_id');
      const vpcId = vpcOf(f.resource.id);
      if (typeof recorded !== 'string' || !vpcId)
        return { unsupported: 'the recorded options set or VPC is not known' };
      return {
        calls: [awsCall('ec2', 'AssociateDhcpOptions', regionOf(f, ctx), { DhcpOptionsId: recorded, VpcId: vpcId })],
      };
    },
  },
  prune: {
    sends: ['ec2:AssociateDhcpOptions'],
    // AWS has no disassociate call: as the provider's delete, the VPC goes back to no options set.
    plan: (f, ctx) => {
      const vpcId = vpcOf(f.resource.id);
      if (!vpcId) return { unsupported: 'the VPC id is not part of the association id' };
      return {
        calls: [awsCall('ec2', 'AssociateDhcpOptions', regionOf(f, ctx), { DhcpOptionsId: 'default', VpcId: vpcId })],
      };
    },
  },
  codify: {
    arguments: [
      { name: 'vpc_id', required: true },
      { name: 'dhcp_options_id', required: true },
    ],
  },
});
