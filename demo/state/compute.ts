/**
 * State entries of compute and storage: aws_instance.app[0..1], the launch template and Auto
 * Scaling group, the application load balancer with its target group and listener, the data volume
 * and its attachment, in hashicorp/aws 5.x shapes.
 */
import type { Instance } from '@aws-sdk/client-ec2';
import { terraformHashcode } from '../../src/observers/aws/mapping.js';
import { USER_DATA, userDataHash, type EstateResources } from '../estate-aws.js';
import { tagsOf, type StateContext, type StateInstance } from './render.js';

const SUBNETS = (kind: string) => [`module.network.aws_subnet.${kind}`, 'module.network.aws_vpc.main'];

function ownTags(
  tags: ReadonlyArray<{ Key?: string; Value?: string }> | undefined,
  context: StateContext,
): Record<string, string> {
  const own: Record<string, string> = {};
  for (const tag of tags ?? [])
    if (tag.Key && !tag.Key.startsWith('aws:') && !(tag.Key in context.defaultTags)) own[tag.Key] = tag.Value ?? '';
  return own;
}

function instanceState(i: Instance, index: number, context: StateContext): StateInstance {
  const m = i.MetadataOptions;
  return {
    type: 'aws_instance',
    name: 'app',
    indexKey: index,
    schemaVersion: 1,
    dependencies: ['aws_security_group.web', ...SUBNETS('private')],
    attributes: {
      ami: i.ImageId,
      arn: `arn:aws:ec2:${context.region}:${context.account}:instance/${i.InstanceId}`,
      associate_public_ip_address: false,
      availability_zone: i.Placement?.AvailabilityZone,
      capacity_reservation_specification: [
        { capacity_reservation_preference: 'open', capacity_reservation_target: [] },
      ],
      cpu_core_count: 1,
      cpu_options: [{ amd_sev_snp: '', core_count: 1, threads_per_core: 2 }],
      cpu_threads_per_core: 2,
      credit_specification: [{ cpu_credits: 'unlimited' }],
      disable_api_stop: false,
      disable_api_termination: false,
      ebs_block_device: [],
      ebs_optimized: i.EbsOptimized ?? false,
      enclave_options: [{ enabled: false }],
      ephemeral_block_device: [],
      get_password_data: false,
      hibernation: false,
      host_id: '',
      host_resource_group_arn: null,
      iam_instance_profile: '',
      id: i.InstanceId,
      instance_initiated_shutdown_behavior: 'stop',
      instance_lifecycle: '',
      instance_market_options: [],
      instance_state: 'running',
      instance_type: i.InstanceType,
      ipv6_address_count: 0,
      ipv6_addresses: [],
      key_name: '',
      launch_template: [],
      maintenance_options: [{ auto_recovery: 'default' }],
      metadata_options: [
        {
          http_endpoint: m?.HttpEndpoint ?? 'enabled',
          http_protocol_ipv6: 'disabled',
          http_put_response_hop_limit: m?.HttpPutResponseHopLimit ?? 2,
          http_tokens: m?.HttpTokens ?? 'required',
          instance_metadata_tags: 'disabled',
        },
      ],
      monitoring: false,
      network_interface: [],
      outpost_arn: '',
      password_data: '',
      placement_group: '',
      placement_partition_number: 0,
      primary_network_interface_id: i.NetworkInterfaces?.[0]?.NetworkInterfaceId ?? '',
      private_dns: i.PrivateDnsName ?? '',
      private_dns_name_options: [
        {
          enable_resource_name_dns_a_record: false,
          enable_resource_name_dns_aaaa_record: false,
          hostname_type: 'ip-name',
        },
      ],
      private_ip: i.PrivateIpAddress ?? '',
      public_dns: i.PublicDnsName ?? '',
      public_ip: i.PublicIpAddress ?? '',
      root_block_device: [
        {
          delete_on_termination: true,
          device_name: i.RootDeviceName ?? '/dev/xvda',
          encrypted: false,
          iops: 100,
          kms_key_id: '',
          tags: {},
          tags_all: {},
          throughput: 0,
          volume_id: i.BlockDeviceMappings?.[0]?.Ebs?.VolumeId ?? '',
          volume_size: 8,
          volume_type: 'gp2',
        },
      ],
      secondary_private_ips: [],
      security_groups: [],
      source_dest_check: true,
      spot_instance_request_id: '',
      subnet_id: i.SubnetId,
      ...tagsOf(context, ownTags(i.Tags, context)),
      tenancy: 'default',
      timeouts: null,
      user_data: userDataHash(USER_DATA),
      user_data_base64: null,
      user_data_replace_on_change: false,
      volume_tags: null,
      vpc_security_group_ids: (i.SecurityGroups ?? []).map((g) => g.GroupId),
    },
  };
}

