/**
 * EC2 repository: every EC2 listing the catalogue needs, each one bulk and paginated with the
 * largest page size its API allows, memoized per scope (a volume listing serves aws_ebs_volume and
 * aws_volume_attachment; a security-group listing serves the group and its inline rules).
 */
import {
  DescribeAddressesCommand,
  DescribeInstanceAttributeCommand,
  DescribeVpcAttributeCommand,
  paginateDescribeInstances,
  paginateDescribeInternetGateways,
  paginateDescribeLaunchTemplates,
  paginateDescribeLaunchTemplateVersions,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroupRules,
  paginateDescribeSecurityGroups,
  paginateDescribeSnapshots,
  paginateDescribeSubnets,
  paginateDescribeVolumes,
  paginateDescribeVpcs,
  type Address,
  type DescribeInstanceAttributeCommandOutput,
  type InstanceAttributeName,
  type VpcAttributeName,
  type Instance,
  type InternetGateway,
  type LaunchTemplate,
  type LaunchTemplateVersion,
  type Reservation,
  type RouteTable,
  type SecurityGroup,
  type SecurityGroupRule,
  type Snapshot,
  type Subnet,
  type Volume,
  type Vpc,
} from '@aws-sdk/client-ec2';
import type { RepositoryContext } from './index.js';
import { collectPages } from './paging.js';

/** DescribeInstances pages by reservation; callers want instances. Pure, unit-tested. */
export function instancesOfReservations(reservations: ReadonlyArray<Reservation>): Instance[] {
  const instances: Instance[] = [];
  for (const reservation of reservations) for (const instance of reservation.Instances ?? []) instances.push(instance);
  return instances;
}

/** Instances in these states are gone or going: never observed (the provider treats them as deleted). */
const LIVE_INSTANCE_STATES = ['pending', 'running', 'stopping', 'stopped'];

export function createEc2Repository(ctx: RepositoryContext) {
  const client = () => ctx.client('ec2');
  // stopOnSameToken: a broken endpoint repeating its token must end the listing, not loop forever.
  const paging = (pageSize: number) => ({ client: client(), pageSize, stopOnSameToken: true });
  return {
    vpcs: (): Promise<Vpc[]> =>
      ctx.list('ec2:DescribeVpcs', () => collectPages(paginateDescribeVpcs(paging(1000), {}), (p) => p.Vpcs)),

    subnets: (): Promise<Subnet[]> =>
      ctx.list('ec2:DescribeSubnets', () => collectPages(paginateDescribeSubnets(paging(1000), {}), (p) => p.Subnets)),

    internetGateways: (): Promise<InternetGateway[]> =>
      ctx.list('ec2:DescribeInternetGateways', () =>
        collectPages(paginateDescribeInternetGateways(paging(1000), {}), (p) => p.InternetGateways),
      ),

    routeTables: (): Promise<RouteTable[]> =>
      ctx.list('ec2:DescribeRouteTables', () =>
        collectPages(paginateDescribeRouteTables(paging(100), {}), (p) => p.RouteTables),
      ),

    /** DescribeAddresses has no pagination: one call returns every address of the region. */
    addresses: (): Promise<Address[]> =>
      ctx.list(
        'ec2:DescribeAddresses',
        async () => (await client().send(new DescribeAddressesCommand({}))).Addresses ?? [],
      ),

    securityGroups: (): Promise<SecurityGroup[]> =>
      ctx.list('ec2:DescribeSecurityGroups', () =>
        collectPages(paginateDescribeSecurityGroups(paging(1000), {}), (p) => p.SecurityGroups),
      ),

    securityGroupRules: (): Promise<SecurityGroupRule[]> =>
      ctx.list('ec2:DescribeSecurityGroupRules', () =>
        collectPages(paginateDescribeSecurityGroupRules(paging(1000), {}), (p) => p.SecurityGroupRules),
      ),

    instances: (): Promise<Instance[]> =>
      ctx.list('ec2:DescribeInstances', async () =>
        instancesOfReservations(
          await collectPages(
            paginateDescribeInstances(paging(1000), {
              Filters: [{ Name: 'instance-state-name', Values: LIVE_INSTANCE_STATES }],
            }),
            (p) => p.Reservations,
          ),
        ),
      ),

    launchTemplates: (): Promise<LaunchTemplate[]> =>
      ctx.list('ec2:DescribeLaunchTemplates', () =>
        collectPages(paginateDescribeLaunchTemplates(paging(200), {}), (p) => p.LaunchTemplates),
      ),

    /** The default version of every launch template, in bulk (`$Default` without a template id). */
    defaultLaunchTemplateVersions: (): Promise<LaunchTemplateVersion[]> =>
      ctx.list('ec2:DescribeLaunchTemplateVersions', () =>
        collectPages(
          paginateDescribeLaunchTemplateVersions(paging(200), { Versions: ['$Default'] }),
          (p) => p.LaunchTemplateVersions,
        ),
      ),

    volumes: (): Promise<Volume[]> =>
      ctx.list('ec2:DescribeVolumes', () => collectPages(paginateDescribeVolumes(paging(500), {}), (p) => p.Volumes)),

    /** Snapshots this account owns (not the public or shared ones). */
    snapshots: (): Promise<Snapshot[]> =>
      ctx.list('ec2:DescribeSnapshots', () =>
        collectPages(paginateDescribeSnapshots(paging(1000), { OwnerIds: ['self'] }), (p) => p.Snapshots),
      ),

    // Per-resource reads (no bulk form), made only for deep observation (`--deep`): one call each.

    /** One VPC attribute (DescribeVpcAttribute): its boolean value, undefined when AWS returns none. */
    vpcAttribute: (VpcId: string, Attribute: VpcAttributeName): Promise<boolean | undefined> =>
      ctx.list(
        'ec2:DescribeVpcAttribute',
        async () => {
          const out = await client().send(new DescribeVpcAttributeCommand({ VpcId, Attribute }));
          return (out.EnableDnsSupport ?? out.EnableDnsHostnames ?? out.EnableNetworkAddressUsageMetrics)?.Value;
        },
        `ec2:DescribeVpcAttribute/${VpcId}/${Attribute}`,
      ),

    /** One instance attribute (DescribeInstanceAttribute), as the API returns it. */
    instanceAttribute: (
      InstanceId: string,
      Attribute: InstanceAttributeName,
    ): Promise<DescribeInstanceAttributeCommandOutput> =>
      ctx.list(
        'ec2:DescribeInstanceAttribute',
        () => client().send(new DescribeInstanceAttributeCommand({ InstanceId, Attribute })),
        `ec2:DescribeInstanceAttribute/${InstanceId}/${Attribute}`,
      ),
  };
}
export type Ec2Repository = ReturnType<typeof createEc2Repository>;
