/**
 * aws_vpc_dhcp_options: DescribeDhcpOptions through the generic listing. The import id is the
 * options set id. As the provider's read: every option is first reset (strings "", lists []), then
 * set from the returned configurations (a string option takes the first value, a list keeps the
 * API's order); the ARN is built from the owner id.
 */
import type { DhcpOptions, Vpc } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { arnOf, tagAttributes } from '../mapping.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

/** The provider's attribute for each DHCP option key, and whether it holds one string or a list. */
const OPTIONS: ReadonlyArray<readonly [key: string, attribute: string, list: boolean]> = [
  ['domain-name', 'domain_name', false],
  ['domain-name-servers', 'domain_name_servers', true],
  ['ipv6-address-preferred-lease-time', 'ipv6_address_preferred_lease_time', false],
  ['netbios-name-servers', 'netbios_name_servers', true],
  ['netbios-node-type', 'netbios_node_type', false],
  ['ntp-servers', 'ntp_servers', true],
];

/** An options set with the DHCP options ids the region's default VPCs use (AWS-made sets). */
export interface DhcpOptionsItem {
  readonly options: DhcpOptions;
  readonly defaultVpcOptionIds: ReadonlySet<string>;
}

/** The DHCP options ids of the default VPCs: the set AWS makes for the region and gives its default VPC. */
export function defaultVpcOptionIds(vpcs: ReadonlyArray<Vpc>): Set<string> {
  return new Set(vpcs.filter((v) => v.IsDefault && v.DhcpOptionsId).map((v) => v.DhcpOptionsId as string));
}

export const vpcDhcpOptions = defineResourceType<DhcpOptionsItem>({
  type: 'aws_vpc_dhcp_options',
  service: 'ec2',
  list: async (repos) => {
    const [sets, vpcs] = await Promise.all([
      repos.listing.list('ec2', 'DescribeDhcpOptions', {}, (page) => page.DhcpOptions, 1000),
      repos.ec2.vpcs(),
    ]);
    const defaults = defaultVpcOptionIds(vpcs);
    return sets.map((options) => ({ options, defaultVpcOptionIds: defaults }));
  },
  observe: ({ options: o, defaultVpcOptionIds: defaults }, scope) => {
    const attributes: Record<string, unknown> = {
      id: o.DhcpOptionsId,
      arn: arnOf('ec2', scope.region, o.OwnerId ?? '', `dhcp-options/${o.DhcpOptionsId}`),
      owner_id: o.OwnerId ?? '',
    };
    for (const [, attribute, list] of OPTIONS) attributes[attribute] = list ? [] : '';
    for (const configuration of o.DhcpConfigurations ?? []) {
      const option = OPTIONS.find(([key]) => key === configuration.Key);
      if (!option) continue;
      const values = (configuration.Values ?? []).map((v) => v.Value ?? '');
      attributes[option[1]] = option[2] ? values : (values[0] ?? '');
    }
    return {
      id: o.DhcpOptionsId ?? '',
      attributes: { ...attributes, ...tagAttributes(o.Tags) },
      ...(o.DhcpOptionsId && defaults.has(o.DhcpOptionsId)
        ? { noise: 'the DHCP options set AWS creates for the region and gives its default VPC' }
        : {}),
    };
  },
  computed: [],
  // Which DNS and time servers every instance of the VPCs using the set trusts.
  policy: ['domain_name_servers', 'ntp_servers', 'netbios_name_servers'],
  forcesReplacement: OPTIONS.map(([, attribute]) => attribute),
  trailEvents: ['CreateDhcpOptions', 'DeleteDhcpOptions', 'AssociateDhcpOptions', 'CreateTags', 'DeleteTags'],
  revert: ec2TagRevert,
  prune: {
    sends: ['ec2:DeleteDhcpOptions'],
    plan: (f, ctx) => ({
      calls: [awsCall('ec2', 'DeleteDhcpOptions', regionOf(f, ctx), { DhcpOptionsId: f.resource.id ?? '' })],
    }),
  },
  codify: {
    arguments: [
      { name: 'domain_name' },
      { name: 'domain_name_servers' },
      { name: 'ntp_servers' },
      { name: 'netbios_name_servers' },
      { name: 'netbios_node_type' },
      { name: 'ipv6_address_preferred_lease_time' },
      { name: 'tags' },
    ],
  },
});
