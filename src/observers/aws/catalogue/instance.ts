/**
 * aws_instance: DescribeInstances (pending, running, stopping and stopped instances; terminated
 * ones are gone for the provider too). The import id is the instance id. Attributes that need a
 * call per instance (DescribeInstanceAttribute: user_data, disable_api_termination, ...) or the
 * volume listing (root_block_device) are not read and never compared.
 */
import type { DescribeInstancesResult, Instance, InstanceAttributeName } from '@aws-sdk/client-ec2';
import { awsCall, regionOf } from '../calls.js';
import { arnOf, autoScalingGroupOf, sortedStrings, tagAttributes, unread } from '../mapping.js';
import { EC2_TAG_OPERATIONS, ec2TagCalls } from '../tag-calls.js';
import { defineResourceType } from './define.js';
import { keptWhenOmitted, zeroWhenOmitted } from '../omitted.js';

/** `arn:aws:iam::123:instance-profile/path/name` → `name`, as the provider records it. */
export function instanceProfileName(arn: string | undefined): string {
  if (!arn) return '';
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** The settings DescribeInstanceAttribute reads one at a time, by the provider's attribute name. */
const DEEP_ATTRIBUTES = new Map<string, InstanceAttributeName>([
  ['disable_api_termination', 'disableApiTermination'],
  ['disable_api_stop', 'disableApiStop'],
  ['instance_initiated_shutdown_behavior', 'instanceInitiatedShutdownBehavior'],
]);

export const instance = defineResourceType<Instance>({
  type: 'aws_instance',
  service: 'ec2',
  list: (repos) => repos.ec2.instances(),
  observe: (i, scope) => {
    const group = autoScalingGroupOf(i.Tags);
    const metadata = i.MetadataOptions;
    // As resourceInstanceRead (internal/service/ec2/ec2_instance.go, provider 5.100.0) stores an
    // omitted field: `d.Set(x, ptr)` stores the zero value for nil (zeroWhenOmitted); what it sets
    // only under `if v != nil` keeps the recorded value (keptWhenOmitted).
    const interfaces = Boolean(i.NetworkInterfaces?.length);
    const primary = i.NetworkInterfaces?.find((n) => n.Attachment?.DeviceIndex === 0);
    return {
      id: i.InstanceId ?? '',
      attributes: {
        id: i.InstanceId,
        arn: arnOf('ec2', scope.region, scope.account, `instance/${i.InstanceId}`),
        ami: i.ImageId,
        instance_type: i.InstanceType,
        availability_zone: i.Placement?.AvailabilityZone,
        placement_group: zeroWhenOmitted(i.Placement?.GroupName, ''),
        tenancy: i.Placement?.Tenancy,
        host_id: zeroWhenOmitted(i.Placement?.HostId, ''),
        // From the primary interface only when it reports one; without interfaces, d.Set(instance.SubnetId).
        subnet_id: interfaces
          ? keptWhenOmitted(primary?.NetworkInterfaceId ? i.SubnetId : undefined)
          : zeroWhenOmitted(i.SubnetId, ''),
        vpc_security_group_ids: sortedStrings(i.SecurityGroups?.map((g) => g.GroupId)),
        key_name: zeroWhenOmitted(i.KeyName, ''),
        private_ip: zeroWhenOmitted(i.PrivateIpAddress, ''),
        public_ip: zeroWhenOmitted(i.PublicIpAddress, ''),
        private_dns: zeroWhenOmitted(i.PrivateDnsName, ''),
        public_dns: zeroWhenOmitted(i.PublicDnsName, ''),
        ipv6_addresses: sortedStrings(
          i.NetworkInterfaces?.flatMap((n) =>
            zeroWhenOmitted(
              n.Ipv6Addresses?.map((a) => a.Ipv6Address),
              [],
            ),
          ),
        ),
        iam_instance_profile: instanceProfileName(i.IamInstanceProfile?.Arn),
        ebs_optimized: zeroWhenOmitted(i.EbsOptimized, false),
        monitoring: i.Monitoring?.State === 'enabled' || i.Monitoring?.State === 'pending',
        // With a subnet: d.Set(instance.SourceDestCheck), false when omitted (never AWS's usual true).
        source_dest_check: i.SubnetId
          ? zeroWhenOmitted(i.SourceDestCheck, false)
          : keptWhenOmitted(primary?.SourceDestCheck),
        instance_state: i.State?.Name,
        primary_network_interface_id: interfaces ? keptWhenOmitted(primary?.NetworkInterfaceId) : '',
        outpost_arn: zeroWhenOmitted(i.OutpostArn, ''),
        // Set only when HibernationOptions is returned, then aws.ToBool-like (nil Configured is false).
        hibernation: i.HibernationOptions
          ? zeroWhenOmitted(i.HibernationOptions.Configured, false)
          : keptWhenOmitted<boolean>(undefined),
        metadata_options: metadata
          ? [
              {
                http_endpoint: metadata.HttpEndpoint,
                http_tokens: metadata.HttpTokens,
                // flattenInstanceMetadataOptions puts the enums and the *int32 in as they are: "" and 0
                // when omitted (never AWS's usual `disabled`).
                http_put_response_hop_limit: zeroWhenOmitted(metadata.HttpPutResponseHopLimit, 0),
                http_protocol_ipv6: zeroWhenOmitted(metadata.HttpProtocolIpv6, ''),
                instance_metadata_tags: zeroWhenOmitted(metadata.InstanceMetadataTags, ''),
              },
            ]
          : [],
        ...tagAttributes(i.Tags),
      },
      ...(group ? { noise: `launched by the Auto Scaling group ${group} (the group is what Terraform manages)` } : {}),
    };
  },
  unread: [
    ...unread(
      'not mapped by this entry yet: never compared',
      'enable_primary_ipv6',
      'host_resource_group_arn',
      'placement_partition_number',
    ),
    ...unread(
      'needs DescribeInstanceAttribute, one call per instance and attribute (no bulk form): read with --deep',
      ...DEEP_ATTRIBUTES.keys(),
    ),
    ...unread(
      'needs DescribeInstanceAttribute per instance, and the provider stores a digest of the script: not read (a secret)',
      'user_data',
      'user_data_base64',
    ),
    ...unread(
      'needs the volume listing joined to each instance (DescribeVolumes per mapping): not compared yet',
      'root_block_device',
      'ebs_block_device',
      'ephemeral_block_device',
    ),
  ],
  deep: {
    attributes: [...DEEP_ATTRIBUTES.keys()],
    // As the provider's read: each setting from its own DescribeInstanceAttribute call.
    read: async (item, repos) => {
      const out: Record<string, unknown> = {};
      for (const [attribute, name] of DEEP_ATTRIBUTES) {
        const answer = await repos.ec2.instanceAttribute(item.id, name);
        out[attribute] =
          name === 'instanceInitiatedShutdownBehavior'
            ? answer.InstanceInitiatedShutdownBehavior?.Value
            : (answer.DisableApiTermination ?? answer.DisableApiStop)?.Value;
      }
      return out;
    },
  },
  computed: [
    // Configuration-only: the API never returns it.
    'user_data_replace_on_change',
    // Configuration-only, or derived from other attributes.
    'associate_public_ip_address',
    'security_groups',
    'launch_template',
    'network_interface',
    'credit_specification',
    'cpu_options',
    'cpu_core_count',
    'cpu_threads_per_core',
    'capacity_reservation_specification',
    'maintenance_options',
    'private_dns_name_options',
    'enclave_options',
    'get_password_data',
    'password_data',
    'secondary_private_ips',
    'ipv6_address_count',
    'volume_tags',
    'instance_lifecycle',
    'spot_instance_request_id',
    'instance_market_options',
    'force_destroy',
    'timeouts',
  ],
  sets: ['vpc_security_group_ids', 'ipv6_addresses'],
  policy: [
    'vpc_security_group_ids',
    'security_groups',
    'associate_public_ip_address',
    'iam_instance_profile',
    'metadata_options.http_tokens',
    'public_ip',
    'source_dest_check',
  ],
  forcesReplacement: [
    'ami',
    'availability_zone',
    'subnet_id',
    'private_ip',
    'key_name',
    'associate_public_ip_address',
    'placement_group',
    'tenancy',
    'ipv6_addresses',
    'ipv6_address_count',
    'ebs_block_device',
    'ephemeral_block_device',
    'network_interface',
    'hibernation',
    'outpost_arn',
    'cpu_core_count',
    'cpu_threads_per_core',
  ],
  defaults: [
    { path: 'tenancy', value: 'default', why: 'AWS reports tenancy `default` for shared hardware' },
    { path: 'source_dest_check', value: true, why: 'AWS checks source and destination unless told otherwise' },
  ],
  secretAttributes: ['user_data', 'user_data_base64', 'password_data'],
  trailEvents: [
    'RunInstances',
    'TerminateInstances',
    'StartInstances',
    'StopInstances',
    'ModifyInstanceAttribute',
    'ModifyInstanceMetadataOptions',
    'AssociateIamInstanceProfile',
    'ReplaceIamInstanceProfileAssociation',
    'MonitorInstances',
    'UnmonitorInstances',
    'CreateTags',
    'DeleteTags',
  ],
  limitations:
    'disable_api_termination, disable_api_stop and instance_initiated_shutdown_behavior are compared only with --deep (one DescribeInstanceAttribute call per instance and attribute); user_data and block devices are not compared',
  revert: {
    attributes: ['instance_type', 'tags', 'tags_all'],
    sends: ['ec2:StopInstances', 'ec2:ModifyInstanceAttribute', 'ec2:StartInstances', ...EC2_TAG_OPERATIONS],
    plan: (f, ctx) => {
      const typeChange = f.changes.find((c) => c.path === 'instance_type');
      if (!typeChange) return { calls: ec2TagCalls(f, ctx) };
      if (!ctx.instanceTypeRevert) {
        return {
          unsupported:
            'instance type revert stops and starts the instance: enable it with reconcile.revert_instance_type',
        };
      }
      const region = regionOf(f, ctx);
      const InstanceId = f.resource.id ?? ''; // not-observation: a revert's input
      const stop = { note: 'waits until stopped', after: 'waitStopped' };
      return {
        calls: [
          awsCall('ec2', 'StopInstances', region, { InstanceIds: [InstanceId] }, stop),
          awsCall('ec2', 'ModifyInstanceAttribute', region, {
            InstanceId,
            InstanceType: { Value: String(typeChange.recorded) },
          }),
          awsCall('ec2', 'StartInstances', region, { InstanceIds: [InstanceId] }),
          ...ec2TagCalls(f, ctx),
        ],
      };
    },
  },
  steps: {
    // The type can be changed only on a stopped instance; StopInstances returns while it is stopping.
    waitStopped: {
      after: async (input, _output, ctx) => {
        const InstanceIds = input['InstanceIds'] as string[];
        await ctx.waitUntil(`${InstanceIds.join(', ')} stopped`, async () => {
          const out = (await ctx.send('ec2', 'DescribeInstances', { InstanceIds })) as DescribeInstancesResult;
          // not-observation: the revert's wait reads the instances' state
          return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []).every((i) => i.State?.Name === 'stopped');
        });
        return {};
      },
    },
  },
  codify: {
    arguments: [
      { name: 'ami', required: true },
      { name: 'instance_type', required: true },
      { name: 'subnet_id' },
      { name: 'vpc_security_group_ids' },
      { name: 'key_name' },
      { name: 'iam_instance_profile' },
      { name: 'tenancy', default: 'default' },
      { name: 'placement_group' },
      { name: 'ebs_optimized', default: false },
      { name: 'monitoring', default: false },
      { name: 'source_dest_check', default: true },
      { name: 'tags' },
    ],
  },
});