export function computeInstances(r: EstateResources, context: StateContext): StateInstance[] {
  const out: StateInstance[] = r.instances.map((i, index) => instanceState(i, index, context));
  const lt = r.launchTemplate;
  const ltData = r.launchTemplateVersion.LaunchTemplateData;
  out.push({
    type: 'aws_launch_template',
    name: 'app',
    schemaVersion: 0,
    dependencies: ['aws_security_group.web', 'module.network.aws_vpc.main'],
    attributes: {
      arn: `arn:aws:ec2:${context.region}:${context.account}:launch-template/${lt.LaunchTemplateId}`,
      block_device_mappings: [],
      capacity_reservation_specification: [],
      cpu_options: [],
      credit_specification: [],
      default_version: lt.DefaultVersionNumber ?? 1,
      description: r.launchTemplateVersion.VersionDescription ?? '',
      disable_api_stop: false,
      disable_api_termination: false,
      ebs_optimized: '',
      elastic_gpu_specifications: [],
      elastic_inference_accelerator: [],
      enclave_options: [],
      hibernation_options: [],
      iam_instance_profile: [],
      id: lt.LaunchTemplateId,
      image_id: ltData?.ImageId ?? '',
      instance_initiated_shutdown_behavior: '',
      instance_market_options: [],
      instance_requirements: [],
      instance_type: ltData?.InstanceType ?? '',
      kernel_id: '',
      key_name: '',
      latest_version: lt.LatestVersionNumber ?? 1,
      license_specification: [],
      maintenance_options: [],
      metadata_options: [],
      monitoring: [],
      name: lt.LaunchTemplateName,
      name_prefix: '',
      network_interfaces: [],
      placement: [],
      private_dns_name_options: [],
      ram_disk_id: '',
      security_group_names: [],
      tag_specifications: [],
      ...tagsOf(context, ownTags(lt.Tags, context)),
      update_default_version: null,
      user_data: '',
      vpc_security_group_ids: ltData?.SecurityGroupIds ?? [],
    },
  });
  const g = r.autoScalingGroup;
  const tgArn = r.targetGroup.TargetGroupArn ?? '';
  out.push({
    type: 'aws_autoscaling_group',
    name: 'app',
    schemaVersion: 1,
    dependencies: [
      'aws_launch_template.app',
      'aws_lb_target_group.web',
      'aws_security_group.web',
      ...SUBNETS('private'),
    ],
    attributes: {
      arn: g.AutoScalingGroupARN,
      availability_zones: [...(g.AvailabilityZones ?? [])].sort(),
      capacity_rebalance: false,
      context: '',
      default_cooldown: g.DefaultCooldown ?? 300,
      default_instance_warmup: 0,
      desired_capacity: 3,
      desired_capacity_type: '',
      enabled_metrics: [],
      force_delete: false,
      force_delete_warm_pool: false,
      health_check_grace_period: 300,
      health_check_type: g.HealthCheckType ?? 'EC2',
      id: g.AutoScalingGroupName,
      ignore_failed_scaling_activities: false,
      initial_lifecycle_hook: [],
      instance_maintenance_policy: [],
      instance_refresh: [],
      launch_configuration: '',
      launch_template: [
        {
          id: g.LaunchTemplate?.LaunchTemplateId ?? '',
          name: g.LaunchTemplate?.LaunchTemplateName ?? 'app',
          version: '$Latest',
        },
      ],
      load_balancers: [],
      max_instance_lifetime: 0,
      max_size: 10,
      metrics_granularity: '1Minute',
      min_elb_capacity: null,
      min_size: 1,
      mixed_instances_policy: [],
      name: g.AutoScalingGroupName,
      name_prefix: '',
      placement_group: '',
      predicted_capacity: 0,
      protect_from_scale_in: false,
      service_linked_role_arn: g.ServiceLinkedRoleARN ?? '',
      suspended_processes: [],
      tag: [{ key: 'Name', propagate_at_launch: true, value: 'app-asg' }],
      target_group_arns: [tgArn],
      termination_policies: [],
      timeouts: null,
      traffic_source: [{ identifier: tgArn, type: 'elbv2' }],
      vpc_zone_identifier: (g.VPCZoneIdentifier ?? '').split(',').filter(Boolean).sort(),
      wait_for_capacity_timeout: '10m',
      wait_for_elb_capacity: null,
      warm_pool: [],
      warm_pool_size: 0,
    },
  });
  out.push(...loadBalancing(r, context), ...storage(r, context));
  return out;
}

