/**
 * Network, compute and storage of the demo estate, created with the calls and arguments the
 * Terraform AWS provider sends for the configuration sketched in each comment, then read back
 * (as the provider reads after create) so the state can record what AWS answered.
 */
import { createHash } from 'node:crypto';
import {
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import {
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateLaunchTemplateCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
  RevokeSecurityGroupEgressCommand,
  RunInstancesCommand,
  type Instance,
  type InternetGateway,
  type IpPermission,
  type LaunchTemplate,
  type LaunchTemplateVersion,
  type RouteTable,
  type SecurityGroup,
  type Subnet,
  type Volume,
  type Vpc,
} from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  ModifyLoadBalancerAttributesCommand,
  type Listener,
  type LoadBalancer,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { EstateClients } from './clients.js';
import type { DataResources, IdentityResources } from './estate-aws-services.js';

export interface EstateContext {
  readonly clients: EstateClients;
  readonly account: string;
  readonly region: string;
  /** The provider's default_tags: sent with every taggable resource. */
  readonly tags: Readonly<Record<string, string>>;
}

export const AVAILABILITY_ZONES = ['eu-west-1a', 'eu-west-1b'] as const;
export const VPC_CIDR = '10.20.0.0/16';
export const AMI_ID = 'ami-0d64bb532e0502c46';
export const USER_DATA = '#!/bin/bash\necho "hello from driftwarden demo" > /var/www/index.html\n';

export interface NetworkResources {
  readonly vpc: Vpc;
  /** What AWS created with the VPC, which the provider records on aws_vpc. */
  readonly vpcDefaults: {
    readonly mainRouteTableId: string;
    readonly defaultNetworkAclId: string;
    readonly defaultSecurityGroupId: string;
  };
  readonly privateSubnets: Readonly<Record<string, Subnet>>;
  readonly publicSubnets: Readonly<Record<string, Subnet>>;
  readonly internetGateway: InternetGateway;
  readonly routeTable: RouteTable;
  readonly webSecurityGroup: SecurityGroup;
  readonly bastionSecurityGroup: SecurityGroup;
}

export interface ComputeResources {
  readonly instances: ReadonlyArray<Instance>;
  readonly launchTemplate: LaunchTemplate;
  readonly launchTemplateVersion: LaunchTemplateVersion;
  readonly autoScalingGroup: AutoScalingGroup;
  readonly loadBalancer: LoadBalancer;
  readonly loadBalancerAttributes: Readonly<Record<string, string>>;
  readonly targetGroup: TargetGroup;
  readonly targetGroupAttributes: Readonly<Record<string, string>>;
  readonly listener: Listener;
}

export interface StorageResources {
  readonly volume: Volume;
  readonly attachment: { readonly device: string; readonly volumeId: string; readonly instanceId: string };
}

export type EstateResources = NetworkResources &
  ComputeResources &
  StorageResources &
  IdentityResources &
  DataResources;

/** `{Name: ...}` plus the default tags, as the SDK wants them. */
export function tagList(context: EstateContext, own: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries({ ...context.tags, ...own }).map(([Key, Value]) => ({ Key, Value }));
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the endpoint did not return ${what}`);
  return value;
}

export async function createNetwork(context: EstateContext): Promise<NetworkResources> {
  const ec2 = context.clients.ec2;
  // module "network": aws_vpc.main { cidr_block, enable_dns_hostnames = true }
  const vpcId = required(
    (
      await ec2.send(
        new CreateVpcCommand({
          CidrBlock: VPC_CIDR,
          TagSpecifications: [{ ResourceType: 'vpc', Tags: tagList(context, { Name: 'demo' }) }],
        }),
      )
    ).Vpc?.VpcId,
    'a VPC id',
  );
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));

  // aws_subnet.private / .public, for_each over the availability zones.
  const subnets = async (kind: 'private' | 'public', offset: number): Promise<Record<string, Subnet>> => {
    const out: Record<string, Subnet> = {};
    for (const [i, az] of AVAILABILITY_ZONES.entries()) {
      const created = await ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: `10.20.${offset + i}.0/24`,
          AvailabilityZone: az,
          TagSpecifications: [
            { ResourceType: 'subnet', Tags: tagList(context, { Name: `demo-${kind}-${az}`, Tier: kind }) },
          ],
        }),
      );
      const subnetId = required(created.Subnet?.SubnetId, 'a subnet id');
      if (kind === 'public')
        await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } }));
      out[az] = required(
        (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }))).Subnets?.[0],
        'the subnet',
      );
    }
    return out;
  };
  const privateSubnets = await subnets('private', 1);
  const publicSubnets = await subnets('public', 101);

  const igwId = required(
    (
      await ec2.send(
        new CreateInternetGatewayCommand({
          TagSpecifications: [{ ResourceType: 'internet-gateway', Tags: tagList(context, { Name: 'demo' }) }],
        }),
      )
    ).InternetGateway?.InternetGatewayId,
    'an internet gateway id',
  );
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  const rtbId = required(
    (
      await ec2.send(
        new CreateRouteTableCommand({
          VpcId: vpcId,
          TagSpecifications: [{ ResourceType: 'route-table', Tags: tagList(context, { Name: 'demo-public' }) }],
        }),
      )
    ).RouteTable?.RouteTableId,
    'a route table id',
  );
  await ec2.send(new CreateRouteCommand({ RouteTableId: rtbId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }));

  // aws_security_group.web: HTTPS from anywhere, HTTP from inside the VPC, all egress. The provider
  // creates the group, revokes AWS's default egress rule, then authorizes the configured rules.
  const webId = await createSecurityGroup(context, vpcId, 'web', 'Web tier: HTTPS from the internet', [
    {
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'HTTPS from anywhere' }],
    },
    {
      IpProtocol: 'tcp',
      FromPort: 80,
      ToPort: 80,
      IpRanges: [{ CidrIp: VPC_CIDR, Description: 'HTTP inside the VPC' }],
    },
  ]);
  // aws_security_group.bastion: SSH from the office range only; no description (provider default).
  const bastionId = await createSecurityGroup(context, vpcId, 'bastion', 'Managed by Terraform', [
    {
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      IpRanges: [{ CidrIp: '203.0.113.0/24', Description: 'SSH from the office' }],
    },
  ]);

  const byVpc = [{ Name: 'vpc-id', Values: [vpcId] }];
  const [vpc, igw, rtb, groups, mainTables, acls, defaultGroups] = await Promise.all([
    ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] })),
    ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [igwId] })),
    ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [rtbId] })),
    ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [webId, bastionId] })),
    ec2.send(new DescribeRouteTablesCommand({ Filters: [...byVpc, { Name: 'association.main', Values: ['true'] }] })),
    ec2.send(new DescribeNetworkAclsCommand({ Filters: [...byVpc, { Name: 'default', Values: ['true'] }] })),
    ec2.send(new DescribeSecurityGroupsCommand({ Filters: [...byVpc, { Name: 'group-name', Values: ['default'] }] })),
  ]);
  const group = (id: string) =>
    required(
      groups.SecurityGroups?.find((g) => g.GroupId === id),
      `security group ${id}`,
    );
  return {
    vpc: required(vpc.Vpcs?.[0], 'the VPC'),
    vpcDefaults: {
      mainRouteTableId: mainTables.RouteTables?.[0]?.RouteTableId ?? '',
      defaultNetworkAclId: acls.NetworkAcls?.[0]?.NetworkAclId ?? '',
      defaultSecurityGroupId: defaultGroups.SecurityGroups?.[0]?.GroupId ?? '',
    },
    privateSubnets,
    publicSubnets,
    internetGateway: required(igw.InternetGateways?.[0], 'the internet gateway'),
    routeTable: required(rtb.RouteTables?.[0], 'the route table'),
    webSecurityGroup: group(webId),
    bastionSecurityGroup: group(bastionId),
  };
}

async function createSecurityGroup(
  context: EstateContext,
  vpcId: string,
  name: string,
  description: string,
  ingress: IpPermission[],
): Promise<string> {
  const ec2 = context.clients.ec2;
  const groupId = required(
    (
      await ec2.send(
        new CreateSecurityGroupCommand({
          GroupName: name,
          Description: description,
          VpcId: vpcId,
          TagSpecifications: [{ ResourceType: 'security-group', Tags: tagList(context, { Name: name }) }],
        }),
      )
    ).GroupId,
    'a security group id',
  );
  const allEgress = [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }];
  await ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: allEgress }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: ingress }));
  await ec2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: allEgress }));
  return groupId;
}

export async function createCompute(context: EstateContext, network: NetworkResources): Promise<ComputeResources> {
  const { ec2, elbv2, autoscaling } = context.clients;
  const webSg = required(network.webSecurityGroup.GroupId, 'the web group id');
  const privateSubnetIds = AVAILABILITY_ZONES.map((az) =>
    required(network.privateSubnets[az]?.SubnetId, `the private subnet in ${az}`),
  );
  const publicSubnetIds = AVAILABILITY_ZONES.map((az) =>
    required(network.publicSubnets[az]?.SubnetId, `the public subnet in ${az}`),
  );

  // aws_instance.app, count = 2, one per private subnet; IMDSv2 required.
  const instanceIds: string[] = [];
  for (const [index, subnetId] of privateSubnetIds.entries()) {
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: AMI_ID,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnetId,
        SecurityGroupIds: [webSg],
        UserData: Buffer.from(USER_DATA).toString('base64'),
        MetadataOptions: { HttpEndpoint: 'enabled', HttpTokens: 'required', HttpPutResponseHopLimit: 2 },
        TagSpecifications: [
          { ResourceType: 'instance', Tags: tagList(context, { Name: `app-${index}`, Role: 'app' }) },
        ],
      }),
    );
    instanceIds.push(required(run.Instances?.[0]?.InstanceId, 'an instance id'));
  }
  const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: instanceIds }));
  const all = (described.Reservations ?? []).flatMap((r) => r.Instances ?? []);
  const instances = instanceIds.map((id) =>
    required(
      all.find((i) => i.InstanceId === id),
      `instance ${id}`,
    ),
  );

  // aws_launch_template.app + aws_autoscaling_group.app (desired 3, min 1, max 10).
  const template = required(
    (
      await ec2.send(
        new CreateLaunchTemplateCommand({
          LaunchTemplateName: 'app',
          VersionDescription: 'app servers',
          LaunchTemplateData: { ImageId: AMI_ID, InstanceType: 't3.small', SecurityGroupIds: [webSg] },
          TagSpecifications: [{ ResourceType: 'launch-template', Tags: tagList(context, { Name: 'app' }) }],
        }),
      )
    ).LaunchTemplate,
    'the launch template',
  );
  const version = required(
    (
      await ec2.send(
        new DescribeLaunchTemplateVersionsCommand({
          LaunchTemplateId: template.LaunchTemplateId,
          Versions: ['$Default'],
        }),
      )
    ).LaunchTemplateVersions?.[0],
    'the launch template version',
  );

  // aws_lb_target_group.web, aws_lb.web (application, internet-facing), aws_lb_listener.http.
  const targetGroupArn = required(
    (
      await elbv2.send(
        new CreateTargetGroupCommand({
          Name: 'web',
          Protocol: 'HTTP',
          Port: 80,
          VpcId: network.vpc.VpcId,
          TargetType: 'instance',
          HealthCheckEnabled: true,
          HealthCheckPath: '/health',
          HealthCheckProtocol: 'HTTP',
          HealthCheckPort: 'traffic-port',
          HealthCheckIntervalSeconds: 30,
          HealthCheckTimeoutSeconds: 5,
          HealthyThresholdCount: 3,
          UnhealthyThresholdCount: 3,
          Matcher: { HttpCode: '200' },
          Tags: tagList(context, { Name: 'web' }),
        }),
      )
    ).TargetGroups?.[0]?.TargetGroupArn,
    'the target group ARN',
  );
  const loadBalancerArn = required(
    (
      await elbv2.send(
        new CreateLoadBalancerCommand({
          Name: 'web',
          Type: 'application',
          Scheme: 'internet-facing',
          IpAddressType: 'ipv4',
          Subnets: publicSubnetIds,
          SecurityGroups: [webSg],
          Tags: tagList(context, { Name: 'web' }),
        }),
      )
    ).LoadBalancers?.[0]?.LoadBalancerArn,
    'the load balancer ARN',
  );
  // The provider writes the attribute-backed arguments after create, defaults included.
  await elbv2.send(
    new ModifyLoadBalancerAttributesCommand({
      LoadBalancerArn: loadBalancerArn,
      Attributes: [
        { Key: 'idle_timeout.timeout_seconds', Value: '60' },
        { Key: 'deletion_protection.enabled', Value: 'false' },
        { Key: 'routing.http2.enabled', Value: 'true' },
      ],
    }),
  );
  const listener = required(
    (
      await elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: loadBalancerArn,
          Port: 80,
          Protocol: 'HTTP',
          DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
          Tags: tagList(context, { Name: 'web-http' }),
        }),
      )
    ).Listeners?.[0],
    'the listener',
  );

  await autoscaling.send(
    new CreateAutoScalingGroupCommand({
      AutoScalingGroupName: 'app',
      LaunchTemplate: { LaunchTemplateId: template.LaunchTemplateId, Version: '$Latest' },
      MinSize: 1,
      MaxSize: 10,
      DesiredCapacity: 3,
      HealthCheckGracePeriod: 300,
      VPCZoneIdentifier: privateSubnetIds.join(','),
      TargetGroupARNs: [targetGroupArn],
      Tags: [{ Key: 'Name', Value: 'app-asg', PropagateAtLaunch: true }],
    }),
  );

  const [groups, lbs, lbAttributes, tgs, tgAttributes] = await Promise.all([
    autoscaling.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['app'] })),
    elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [loadBalancerArn] })),
    elbv2.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: loadBalancerArn })),
    elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [targetGroupArn] })),
    elbv2.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: targetGroupArn })),
  ]);
  const asMap = (attributes: ReadonlyArray<{ Key?: string; Value?: string }> | undefined) =>
    Object.fromEntries(
      (attributes ?? []).filter((a) => a.Key !== undefined).map((a) => [a.Key as string, a.Value ?? '']),
    );
  return {
    instances,
    launchTemplate: template,
    launchTemplateVersion: version,
    autoScalingGroup: required(groups.AutoScalingGroups?.[0], 'the Auto Scaling group'),
    loadBalancer: required(lbs.LoadBalancers?.[0], 'the load balancer'),
    loadBalancerAttributes: asMap(lbAttributes.Attributes),
    targetGroup: required(tgs.TargetGroups?.[0], 'the target group'),
    targetGroupAttributes: asMap(tgAttributes.Attributes),
    listener,
  };
}

/** The provider stores user_data as the SHA-1 hex of the script (not the script itself). */
export function userDataHash(script: string): string {
  return createHash('sha1').update(script).digest('hex');
}
