/**
 * The existence tier's one stream per (account, region): GetResources of the Resource Groups
 * Tagging API, paged to the end with the SDK paginator. Complete or a classified failure, never
 * partial (a page that fails fails the listing; a repeated token ends it).
 */
import { loadServiceClients, type AwsClientFactory } from '../client.js';
import { classifyAwsError } from '../errors.js';
import { collectPages } from '../repositories/paging.js';
import type { TaggingListing } from './conclude.js';

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