function loadBalancing(r: EstateResources, context: StateContext): StateInstance[] {
  const lb = r.loadBalancer;
  const tg = r.targetGroup;
  const lbArn = lb.LoadBalancerArn ?? '';
  const tgArn = tg.TargetGroupArn ?? '';
  const subnets = (lb.AvailabilityZones ?? []).map((z) => z.SubnetId ?? '').sort();
  const tgTags = { Name: 'web' };
  const l = r.listener;
  return [
    {
      type: 'aws_lb',
      name: 'web',
      schemaVersion: 0,
      dependencies: ['aws_security_group.web', ...SUBNETS('public')],
      attributes: {
        access_logs: [],
        arn: lbArn,
        arn_suffix: lbArn.slice(lbArn.indexOf(':loadbalancer/') + ':loadbalancer/'.length),
        client_keep_alive: 3600,
        connection_logs: [],
        customer_owned_ipv4_pool: '',
        desync_mitigation_mode: 'defensive',
        dns_name: lb.DNSName,
        dns_record_client_routing_policy: null,
        drop_invalid_header_fields: false,
        enable_cross_zone_load_balancing: true,
        enable_deletion_protection: false,
        enable_http2: true,
        enable_tls_version_and_cipher_suite_headers: false,
        enable_waf_fail_open: false,
        enable_xff_client_port: false,
        enable_zonal_shift: false,
        enforce_security_group_inbound_rules_on_private_link_traffic: '',
        id: lbArn,
        idle_timeout: 60,
        internal: false,
        ip_address_type: 'ipv4',
        load_balancer_type: 'application',
        name: lb.LoadBalancerName,
        name_prefix: '',
        preserve_host_header: false,
        security_groups: lb.SecurityGroups ?? [],
        subnet_mapping: subnets.map((subnet_id) => ({
          allocation_id: '',
          ipv6_address: '',
          outpost_id: '',
          private_ipv4_address: '',
          subnet_id,
        })),
        subnets,
        ...tagsOf(context, { Name: 'web' }),
        timeouts: null,
        vpc_id: lb.VpcId,
        xff_header_processing_mode: 'append',
        zone_id: lb.CanonicalHostedZoneId,
      },
    },
    {
      type: 'aws_lb_target_group',
      name: 'web',
      schemaVersion: 0,
      dependencies: ['module.network.aws_vpc.main'],
      attributes: {
        arn: tgArn,
        arn_suffix: `targetgroup/${tgArn.slice(tgArn.indexOf(':targetgroup/') + ':targetgroup/'.length)}`,
        connection_termination: false,
        deregistration_delay: '300',
        health_check: [
          {
            enabled: true,
            healthy_threshold: 3,
            interval: 30,
            matcher: '200',
            path: '/health',
            port: 'traffic-port',
            protocol: 'HTTP',
            timeout: 5,
            unhealthy_threshold: 3,
          },
        ],
        id: tgArn,
        ip_address_type: 'ipv4',
        lambda_multi_value_headers_enabled: false,
        // The target group is created before the listener: apply records no load balancer yet.
        load_balancer_arns: [],
        load_balancing_algorithm_type: 'round_robin',
        load_balancing_anomaly_mitigation: 'off',
        load_balancing_cross_zone_enabled: 'use_load_balancer_configuration',
        name: tg.TargetGroupName,
        name_prefix: '',
        port: 80,
        preserve_client_ip: null,
        protocol: 'HTTP',
        protocol_version: 'HTTP1',
        proxy_protocol_v2: false,
        slow_start: 0,
        stickiness: [{ cookie_duration: 86400, cookie_name: '', enabled: false, type: 'lb_cookie' }],
        ...tagsOf(context, tgTags),
        target_failover: [],
        target_group_health: [],
        target_health_state: [],
        target_type: 'instance',
        vpc_id: tg.VpcId,
      },
    },
    {
      type: 'aws_lb_listener',
      name: 'http',
      schemaVersion: 0,
      dependencies: ['aws_lb.web', 'aws_lb_target_group.web', 'aws_security_group.web', ...SUBNETS('public')],
      attributes: {
        alpn_policy: null,
        arn: l.ListenerArn,
        certificate_arn: null,
        default_action: [
          {
            authenticate_cognito: [],
            authenticate_oidc: [],
            fixed_response: [],
            forward: [],
            order: l.DefaultActions?.[0]?.Order ?? 1,
            redirect: [],
            target_group_arn: tgArn,
            type: 'forward',
          },
        ],
        id: l.ListenerArn,
        load_balancer_arn: lbArn,
        mutual_authentication: [],
        port: 80,
        protocol: 'HTTP',
        ssl_policy: '',
        ...tagsOf(context, { Name: 'web-http' }),
        tcp_idle_timeout_seconds: null,
        timeouts: null,
      },
    },
  ];
}

