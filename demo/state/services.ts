/**
 * State entries of identity and data services: the IAM role, its customer-managed policy,
 * attachment and inline policy; the S3 bucket with versioning and public access block; the KMS key
 * and the DB instance (whose password Terraform keeps in state, marked sensitive).
 */
import type { EstateResources } from '../estate-aws.js';
import { tagsOf, type StateContext, type StateInstance } from './render.js';

/** S3's hosted zone for website and alias records in eu-west-1 (the provider's static table). */
const S3_HOSTED_ZONE: Record<string, string> = { 'eu-west-1': 'Z1BKCTXD74EZPE', 'us-east-1': 'Z3AQBSTGFYJSTF' };

export function serviceInstances(r: EstateResources, context: StateContext): StateInstance[] {
  return [...identity(r, context), ...bucket(r, context), ...kmsAndDatabase(r, context)];
}

function identity(r: EstateResources, context: StateContext): StateInstance[] {
  const role = r.role;
  const policyArn = r.policy.Arn ?? '';
  return [
    {
      type: 'aws_iam_role',
      name: 'app',
      schemaVersion: 0,
      attributes: {
        arn: role.Arn,
        assume_role_policy: r.assumeRolePolicy,
        create_date: role.CreateDate?.toISOString(),
        description: role.Description ?? '',
        force_detach_policies: false,
        id: role.RoleName,
        inline_policy: [{ name: r.inlinePolicyName, policy: r.inlinePolicyDocument }],
        managed_policy_arns: [policyArn],
        max_session_duration: 3600,
        name: role.RoleName,
        name_prefix: '',
        path: '/',
        permissions_boundary: '',
        ...tagsOf(context, { Name: 'app' }),
        unique_id: role.RoleId,
      },
    },
    {
      type: 'aws_iam_policy',
      name: 'app_logs',
      schemaVersion: 0,
      attributes: {
        arn: policyArn,
        attachment_count: 1,
        description: r.policy.Description ?? 'App servers write their logs',
        id: policyArn,
        name: r.policy.PolicyName,
        name_prefix: '',
        path: '/',
        policy: r.policyDocument,
        policy_id: r.policy.PolicyId,
        ...tagsOf(context, { Name: 'app' }),
      },
    },
    {
      type: 'aws_iam_role_policy_attachment',
      name: 'app_logs',
      schemaVersion: 0,
      dependencies: ['aws_iam_policy.app_logs', 'aws_iam_role.app'],
      attributes: { id: r.attachmentId, policy_arn: policyArn, role: role.RoleName },
    },
    {
      type: 'aws_iam_role_policy',
      name: 'app_artifacts',
      schemaVersion: 0,
      dependencies: ['aws_iam_role.app', 'aws_s3_bucket.artifacts'],
      attributes: {
        id: `${role.RoleName}:${r.inlinePolicyName}`,
        name: r.inlinePolicyName,
        name_prefix: '',
        policy: r.inlinePolicyDocument,
        role: role.RoleName,
      },
    },
  ];
}

function bucket(r: EstateResources, context: StateContext): StateInstance[] {
  const name = r.bucket;
  return [
    {
      type: 'aws_s3_bucket',
      name: 'artifacts',
      schemaVersion: 0,
      attributes: {
        acceleration_status: '',
        acl: null,
        arn: `arn:aws:s3:::${name}`,
        bucket: name,
        bucket_domain_name: `${name}.s3.amazonaws.com`,
        bucket_prefix: '',
        bucket_regional_domain_name: `${name}.s3.${context.region}.amazonaws.com`,
        cors_rule: [],
        force_destroy: false,
        grant: [],
        hosted_zone_id: S3_HOSTED_ZONE[context.region] ?? '',
        id: name,
        lifecycle_rule: [],
        logging: [],
        object_lock_configuration: [],
        object_lock_enabled: false,
        policy: '',
        region: context.region,
        replication_configuration: [],
        request_payer: 'BucketOwner',
        server_side_encryption_configuration: [
          {
            rule: [
              {
                apply_server_side_encryption_by_default: [{ kms_master_key_id: '', sse_algorithm: 'AES256' }],
                bucket_key_enabled: false,
              },
            ],
          },
        ],
        ...tagsOf(context, { Name: 'artifacts' }),
        timeouts: null,
        versioning: [{ enabled: true, mfa_delete: false }],
        website: [],
        website_domain: null,
        website_endpoint: null,
      },
    },
    {
      type: 'aws_s3_bucket_versioning',
      name: 'artifacts',
      schemaVersion: 0,
      dependencies: ['aws_s3_bucket.artifacts'],
      attributes: {
        bucket: name,
        expected_bucket_owner: '',
        id: name,
        mfa: null,
        versioning_configuration: [{ mfa_delete: '', status: 'Enabled' }],
      },
    },
    {
      type: 'aws_s3_bucket_public_access_block',
      name: 'artifacts',
      schemaVersion: 0,
      dependencies: ['aws_s3_bucket.artifacts'],
      attributes: {
        block_public_acls: true,
        block_public_policy: true,
        bucket: name,
        id: name,
        ignore_public_acls: true,
        restrict_public_buckets: true,
        skip_destroy: null,
      },
    },
  ];
}

