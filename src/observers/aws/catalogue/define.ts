/**
 * One catalogue entry per Terraform resource type: everything Driftwarden knows about the type
 * lives in its entry (listing, identity, attribute mapping, compare semantics, policy-relevant and
 * replace-forcing attributes, trail events, revert, prune, codify). Adding a type touches its file and
 * its test; the index (entries.ts) and the README table are regenerated (`npm run docs:support-table`).
 *
 * Entries never call the AWS SDK: they ask the per-service repositories (src/observers/aws/repositories),
 * which page, retry, count calls and memoize, so two types sharing a listing list once.
 */
import type { CatalogueEntry, ObservedItemBase } from '../../../model/catalogue.js';
import type { ApiCall, AwsPrune, AwsRevert, AwsStep } from '../calls.js';
import type { AwsRepositories } from '../repositories/index.js';

/** The account and region a listing covers. Global services (IAM) use region `global`. */
export interface AwsScope {
  readonly account: string;
  readonly region: string;
}

/** One live resource, mapped to the Terraform AWS provider's attribute names and shapes. */
export type ObservedItem = ObservedItemBase;

export interface ResourceTypeEntry<T = unknown> extends CatalogueEntry<ApiCall> {
  /** The AWS service whose repository lists it: ec2, iam, s3, elbv2, autoscaling, rds, kms. */
  readonly service: string;
  /** True for account-wide services (IAM): listed once per account, region `global`. */
  readonly global?: boolean;
  /** Lists every live item of this type in the scope, in bulk. */
  list(repos: AwsRepositories, scope: AwsScope): Promise<ReadonlyArray<T>>;
  /** Maps one API item to the provider's id and attribute names. */
  observe(item: T, scope: AwsScope): ObservedItem;
  /** What a revert can put back, and the operations its plans send (calls.ts). */
  readonly revert?: AwsRevert;
  /** How an unmanaged resource of this type is deleted, and the operations it sends. */
  readonly prune?: AwsPrune;
  /**
   * Attributes with no bulk read, read per resource only when asked (`--deep`, or `deep:` per
   * environment in the config). Each is also declared in `unread` with the reason it is not read
   * otherwise, so a shallow scan lists it as a suppression and a deep scan compares it.
   */
  readonly deep?: DeepRead;
  /** Steps the executor runs around this entry's calls, by the name a call gives in `before`/`after`. */
  readonly steps?: Readonly<Record<string, AwsStep>>;
}

/** A per-resource read of attributes the bulk listing lacks. */
export interface DeepRead {
  /** The attribute names `read` returns. */
  readonly attributes: ReadonlyArray<string>;
  /** One item's extra attributes, through the repositories (each call is counted). */
  read(item: ObservedItem, repos: AwsRepositories, scope: AwsScope): Promise<Record<string, unknown>>;
}

/**
 * An entry of any API item type: the catalogue list is heterogeneous, and each entry's `list` and
 * `observe` agree on their own item type. The one place the catalogue is untyped.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyResourceTypeEntry = ResourceTypeEntry<any>;

/** Identity helper so entries are typed without repeating the generic parameter. */
export function defineResourceType<T>(entry: ResourceTypeEntry<T>): ResourceTypeEntry<T> {
  return entry;
}
