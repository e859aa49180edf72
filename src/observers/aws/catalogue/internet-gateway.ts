/** aws_internet_gateway: DescribeInternetGateways. The import id is the gateway id. */
import type { InternetGateway } from '@aws-sdk/client-ec2';
import { arnOf, tagAttributes } from '../mapping.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

/** A gateway with the ids of the default VPCs of its region, to recognise the default VPC's gateway. */
export interface GatewayItem {
  readonly gateway: InternetGateway;
  readonly defaultVpcIds: ReadonlySet<string>;
}

export const internetGateway = defineResourceType<GatewayItem>({
  type: 'aws_internet_gateway',
  service: 'ec2',
  list: async (repos) => {
    const [gateways, vpcs] = await Promise.all([repos.ec2.internetGateways(), repos.ec2.vpcs()]);
    const defaultVpcIds = new Set(vpcs.filter((v) => v.IsDefault && v.VpcId).map((v) => v.VpcId as string));
    return gateways.map((gateway) => ({ gateway, defaultVpcIds }));
  },
  observe: ({ gateway: g, defaultVpcIds }, scope) => {
    const vpcId = g.Attachments?.[0]?.VpcId;
    return {
      id: g.InternetGatewayId ?? '',
      attributes: {
        id: g.InternetGatewayId,
        arn: arnOf('ec2', scope.region, g.OwnerId ?? scope.account, `internet-gateway/${g.InternetGatewayId}`),
        vpc_id: vpcId ?? '',
        owner_id: g.OwnerId,
        ...tagAttributes(g.Tags),
      },
      ...(vpcId && defaultVpcIds.has(vpcId) ? { noise: 'the internet gateway AWS attaches to the default VPC' } : {}),
    };
  },
  computed: [],
  policy: ['vpc_id'],
  trailEvents: [
    'CreateInternetGateway',
    'DeleteInternetGateway',
    'AttachInternetGateway',
    'DetachInternetGateway',
    'CreateTags',
    'DeleteTags',
  ],
  revert: ec2TagRevert,
  codify: { arguments: [{ name: 'vpc_id' }, { name: 'tags' }] },
});
