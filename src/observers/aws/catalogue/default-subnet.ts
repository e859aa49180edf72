/**
 * aws_default_subnet: a default subnet of the default VPC (one per availability zone), adopted by a
 * state. The provider's read is aws_subnet's (resourceSubnetRead): the entry observes through
 * aws_subnet's mapping; its id is the subnet id. Only default subnets (DefaultForAz) are items.
 * The same subnet is also an aws_subnet item, expected noise unless a state imported it as such.
 */
import type { Subnet } from '@aws-sdk/client-ec2';
import { defineResourceType } from './define.js';
import { subnet } from './subnet.js';

export const defaultSubnet = defineResourceType<Subnet>({
  ...subnet,
  type: 'aws_default_subnet',
  list: async (repos, scope) => (await subnet.list(repos, scope)).filter((s) => s.DefaultForAz === true),
  observe: (s, scope) => ({
    id: s.SubnetId ?? '',
    attributes: subnet.observe(s, scope).attributes,
    noise:
      'a default subnet AWS creates in the default VPC, not adopted by any state (Terraform adopts it as aws_default_subnet)',
  }),
  computed: [
    ...(subnet.computed ?? []),
    // Set once when the state adopted the subnet (did it exist already?).
    'existing_default_subnet',
    // Configuration-only: whether `terraform destroy` deletes the subnet instead of forgetting it.
    'force_destroy',
  ],
  // The zone picks the default subnet: a different zone is a different subnet.
  forcesReplacement: ['availability_zone'],
  prune: undefined,
  codify: {
    arguments: [
      { name: 'availability_zone', required: true },
      { name: 'map_public_ip_on_launch', default: true },
      { name: 'tags' },
    ],
  },
});
