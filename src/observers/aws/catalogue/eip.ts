/** aws_eip: DescribeAddresses (one call, no pagination). The import id is the allocation id. */
import type { Address } from '@aws-sdk/client-ec2';
import { arnOf, tagAttributes } from '../mapping.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

export const eip = defineResourceType<Address>({
  type: 'aws_eip',
  service: 'ec2',
  list: (repos) => repos.ec2.addresses(),
  observe: (a, scope) => ({
    id: a.AllocationId ?? a.PublicIp ?? '',
    attributes: {
      id: a.AllocationId ?? a.PublicIp,
      allocation_id: a.AllocationId,
      arn: arnOf('ec2', scope.region, scope.account, `elastic-ip/${a.AllocationId}`),
      domain: a.Domain,
      public_ip: a.PublicIp,
      private_ip: a.PrivateIpAddress ?? '',
      instance: a.InstanceId ?? '',
      network_interface: a.NetworkInterfaceId ?? '',
      association_id: a.AssociationId ?? '',
      public_ipv4_pool: a.PublicIpv4Pool,
      network_border_group: a.NetworkBorderGroup,
      customer_owned_ipv4_pool: a.CustomerOwnedIpv4Pool ?? '',
      customer_owned_ip: a.CustomerOwnedIp ?? '',
      carrier_ip: a.CarrierIp ?? '',
      ptr_record: '',
      ...tagAttributes(a.Tags),
    },
  }),
  // Derived names, config-only inputs and values that need other calls (DescribeAddressesAttribute).
  computed: ['public_dns', 'private_dns', 'associate_with_private_ip', 'address', 'ptr_record', 'ipam_pool_id', 'vpc'],
  defaults: [{ path: 'public_ipv4_pool', value: 'amazon', why: 'addresses from the Amazon pool report pool `amazon`' }],
  policy: ['instance', 'network_interface'],
  forcesReplacement: [
    'domain',
    'vpc',
    'public_ipv4_pool',
    'network_border_group',
    'customer_owned_ipv4_pool',
    'address',
    'ipam_pool_id',
  ],
  trailEvents: [
    'AllocateAddress',
    'ReleaseAddress',
    'AssociateAddress',
    'DisassociateAddress',
    'CreateTags',
    'DeleteTags',
  ],
  revert: ec2TagRevert,
  codify: { arguments: [{ name: 'domain', default: 'standard' }, { name: 'tags' }] },
});
