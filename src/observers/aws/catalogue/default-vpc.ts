/**
 * aws_default_vpc: the default VPC AWS creates in every region, adopted by a state. The provider's
 * read is aws_vpc's (resourceVPCRead), so the entry observes through aws_vpc's mapping, deep read and
 * revert; its id is the VPC id. Only the default VPC is an item of this type.
 *
 * The same VPC is also an aws_vpc item (a state may import it as aws_vpc); pairing is by type and
 * id, so whichever type a state adopts it under pairs, and the other observation stays expected
 * noise: a default VPC is never both managed and reported unmanaged.
 */
import type { Vpc } from '@aws-sdk/client-ec2';
import { defineResourceType } from './define.js';
import { vpc } from './vpc.js';

export const defaultVpc = defineResourceType<Vpc>({
  ...vpc,
  type: 'aws_default_vpc',
  list: async (repos, scope) => (await vpc.list(repos, scope)).filter((v) => v.IsDefault === true),
  observe: (v, scope) => ({
    id: v.VpcId ?? '',
    attributes: vpc.observe(v, scope).attributes,
    noise:
      'the default VPC AWS creates in every region, not adopted by any state (Terraform adopts it as aws_default_vpc)',
  }),
  computed: [
    ...(vpc.computed ?? []),
    // Set once when the state adopted the VPC (did it exist already?); configuration-only afterwards.
    'existing_default_vpc',
    // Configuration-only: whether `terraform destroy` deletes the VPC instead of forgetting it.
    'force_destroy',
  ],
  // The provider never creates or replaces a default VPC: nothing forces a replacement.
  forcesReplacement: [],
  // Destroying the resource only forgets the VPC (unless force_destroy): never pruned.
  prune: undefined,
  codify: {
    arguments: [
      { name: 'enable_dns_support', default: true },
      { name: 'enable_dns_hostnames', default: true },
      { name: 'tags' },
    ],
  },
});
