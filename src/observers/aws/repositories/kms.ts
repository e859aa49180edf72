/**
 * KMS repository. ListKeys lists key ids in bulk (1000 per page); everything Terraform records
 * about a key needs one call per key (DescribeKey, GetKeyPolicy, GetKeyRotationStatus,
 * ListResourceTags), at most `ctx.fanOut` in flight.
 *
 * Only customer-managed keys are read in full. AWS-managed keys (KeyManager AWS, the `aws/…`
 * aliases) are returned with their DescribeKey metadata only and `awsManaged` set: the entry
 * observes them as noise with that reason (suppressed, listed by --verbose), never dropped here.
 * Keys pending deletion are gone for Terraform (the provider's read removes them from state), so
 * they are not observed: a state that still holds one reports it missing.
 */
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  paginateListKeys,
  paginateListResourceTags,
  type KeyListEntry,
  type KeyMetadata,
  type Tag,
} from '@aws-sdk/client-kms';
import type { RepositoryContext } from './index.js';
import { createListingRepository } from './listing.js';
import { collectPages, mapLimit } from './paging.js';

/** A customer-managed key with what its per-key reads return. */
export interface KmsKeyDetails {
  readonly metadata: KeyMetadata;
  /** The key policy named `default` (the only name KMS supports), as JSON text. */
  readonly policy: string | undefined;
  readonly rotationEnabled: boolean | undefined;
  readonly rotationPeriodInDays: number | undefined;
  readonly tags: ReadonlyArray<Tag>;
  /** An AWS-managed key: only its metadata was read (no state can manage it). */
  readonly awsManaged?: boolean;
}

/** A key pending deletion: gone for Terraform (its read removes it from state). */
export function isDeleted(metadata: KeyMetadata): boolean {
  return metadata.KeyState === 'PendingDeletion' || metadata.KeyState === 'PendingReplicaDeletion';
}

export function createKmsRepository(ctx: RepositoryContext) {
  const listing = createListingRepository(ctx);
  const client = () => ctx.client('kms');

  const keys = (): Promise<KeyListEntry[]> =>
    ctx.list('kms:ListKeys', () =>
      collectPages(paginateListKeys({ client: client(), pageSize: 1000, stopOnSameToken: true }, {}), (p) => p.Keys),
    );

  /**
   * Keys behind an `alias/aws/...` alias are AWS-managed whatever KeyManager says (an emulator
   * reports `alias/aws/ebs` as a customer key). One bulk ListAliases call per scope.
   */
  // The same listing aws_kms_alias reads (shared through the scope's memo: one call for both).
  const awsAliasedKeys = async (): Promise<Set<string>> => {
    const aliases = await listing.list('kms', 'ListAliases', {}, (p) => p.Aliases, 100);
    return new Set(
      aliases.filter((a) => a.AliasName?.startsWith('alias/aws/') && a.TargetKeyId).map((a) => a.TargetKeyId!),
    );
  };

  return {
    /** Every key id in the scope (ListKeys, 1000 per page). */
    keys,

    /** Customer-managed keys with policy, rotation and tags; AWS-managed keys with their metadata only. */
    customerKeys: (): Promise<KmsKeyDetails[]> =>
      ctx.list('kms:DescribeKey', async () => {
        const [listed, awsKeys] = await Promise.all([keys(), awsAliasedKeys()]);
        const metadata = await mapLimit(
          listed,
          ctx.fanOut,
          async (k) => (await client().send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata,
        );
        const present = metadata.filter((m): m is KeyMetadata => m !== undefined && !isDeleted(m));
        const managedByAws = (m: KeyMetadata) => m.KeyManager === 'AWS' || awsKeys.has(m.KeyId ?? '');
        const customer = present.filter((m) => !managedByAws(m));
        const awsManaged = present.filter(managedByAws).map((m): KmsKeyDetails => ({
          metadata: m,
          policy: undefined,
          rotationEnabled: undefined,
          rotationPeriodInDays: undefined,
          tags: [],
          awsManaged: true,
        }));
        // Rotation applies to symmetric keys only; KMS refuses GetKeyRotationStatus on others.
        const details = await mapLimit(customer, ctx.fanOut, async (m): Promise<KmsKeyDetails> => {
          const symmetric = (m.KeySpec ?? m.CustomerMasterKeySpec) === 'SYMMETRIC_DEFAULT';
          const [policy, rotation, tags] = await Promise.all([
            client().send(new GetKeyPolicyCommand({ KeyId: m.KeyId, PolicyName: 'default' })),
            symmetric ? client().send(new GetKeyRotationStatusCommand({ KeyId: m.KeyId })) : Promise.resolve(undefined),
            collectPages(
              paginateListResourceTags({ client: client(), pageSize: 50, stopOnSameToken: true }, { KeyId: m.KeyId }),
              (p) => p.Tags,
            ),
          ]);
          return {
            metadata: m,
            policy: policy.Policy,
            rotationEnabled: rotation?.KeyRotationEnabled,
            rotationPeriodInDays: rotation?.RotationPeriodInDays,
            tags,
          };
        });
        return [...details, ...awsManaged];
      }),
  };
}
export type KmsRepository = ReturnType<typeof createKmsRepository>;
