/**
 * aws_secretsmanager_secret: ListSecrets, one paginated bulk call per region (100 a page). Only the
 * secret's metadata is read: never its value (GetSecretValue is not called, and not in any `sends`).
 * The provider's id and import id are the secret ARN. ListSecrets carries the tags; the resource
 * policy (GetResourcePolicy) and the replicas (DescribeSecret) are one call per secret: unread.
 * A secret another AWS service owns (OwningService: RDS master-user secrets, ...) is observed as
 * noise.
 */
import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { awsCall, regionOf } from '../calls.js';
import { tagAttributes, unread } from '../mapping.js';
import { defineResourceType } from './define.js';

export const secretsmanagerSecret = defineResourceType<SecretListEntry>({
  type: 'aws_secretsmanager_secret',
  service: 'secretsmanager',
  list: (repos) => repos.listing.list('secretsmanager', 'ListSecrets', {}, (page) => page.SecretList, 100),
  observe: (s) => ({
    id: s.ARN ?? '',
    attributes: {
      id: s.ARN,
      arn: s.ARN,
      name: s.Name,
      description: s.Description ?? '',
      kms_key_id: s.KmsKeyId ?? '',
      ...tagAttributes(s.Tags),
    },
    ...(s.OwningService
      ? { noise: `a secret ${s.OwningService} creates and manages (OwningService): it is not written by Terraform` }
      : {}),
  }),
  unread: [
    ...unread('GetResourcePolicy is one call per secret: not read', 'policy'),
    ...unread('ListSecrets returns no replication status; DescribeSecret is one call per secret: not read', 'replica'),
  ],
  // Configuration-only arguments (delete-time and replica-overwrite settings, the name prefix).
  computed: ['name_prefix', 'recovery_window_in_days', 'force_overwrite_replica_secret'],
  // The key decides who can decrypt the secret.
  policy: ['kms_key_id'],
  forcesReplacement: ['name', 'name_prefix'],
  trailEvents: [
    'CreateSecret',
    'UpdateSecret',
    'DeleteSecret',
    'RestoreSecret',
    'PutResourcePolicy',
    'DeleteResourcePolicy',
    'ReplicateSecretToRegions',
    'RemoveRegionsFromReplication',
    'TagResource',
    'UntagResource',
  ],
  revert: {
    attributes: ['description', 'kms_key_id'],
    sends: ['secretsmanager:UpdateSecret'],
    plan: (f, ctx) => {
      const input: { SecretId: string; Description?: string; KmsKeyId?: string } = { SecretId: f.resource.id ?? '' };
      for (const change of f.changes) {
        if (typeof change.recorded !== 'string')
          return { unsupported: `${change.path}: no recorded value to put back` };
        if (change.path === 'description') input.Description = change.recorded;
        else if (change.path === 'kms_key_id') input.KmsKeyId = change.recorded;
        else return { unsupported: `${change.path} is not reverted` };
      }
      // UpdateSecret without SecretString/SecretBinary changes metadata only: the value is never sent.
      return { calls: [awsCall('secretsmanager', 'UpdateSecret', regionOf(f, ctx), input)] };
    },
  },
  prune: {
    sends: ['secretsmanager:DeleteSecret'],
    // The default 30-day recovery window: a pruned secret can still be restored.
    plan: (f, ctx) => ({
      calls: [
        awsCall('secretsmanager', 'DeleteSecret', regionOf(f, ctx), {
          SecretId: f.resource.id,
          RecoveryWindowInDays: 30,
        }),
      ],
    }),
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'description', default: '' },
      { name: 'kms_key_id', default: '' },
      { name: 'tags' },
    ],
  },
});
