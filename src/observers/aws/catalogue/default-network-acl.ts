/**
 * aws_default_network_acl: the default network ACL AWS creates with every VPC, adopted by a state.
 * The provider's read is aws_network_acl's (the AWS deny-all entries left out) plus
 * `default_network_acl_id` (the ACL id again); the entry observes through aws_network_acl's mapping
 * on the same DescribeNetworkAcls listing; its id is the ACL id. Only default ACLs are items. The
 * same ACL is also an aws_network_acl item, expected noise unless imported as such.
 */
import type { NetworkAcl } from '@aws-sdk/client-ec2';
import { defineResourceType } from './define.js';
import { aclAttributes, networkAcl, networkAcls } from './network-acl.js';

export const defaultNetworkAcl = defineResourceType<NetworkAcl>({
  ...networkAcl,
  type: 'aws_default_network_acl',
  list: async (repos) => (await networkAcls(repos)).filter((acl) => acl.IsDefault === true),
  observe: (acl, scope) => ({
    id: acl.NetworkAclId ?? '',
    attributes: { ...aclAttributes(acl, scope), default_network_acl_id: acl.NetworkAclId },
    noise:
      'the default network ACL AWS creates with every VPC, not adopted by any state (Terraform adopts it as aws_default_network_acl)',
  }),
  forcesReplacement: ['default_network_acl_id'],
  codify: {
    arguments: [
      { name: 'default_network_acl_id', required: true },
      ...(networkAcl.codify?.arguments.filter((a) => a.name !== 'vpc_id') ?? []),
    ],
  },
});
