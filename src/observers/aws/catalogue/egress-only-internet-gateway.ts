/**
 * aws_egress_only_internet_gateway: DescribeEgressOnlyInternetGateways through the generic listing.
 * The import id is the gateway id. As the provider's read: vpc_id is the VPC of the only
 * attachment when that attachment is `attached`, else "" (its d.Set of nil on a string).
 */
import type { EgressOnlyInternetGateway } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { tagAttributes } from '../mapping.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

export const egressOnlyInternetGateway = defineResourceType<EgressOnlyInternetGateway>({
  type: 'aws_egress_only_internet_gateway',
  service: 'ec2',
  list: (repos) =>
    repos.listing.list('ec2', 'DescribeEgressOnlyInternetGateways', {}, (page) => page.EgressOnlyInternetGateways, 255),
  observe: (g) => {
    const attachments = g.Attachments ?? [];
    const attached = attachments.length === 1 && attachments[0]?.State === 'attached';
    return {
      id: g.EgressOnlyInternetGatewayId ?? '',
      attributes: {
        id: g.EgressOnlyInternetGatewayId,
        vpc_id: attached ? (attachments[0]?.VpcId ?? '') : '',
        ...tagAttributes(g.Tags),
      },
    };
  },
  computed: [],
  policy: ['vpc_id'],
  forcesReplacement: ['vpc_id'],
  trailEvents: ['CreateEgressOnlyInternetGateway', 'DeleteEgressOnlyInternetGateway', 'CreateTags', 'DeleteTags'],
  revert: ec2TagRevert,
  prune: {
    sends: ['ec2:DeleteEgressOnlyInternetGateway'],
    plan: (f, ctx) => ({
      calls: [
        awsCall('ec2', 'DeleteEgressOnlyInternetGateway', regionOf(f, ctx), {
          EgressOnlyInternetGatewayId: f.resource.id ?? '',
        }),
      ],
    }),
  },
  codify: { arguments: [{ name: 'vpc_id', required: true }, { name: 'tags' }] },
});