function storage(r: EstateResources, context: StateContext): StateInstance[] {
  const v = r.volume;
  const a = r.attachment;
  return [
    {
      type: 'aws_ebs_volume',
      name: 'data',
      schemaVersion: 0,
      dependencies: ['aws_instance.app', 'aws_kms_key.data', 'aws_security_group.web', ...SUBNETS('private')],
      attributes: {
        arn: `arn:aws:ec2:${context.region}:${context.account}:volume/${v.VolumeId}`,
        availability_zone: v.AvailabilityZone,
        create_time: v.CreateTime?.toISOString(),
        encrypted: true,
        final_snapshot: false,
        id: v.VolumeId,
        iops: 3000,
        kms_key_id: v.KmsKeyId ?? '',
        multi_attach_enabled: false,
        outpost_arn: '',
        size: 20,
        snapshot_id: '',
        ...tagsOf(context, { Name: 'app-data' }),
        throughput: 125,
        timeouts: null,
        type: 'gp3',
      },
    },
    {
      type: 'aws_volume_attachment',
      name: 'data',
      schemaVersion: 0,
      dependencies: ['aws_ebs_volume.data', 'aws_instance.app'],
      attributes: {
        device_name: a.device,
        force_detach: null,
        // The provider's id: "vai-" + hashcode.String("<device>-<instance>-<volume>-").
        id: `vai-${terraformHashcode(`${a.device}-${a.instanceId}-${a.volumeId}-`)}`,
        instance_id: a.instanceId,
        skip_destroy: null,
        stop_instance_before_detaching: null,
        timeouts: null,
        volume_id: a.volumeId,
      },
    },
  ];
}
