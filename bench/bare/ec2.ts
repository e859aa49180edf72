/** Bare EC2 and Auto Scaling listings: one bulk call per type (the scan's page sizes), no per-resource reads. */
import {
  AutoScalingClient,
  paginateDescribeAutoScalingGroups,
  paginateDescribeScheduledActions,
} from '@aws-sdk/client-auto-scaling';
import {
  DescribeAddressesCommand,
  DescribeCustomerGatewaysCommand,
  DescribeKeyPairsCommand,
  DescribeVpnGatewaysCommand,
  EC2Client,
  paginateDescribeDhcpOptions,
  paginateDescribeEgressOnlyInternetGateways,
  paginateDescribeFlowLogs,
  paginateDescribeImages,
  paginateDescribeInstances,
  paginateDescribeInternetGateways,
  paginateDescribeLaunchTemplates,
  paginateDescribeLaunchTemplateVersions,
  paginateDescribeNatGateways,
  paginateDescribeNetworkAcls,
  paginateDescribeNetworkInterfaces,
  paginateDescribePrefixLists,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroupRules,
  paginateDescribeSecurityGroups,
  paginateDescribeSnapshots,
  paginateDescribeSubnets,
  paginateDescribeTags,
  paginateDescribeTransitGateways,
  paginateDescribeVolumes,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcPeeringConnections,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import { p, pages, type BareRun } from './common.js';

export function ec2Listings(run: BareRun): Promise<unknown[]>[] {
  const ec2 = run.client(new EC2Client(run.config), 'ec2');
  const autoscaling = run.client(new AutoScalingClient(run.config), 'autoscaling');
  return [
    pages(paginateDescribeVpcs(p(ec2, 1000), {}), (x) => x.Vpcs),
    pages(paginateDescribeSubnets(p(ec2, 1000), {}), (x) => x.Subnets),
    pages(paginateDescribeInternetGateways(p(ec2, 1000), {}), (x) => x.InternetGateways),
    pages(paginateDescribeEgressOnlyInternetGateways(p(ec2, 255), {}), (x) => x.EgressOnlyInternetGateways),
    pages(paginateDescribeRouteTables(p(ec2, 100), {}), (x) => x.RouteTables),
    pages(paginateDescribeNetworkAcls(p(ec2, 1000), {}), (x) => x.NetworkAcls),
    pages(paginateDescribeNetworkInterfaces(p(ec2, 1000), {}), (x) => x.NetworkInterfaces),
    pages(paginateDescribeNatGateways(p(ec2, 1000), {}), (x) => x.NatGateways),
    pages(paginateDescribeDhcpOptions(p(ec2, 1000), {}), (x) => x.DhcpOptions),
    pages(paginateDescribeVpcEndpoints(p(ec2, 1000), {}), (x) => x.VpcEndpoints),
    pages(paginateDescribeVpcPeeringConnections(p(ec2, 1000), {}), (x) => x.VpcPeeringConnections),
    pages(paginateDescribeTransitGateways(p(ec2, 1000), {}), (x) => x.TransitGateways),
    pages(paginateDescribeFlowLogs(p(ec2, 1000), {}), (x) => x.FlowLogs),
    pages(paginateDescribePrefixLists(p(ec2, 1000), {}), (x) => x.PrefixLists),
    pages(paginateDescribeTags(p(ec2, 1000), {}), (x) => x.Tags),
    pages(paginateDescribeImages(p(ec2, 1000), { Owners: ['self'] }), (x) => x.Images),
    ec2.send(new DescribeAddressesCommand({})).then((x) => x.Addresses ?? []),
    ec2.send(new DescribeCustomerGatewaysCommand({})).then((x) => x.CustomerGateways ?? []),
    ec2.send(new DescribeVpnGatewaysCommand({})).then((x) => x.VpnGateways ?? []),
    ec2.send(new DescribeKeyPairsCommand({})).then((x) => x.KeyPairs ?? []),
    pages(paginateDescribeSecurityGroups(p(ec2, 1000), {}), (x) => x.SecurityGroups),
    pages(paginateDescribeSecurityGroupRules(p(ec2, 1000), {}), (x) => x.SecurityGroupRules),
    pages(
      paginateDescribeInstances(p(ec2, 1000), {
        Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }],
      }),
      (x) => x.Reservations?.flatMap((r) => r.Instances ?? []),
    ),
    pages(paginateDescribeLaunchTemplates(p(ec2, 200), {}), (x) => x.LaunchTemplates),
    pages(
      paginateDescribeLaunchTemplateVersions(p(ec2, 200), { Versions: ['$Default'] }),
      (x) => x.LaunchTemplateVersions,
    ),
    pages(paginateDescribeVolumes(p(ec2, 500), {}), (x) => x.Volumes),
    pages(paginateDescribeSnapshots(p(ec2, 1000), { OwnerIds: ['self'] }), (x) => x.Snapshots),
    pages(paginateDescribeAutoScalingGroups(p(autoscaling, 100), {}), (x) => x.AutoScalingGroups),
    pages(paginateDescribeScheduledActions(p(autoscaling, 100), {}), (x) => x.ScheduledUpdateGroupActions),
  ];
}
