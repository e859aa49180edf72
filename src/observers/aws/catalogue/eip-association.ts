/**
 * aws_eip_association: one per associated Elastic IP, from the shared DescribeAddresses listing
 * (aws_eip's). The import id is the association id. As the provider's read: allocation, instance,
 * interface and addresses as returned. Every association is also part of its address (aws_eip's
 * instance, network_interface and association_id), so one no state manages as an
 * aws_eip_association is noise: a hand-made association shows once, on its aws_eip.
 */
import type { Address } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';

export const eipAssociation = defineResourceType<Address>({
  type: 'aws_eip_association',
  service: 'ec2',
  list: async (repos) => (await repos.ec2.addresses()).filter((a) => a.AssociationId),
  observe: (a) => ({
    id: a.AssociationId ?? '',
    attributes: {
      id: a.AssociationId,
      allocation_id: a.AllocationId ?? '',
      instance_id: a.InstanceId ?? '',
      network_interface_id: a.NetworkInterfaceId ?? '',
      private_ip_address: a.PrivateIpAddress ?? '',
      public_ip: a.PublicIp ?? '',
    },
    noise: 'part of its Elastic IP (compared as aws_eip.instance / network_interface / association_id)',
  }),
  // allow_reassociation is configuration only: the provider never reads it back.
  computed: ['allow_reassociation'],
  // Which host answers on the public address.
  policy: ['instance_id', 'network_interface_id', 'public_ip'],
  forcesReplacement: [
    'allocation_id',
    'allow_reassociation',
    'instance_id',
    'network_interface_id',
    'private_ip_address',
    'public_ip',
  ],
  trailEvents: ['AssociateAddress', 'DisassociateAddress'],
  prune: {
    sends: ['ec2:DisassociateAddress'],
    plan: (f, ctx) => ({
      calls: [awsCall('ec2', 'DisassociateAddress', regionOf(f, ctx), { AssociationId: f.resource.id ?? '' })],
    }),
  },
  codify: {
    arguments: [
      { name: 'allocation_id' },
      { name: 'instance_id' },
      { name: 'network_interface_id' },
      { name: 'private_ip_address' },
    ],
  },
});