function kmsAndDatabase(r: EstateResources, context: StateContext): StateInstance[] {
  const out: StateInstance[] = [];
  const key = r.kmsKey;
  if (key) {
    out.push({
      type: 'aws_kms_key',
      name: 'data',
      schemaVersion: 0,
      attributes: {
        arn: key.Arn,
        bypass_policy_lockout_safety_check: false,
        custom_key_store_id: '',
        customer_master_key_spec: 'SYMMETRIC_DEFAULT',
        deletion_window_in_days: 30,
        description: key.Description ?? '',
        enable_key_rotation: true,
        id: key.KeyId,
        is_enabled: true,
        key_id: key.KeyId,
        key_usage: 'ENCRYPT_DECRYPT',
        multi_region: false,
        policy: r.kmsKeyPolicy ?? '',
        rotation_period_in_days: 365,
        ...tagsOf(context, { Name: 'data' }),
        timeouts: null,
        xks_key_id: '',
      },
    });
  }
  const d = r.dbInstance;
  if (d) {
    out.push({
      type: 'aws_db_instance',
      name: 'app',
      schemaVersion: 2,
      sensitive: ['password'],
      attributes: {
        address: d.Endpoint?.Address,
        allocated_storage: 20,
        allow_major_version_upgrade: null,
        apply_immediately: false,
        arn: d.DBInstanceArn,
        auto_minor_version_upgrade: d.AutoMinorVersionUpgrade ?? true,
        availability_zone: d.AvailabilityZone,
        backup_retention_period: 7,
        backup_target: 'region',
        backup_window: d.PreferredBackupWindow,
        blue_green_update: [],
        ca_cert_identifier: d.CACertificateIdentifier,
        character_set_name: '',
        copy_tags_to_snapshot: false,
        custom_iam_instance_profile: '',
        customer_owned_ip_enabled: false,
        db_name: 'app',
        db_subnet_group_name: d.DBSubnetGroup?.DBSubnetGroupName ?? '',
        dedicated_log_volume: false,
        delete_automated_backups: true,
        deletion_protection: false,
        domain: '',
        enabled_cloudwatch_logs_exports: [],
        endpoint: d.Endpoint?.Address !== undefined ? `${d.Endpoint.Address}:${d.Endpoint.Port}` : '',
        engine: 'postgres',
        engine_lifecycle_support: 'open-source-rds-extended-support',
        engine_version: '15.4',
        engine_version_actual: d.EngineVersion,
        final_snapshot_identifier: null,
        hosted_zone_id: d.Endpoint?.HostedZoneId ?? '',
        iam_database_authentication_enabled: false,
        id: d.DbiResourceId,
        identifier: d.DBInstanceIdentifier,
        identifier_prefix: '',
        instance_class: 'db.t3.micro',
        iops: 0,
        kms_key_id: '',
        latest_restorable_time: '',
        license_model: d.LicenseModel,
        listener_endpoint: [],
        maintenance_window: d.PreferredMaintenanceWindow,
        manage_master_user_password: null,
        master_user_secret: [],
        max_allocated_storage: 0,
        monitoring_interval: 0,
        monitoring_role_arn: '',
        multi_az: false,
        network_type: 'IPV4',
        option_group_name: d.OptionGroupMemberships?.[0]?.OptionGroupName,
        parameter_group_name: d.DBParameterGroups?.[0]?.DBParameterGroupName,
        password: r.dbPassword,
        performance_insights_enabled: false,
        port: d.Endpoint?.Port ?? 5432,
        publicly_accessible: false,
        replicas: [],
        resource_id: d.DbiResourceId,
        skip_final_snapshot: true,
        snapshot_identifier: null,
        status: 'available',
        storage_encrypted: false,
        storage_throughput: 0,
        storage_type: 'gp2',
        ...tagsOf(context, { Name: 'app-db' }),
        timeouts: null,
        timezone: '',
        username: 'app',
        vpc_security_group_ids: (d.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId),
      },
    });
  }
  return out;
}
