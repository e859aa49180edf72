/**
 * aws_launch_template: DescribeLaunchTemplates joined with the default version of every template,
 * itself listed in bulk (DescribeLaunchTemplateVersions with `$Default` and no template id). The
 * import id is the template id. The provider reads the default version's data.
 */
import type { LaunchTemplate, LaunchTemplateVersion } from '@aws-sdk/client-ec2';
import { arnOf, sortedStrings, tagAttributes } from '../mapping.js';
import { ec2TagRevert } from '../tag-calls.js';
import { defineResourceType } from './define.js';

export interface TemplateItem {
  readonly template: LaunchTemplate;
  readonly defaultVersion?: LaunchTemplateVersion;
}

export const launchTemplate = defineResourceType<TemplateItem>({
  type: 'aws_launch_template',
  service: 'ec2',
  list: async (repos) => {
    const [templates, versions] = await Promise.all([
      repos.ec2.launchTemplates(),
      repos.ec2.defaultLaunchTemplateVersions(),
    ]);
    const byTemplate = new Map(versions.map((v) => [v.LaunchTemplateId, v]));
    return templates.map((template) => {
      const defaultVersion = byTemplate.get(template.LaunchTemplateId);
      return defaultVersion ? { template, defaultVersion } : { template };
    });
  },
  observe: ({ template: t, defaultVersion: v }, scope) => {
    const data = v?.LaunchTemplateData;
    return {
      id: t.LaunchTemplateId ?? '',
      attributes: {
        id: t.LaunchTemplateId,
        arn: arnOf('ec2', scope.region, scope.account, `launch-template/${t.LaunchTemplateId}`),
        name: t.LaunchTemplateName,
        default_version: t.DefaultVersionNumber,
        latest_version: t.LatestVersionNumber,
        description: v?.VersionDescription ?? '',
        image_id: data?.ImageId ?? '',
        instance_type: data?.InstanceType ?? '',
        key_name: data?.KeyName ?? '',
        ebs_optimized: data?.EbsOptimized === undefined ? '' : String(data.EbsOptimized),
        vpc_security_group_ids: sortedStrings(data?.SecurityGroupIds),
        security_group_names: sortedStrings(data?.SecurityGroups),
        iam_instance_profile: data?.IamInstanceProfile
          ? [{ arn: data.IamInstanceProfile.Arn ?? '', name: data.IamInstanceProfile.Name ?? '' }]
          : [],
        monitoring: data?.Monitoring ? [{ enabled: data.Monitoring.Enabled ?? false }] : [],
        user_data: data?.UserData ?? '',
        ...tagAttributes(t.Tags),
      },
    };
  },
  computed: [
    'name_prefix',
    'update_default_version',
    // Nested blocks of the version data not mapped yet.
    'block_device_mappings',
    'network_interfaces',
    'tag_specifications',
    'metadata_options',
    'placement',
    'credit_specification',
    'cpu_options',
    'capacity_reservation_specification',
    'instance_market_options',
    'instance_requirements',
    'private_dns_name_options',
    'maintenance_options',
    'license_specification',
    'hibernation_options',
    'enclave_options',
    'elastic_gpu_specifications',
    'elastic_inference_accelerator',
    'kernel_id',
    'ram_disk_id',
    'disable_api_stop',
    'disable_api_termination',
    'instance_initiated_shutdown_behavior',
  ],
  sets: ['vpc_security_group_ids', 'security_group_names'],
  policy: ['vpc_security_group_ids', 'security_group_names', 'iam_instance_profile'],
  forcesReplacement: ['name', 'name_prefix'],
  // user_data often carries bootstrap secrets: compared, never shown.
  secretAttributes: ['user_data'],
  trailEvents: [
    'CreateLaunchTemplate',
    'CreateLaunchTemplateVersion',
    'ModifyLaunchTemplate',
    'DeleteLaunchTemplate',
    'DeleteLaunchTemplateVersions',
    'CreateTags',
    'DeleteTags',
  ],
  limitations: 'nested blocks other than iam_instance_profile and monitoring are not compared yet',
  revert: ec2TagRevert,
});
