/**
 * The existence tier's one stream per (account, region): GetResources of the Resource Groups
 * Tagging API, paged to the end with the SDK paginator. Complete or a classified failure, never
 * partial (a page that fails fails the listing; a repeated token ends it).
 */
import { loadServiceClients, type AwsClientFactory } from '../client.js';
import { classifyAwsError, type AwsApiError } from '../errors.js';
import { collectPages, mapLimit } from '../repositories/paging.js';
import type { TaggingListing } from './conclude.js';

/** Progress of the listings (observe.ts ObserveProgress, as far as used here). */
interface ListingProgress {
  start(task: string): void;
  advance(task: string, by?: number): void;
  fail(task: string, reason: string): void;
  finish(task: string): void;
}

/** An entered account (observe.ts): its clients, or why it could not be entered. */
export interface ListingAccount {
  readonly account: string;
  readonly factory: AwsClientFactory;
  readonly failure?: AwsApiError;
}

/**
 * Every (account, region) listing of the tier: an account that could not be entered is a failed
 * listing with that reason (the tier was not looked at there either).
 */
export async function taggingListings(
  accounts: ReadonlyArray<ListingAccount>,
  regions: ReadonlyArray<string>,
  options: { readonly tagFilters?: Readonly<Record<string, string>>; readonly concurrency: number },
  progress: ListingProgress | undefined,
): Promise<TaggingListing[]> {
  const streams = accounts.flatMap((account) => regions.map((region) => ({ account, region })));
  return mapLimit(streams, options.concurrency, async ({ account, region }): Promise<TaggingListing> => {
    const task = `${account.account}/${region}/tagging`;
    progress?.start(task);
    const failure = account.failure;
    const listing: TaggingListing = failure
      ? {
          account: account.account,
          region,
          failure: {
            reason: failure.reason,
            code: failure.kind,
            ...(failure.details.nextStep ? { nextStep: failure.details.nextStep } : {}),
          },
        }
      : await listTagged(account.factory, account.account, region, options.tagFilters);
    if ('failure' in listing) progress?.fail(task, listing.failure.reason);
    else progress?.advance(task, listing.arns.length);
    progress?.finish(task);
    return listing;
  });
}

/** The largest page GetResources allows. */
const RESOURCES_PER_PAGE = 100;

export async function listTagged(
  clients: AwsClientFactory,
  account: string,
  region: string,
  tagFilters: Readonly<Record<string, string>> | undefined,
): Promise<TaggingListing> {
  try {
    const filters = Object.entries(tagFilters ?? {}).map(([Key, Value]) => ({ Key, Values: [Value] }));
    // The tagging SDK package loads only when the existence tier runs.
    const [{ paginateGetResources }] = await Promise.all([
      import('@aws-sdk/client-resource-groups-tagging-api'),
      loadServiceClients('tagging'),
    ]);
    const pages = paginateGetResources(
      { client: clients.client('tagging', region), stopOnSameToken: true },
      { ResourcesPerPage: RESOURCES_PER_PAGE, ...(filters.length > 0 ? { TagFilters: filters } : {}) },
    );
    const arns = await collectPages(pages, (page) =>
      page.ResourceTagMappingList?.map((m) => m.ResourceARN).filter((arn): arn is string => typeof arn === 'string'),
    );
    return { account, region, arns };
  } catch (err) {
    const failure = classifyAwsError(err, { scope: { account, region }, action: 'tag:GetResources' });
    return {
      account,
      region,
      failure: {
        reason: failure.reason,
        code: failure.kind,
        ...(failure.details.nextStep ? { nextStep: failure.details.nextStep } : {}),
      },
    };
  }
}
