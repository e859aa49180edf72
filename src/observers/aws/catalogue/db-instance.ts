/**
 * aws_db_instance: DescribeDBInstances (100 per page, tags included in TagList).
 *
 * Identity: since AWS provider v5.0 the resource's `id` is the DBI resource id (`db-ABC…`,
 * immutable, also in `resource_id`) and `identifier` is the instance name; the import id stays the
 * identifier. The observed id follows v5+ (the DBI resource id), so a v5+ state matches by id even
 * after a rename; a state written by provider v4 or older (id = identifier) does not match by id.
 *
 * The master password is write-only in the API and never observed; it is declared secret so that,
 * should any source carry it, it is masked everywhere.
 */
import type { DBInstance } from '@aws-sdk/client-rds';
import { sortedStrings, tagAttributes } from '../mapping.js';
import { defineResourceType } from './define.js';

export const dbInstance = defineResourceType<DBInstance>({
  type: 'aws_db_instance',
  service: 'rds',
  list: (repos) => repos.rds.dbInstances(),
  observe: (d) => ({
    id: d.DbiResourceId ?? d.DBInstanceIdentifier ?? '',
    attributes: {
      id: d.DbiResourceId,
      resource_id: d.DbiResourceId,
      identifier: d.DBInstanceIdentifier,
      arn: d.DBInstanceArn,
      instance_class: d.DBInstanceClass,
      allocated_storage: d.AllocatedStorage,
      max_allocated_storage: d.MaxAllocatedStorage ?? 0,
      storage_type: d.StorageType,
      iops: d.Iops ?? 0,
      engine: d.Engine?.toLowerCase(),
      engine_version_actual: d.EngineVersion,
      db_name: d.DBName ?? '',
      username: d.MasterUsername,
      port: d.Endpoint?.Port ?? d.DbInstancePort,
      address: d.Endpoint?.Address,
      endpoint: d.Endpoint?.Address !== undefined ? `${d.Endpoint.Address}:${d.Endpoint.Port ?? ''}` : undefined,
      availability_zone: d.AvailabilityZone,
      multi_az: d.MultiAZ ?? false,
      publicly_accessible: d.PubliclyAccessible ?? false,
      storage_encrypted: d.StorageEncrypted ?? false,
      kms_key_id: d.KmsKeyId ?? '',
      backup_retention_period: d.BackupRetentionPeriod,
      backup_window: d.PreferredBackupWindow,
      maintenance_window: d.PreferredMaintenanceWindow?.toLowerCase(),
      deletion_protection: d.DeletionProtection ?? false,
      auto_minor_version_upgrade: d.AutoMinorVersionUpgrade ?? true,
      copy_tags_to_snapshot: d.CopyTagsToSnapshot ?? false,
      iam_database_authentication_enabled: d.IAMDatabaseAuthenticationEnabled ?? false,
      monitoring_interval: d.MonitoringInterval ?? 0,
      performance_insights_enabled: d.PerformanceInsightsEnabled ?? false,
      ca_cert_identifier: d.CACertificateIdentifier,
      db_subnet_group_name: d.DBSubnetGroup?.DBSubnetGroupName ?? '',
      parameter_group_name: d.DBParameterGroups?.[0]?.DBParameterGroupName,
      option_group_name: d.OptionGroupMemberships?.[0]?.OptionGroupName,
      vpc_security_group_ids: sortedStrings(d.VpcSecurityGroups?.map((g) => g.VpcSecurityGroupId)),
      enabled_cloudwatch_logs_exports: sortedStrings(d.EnabledCloudwatchLogsExports),
      license_model: d.LicenseModel,
      status: d.DBInstanceStatus,
      ...tagAttributes(d.TagList),
    },
  }),
  computed: [
    // Write-only or configuration-only arguments: the API never returns them.
    'password',
    'password_wo',
    'password_wo_version',
    'manage_master_user_password',
    'apply_immediately',
    'allow_major_version_upgrade',
    'skip_final_snapshot',
    'final_snapshot_identifier',
    'delete_automated_backups',
    'snapshot_identifier',
    'identifier_prefix',
    'timeouts',
    // `engine_version` may be a prefix (`15`) in configuration; engine_version_actual is compared.
    'engine_version',
    // Values AWS derives or changes by itself.
    'status',
    'address',
    'endpoint',
    'latest_restorable_time',
    'resource_id',
    'ca_cert_identifier',
  ],
  sets: ['vpc_security_group_ids', 'enabled_cloudwatch_logs_exports'],
  caseInsensitive: ['engine', 'maintenance_window'],
  policy: ['publicly_accessible', 'vpc_security_group_ids', 'storage_encrypted', 'iam_database_authentication_enabled'],
  secretAttributes: ['password', 'password_wo'],
  defaults: [
    { path: 'max_allocated_storage', value: 0, why: 'storage autoscaling is off unless set' },
    { path: 'iops', value: 0, why: 'RDS reports no provisioned IOPS for gp2 and magnetic storage' },
    { path: 'kms_key_id', value: '', why: 'unencrypted instances have no key' },
  ],
  // Provider v4 and older record the identifier as the id; v5+ the DbiResourceId.
  identityAttributes: ['identifier'],
  // identifier is renamed in place since provider v5 (ModifyDBInstance NewDBInstanceIdentifier).
  forcesReplacement: [
    'availability_zone',
    'character_set_name',
    'nchar_character_set_name',
    'custom_iam_instance_profile',
    'db_name',
    'engine',
    'identifier_prefix',
    'kms_key_id',
    'snapshot_identifier',
    'storage_encrypted',
    'timezone',
    'username',
  ],
  trailEvents: [
    'CreateDBInstance',
    'DeleteDBInstance',
    'ModifyDBInstance',
    'RebootDBInstance',
    'RestoreDBInstanceFromDBSnapshot',
    'RestoreDBInstanceToPointInTime',
    'AddTagsToResource',
    'RemoveTagsFromResource',
  ],
});
