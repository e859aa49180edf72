/**
 * aws_kms_key: ListKeys in bulk, then DescribeKey, GetKeyPolicy, GetKeyRotationStatus and
 * ListResourceTags per customer-managed key (KMS has no bulk form for any of them). AWS-managed
 * keys are observed as noise with the reason (no state can manage them; nothing but DescribeKey is
 * read); keys pending deletion are gone for Terraform and left out by the repository. The
 * provider's id and import id are the key id.
 */
import { tagAttributes } from '../mapping.js';
import type { KmsKeyDetails } from '../repositories/kms.js';
import { defineResourceType } from './define.js';

const AWS_MANAGED =
  'an AWS-managed key (KeyManager AWS, or behind an alias/aws/ alias): AWS creates it for a service and no state can manage it';

export const kmsKey = defineResourceType<KmsKeyDetails>({
  type: 'aws_kms_key',
  service: 'kms',
  list: (repos) => repos.kms.customerKeys(),
  observe: ({ metadata: m, policy, rotationEnabled, rotationPeriodInDays, tags, awsManaged }) => ({
    id: m.KeyId ?? '',
    ...(awsManaged ? { noise: AWS_MANAGED } : {}),
    attributes: {
      id: m.KeyId,
      key_id: m.KeyId,
      arn: m.Arn,
      description: m.Description ?? '',
      key_usage: m.KeyUsage ?? 'ENCRYPT_DECRYPT',
      customer_master_key_spec: m.KeySpec ?? m.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT',
      is_enabled: m.Enabled ?? true,
      multi_region: m.MultiRegion ?? false,
      enable_key_rotation: rotationEnabled ?? false,
      ...(rotationPeriodInDays !== undefined ? { rotation_period_in_days: rotationPeriodInDays } : {}),
      custom_key_store_id: m.CustomKeyStoreId ?? '',
      policy: policy ?? '',
      ...tagAttributes(tags.map((t) => ({ Key: t.TagKey, Value: t.TagValue }))),
    },
  }),
  // deletion_window_in_days and bypass_policy_lockout_safety_check are used only when deleting or
  // writing the policy: the API never returns them.
  computed: ['deletion_window_in_days', 'bypass_policy_lockout_safety_check', 'xks_key_id', 'timeouts'],
  json: ['policy'],
  policy: ['policy', 'is_enabled'],
  defaults: [
    { path: 'key_usage', value: 'ENCRYPT_DECRYPT', why: 'KMS creates encryption keys unless told otherwise' },
    { path: 'customer_master_key_spec', value: 'SYMMETRIC_DEFAULT', why: "KMS's default key spec" },
    { path: 'rotation_period_in_days', value: 365, why: 'KMS rotates yearly unless another period is set' },
  ],
  forcesReplacement: ['key_usage', 'customer_master_key_spec', 'multi_region', 'custom_key_store_id', 'xks_key_id'],
  trailEvents: [
    'CreateKey',
    'ScheduleKeyDeletion',
    'CancelKeyDeletion',
    'EnableKey',
    'DisableKey',
    'EnableKeyRotation',
    'DisableKeyRotation',
    'PutKeyPolicy',
    'UpdateKeyDescription',
    'TagResource',
    'UntagResource',
  ],
  limitations:
    'details cost four calls per customer-managed key (DescribeKey, GetKeyPolicy, GetKeyRotationStatus, ListResourceTags): KMS has no bulk form',
  codify: {
    arguments: [
      { name: 'description' },
      { name: 'key_usage', default: 'ENCRYPT_DECRYPT' },
      { name: 'customer_master_key_spec', default: 'SYMMETRIC_DEFAULT' },
      { name: 'is_enabled', default: true },
      { name: 'enable_key_rotation', default: false },
      { name: 'multi_region', default: false },
      { name: 'policy', json: true },
      { name: 'tags' },
    ],
  },
});
