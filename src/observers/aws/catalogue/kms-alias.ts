/**
 * aws_kms_alias: ListAliases, one paginated bulk call per region (shared with aws_kms_key, which
 * reads it to tell AWS-managed keys). The provider's id and import id are the alias name. As the
 * provider's read: `arn` is the alias ARN, `target_key_arn` the key ARN in the alias's account and
 * region, `target_key_id` the key id AWS returns.
 */
import type { AliasListEntry } from '@aws-sdk/client-kms';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';

/** `arn:aws:kms:r:a:alias/x` and a key id → `arn:aws:kms:r:a:key/<id>` (the provider's aliasARNToKeyARN). */
export function keyArnOfAlias(aliasArn: string | undefined, keyId: string | undefined): string | undefined {
  const at = aliasArn?.indexOf(':alias/') ?? -1;
  return aliasArn !== undefined && at > 0 && keyId !== undefined ? `${aliasArn.slice(0, at)}:key/${keyId}` : undefined;
}

export const kmsAlias = defineResourceType<AliasListEntry>({
  type: 'aws_kms_alias',
  service: 'kms',
  list: (repos) => repos.listing.list('kms', 'ListAliases', {}, (page) => page.Aliases, 100),
  observe: (a) => ({
    id: a.AliasName ?? '',
    attributes: {
      id: a.AliasName,
      arn: a.AliasArn,
      name: a.AliasName,
      target_key_id: a.TargetKeyId,
      target_key_arn: keyArnOfAlias(a.AliasArn, a.TargetKeyId),
    },
    // Observed, never dropped: the names under alias/aws/ are reserved for AWS services.
    ...(a.AliasName?.startsWith('alias/aws/')
      ? { noise: 'an alias AWS creates for one of its services (alias/aws/ is reserved: no state can hold it)' }
      : {}),
  }),
  // name_prefix is configuration-only: the provider derives the name from it once.
  computed: ['name_prefix'],
  forcesReplacement: ['name', 'name_prefix'],
  trailEvents: ['CreateAlias', 'UpdateAlias', 'DeleteAlias'],
  revert: {
    attributes: ['target_key_id', 'target_key_arn'],
    sends: ['kms:UpdateAlias'],
    plan: (f, ctx) => {
      const recorded = recordedOf(f, 'target_key_id');
      if (typeof recorded !== 'string') return { unsupported: 'the recorded target_key_id is not available' };
      return {
        calls: [awsCall('kms', 'UpdateAlias', regionOf(f, ctx), { AliasName: f.resource.id, TargetKeyId: recorded })],
      };
    },
  },
  prune: {
    sends: ['kms:DeleteAlias'],
    plan: (f, ctx) => ({ calls: [awsCall('kms', 'DeleteAlias', regionOf(f, ctx), { AliasName: f.resource.id })] }),
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'target_key_id', required: true },
    ],
  },
});
