/**
 * aws_default_security_group: the `default` group AWS creates with every VPC, adopted by a state.
 * The provider's read is aws_security_group's (resourceSecurityGroupRead): the entry observes
 * through aws_security_group's mapping and reverts rules and tags the same way; its id is the
 * group id. Adopting it removes AWS's own rules unless the configuration repeats them, so the
 * recorded rules are exactly the configured ones. The same group is also an aws_security_group
 * item, expected noise unless a state imported it as such.
 */
import type { SecurityGroup } from '@aws-sdk/client-ec2';
import { defineResourceType } from './define.js';
import { securityGroup } from './security-group.js';

export const defaultSecurityGroup = defineResourceType<SecurityGroup>({
  ...securityGroup,
  type: 'aws_default_security_group',
  list: async (repos, scope) => (await securityGroup.list(repos, scope)).filter((g) => g.GroupName === 'default'),
  observe: (g, scope) => ({
    id: g.GroupId ?? '',
    attributes: securityGroup.observe(g, scope).attributes,
    noise:
      'the default security group AWS creates with every VPC, not adopted by any state (Terraform adopts it as aws_default_security_group)',
  }),
  // The provider's description default is for groups it creates; AWS names this one.
  defaults: [],
  // Neither name nor description of a default group can change: nothing forces a replacement.
  forcesReplacement: [],
  // A default group cannot be deleted while its VPC exists.
  prune: undefined,
  codify: {
    arguments: [
      { name: 'vpc_id' },
      // not-observation: codify's argument list
      ...(securityGroup.codify?.arguments.filter((a) => a.name === 'ingress' || a.name === 'egress') ?? []),
      { name: 'tags' },
    ],
  },
});
