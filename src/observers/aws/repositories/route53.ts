/**
 * Route 53 repository (global: listed once per account). ListHostedZones lists zones in bulk (100
 * per page), but what Terraform records about a zone needs GetHostedZone per zone (delegation set,
 * VPC associations) and its tags come ten zones per ListTagsForResources call. Records are listed
 * per zone (ListResourceRecordSets, 300 per page, paged by start name/type/identifier). Every
 * per-zone call runs at most `ctx.fanOut` at a time and is counted.
 *
 * Invariant: a listing is complete or an AwsApiError; a repeated page start ends the paging (a
 * broken endpoint cannot loop forever).
 */
import {
  GetHostedZoneCommand,
  ListResourceRecordSetsCommand,
  ListTagsForResourcesCommand,
  paginateListHostedZones,
  type GetHostedZoneResponse,
  type HostedZone,
  type ResourceRecordSet,
  type Tag,
} from '@aws-sdk/client-route-53';
import type { RepositoryContext } from './index.js';
import { cleanZoneId } from './route53-ids.js';
import { chunk, collectPages, mapLimit } from './paging.js';

/** ListTagsForResources takes at most ten resource ids per call. */
const TAGS_PER_CALL = 10;

/** A zone as GetHostedZone answers it, with its tags. */
export interface ZoneWithDetails extends Omit<GetHostedZoneResponse, '$metadata'> {
  readonly tags: ReadonlyArray<Tag>;
}

/** A record set with the zone it belongs to. */
export interface RecordInZone {
  readonly zoneId: string;
  readonly zoneName: string;
  readonly record: ResourceRecordSet;
}

export function createRoute53Repository(ctx: RepositoryContext) {
  const client = () => ctx.client('route53');

  const zones = (): Promise<HostedZone[]> =>
    ctx.list('route53:ListHostedZones', () =>
      collectPages(
        paginateListHostedZones({ client: client(), pageSize: 100, stopOnSameToken: true }, {}),
        (p) => p.HostedZones,
      ),
    );

  const recordsOf = async (zoneId: string): Promise<ResourceRecordSet[]> => {
    const out: ResourceRecordSet[] = [];
    const seen = new Set<string>();
    let start: { StartRecordName?: string; StartRecordType?: never; StartRecordIdentifier?: string } = {};
    for (;;) {
      const page = await client().send(
        new ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: 300, ...start }),
      );
      out.push(...(page.ResourceRecordSets ?? []));
      if (!page.IsTruncated) return out;
      const key = `${page.NextRecordName}|${page.NextRecordType}|${page.NextRecordIdentifier}`;
      if (seen.has(key)) return out;
      seen.add(key);
      start = {
        StartRecordName: page.NextRecordName,
        StartRecordType: page.NextRecordType as never,
        ...(page.NextRecordIdentifier ? { StartRecordIdentifier: page.NextRecordIdentifier } : {}),
      };
    }
  };

  return {
    zones,

    zonesWithDetails: async (): Promise<ZoneWithDetails[]> => {
      const listed = await zones();
      const ids = listed.map((z) => cleanZoneId(z.Id));
      const [details, tags] = await Promise.all([
        ctx.list('route53:GetHostedZone', () =>
          mapLimit(ids, ctx.fanOut, async (Id) => {
            const { $metadata: _ignored, ...out } = await client().send(new GetHostedZoneCommand({ Id }));
            return out;
          }),
        ),
        ctx.list('route53:ListTagsForResources', async () => {
          const byId = new Map<string, Tag[]>();
          await mapLimit(chunk(ids, TAGS_PER_CALL), ctx.fanOut, async (ResourceIds) => {
            const res = await client().send(
              new ListTagsForResourcesCommand({ ResourceType: 'hostedzone', ResourceIds }),
            );
            for (const set of res.ResourceTagSets ?? []) byId.set(set.ResourceId ?? '', set.Tags ?? []);
          });
          return byId;
        }),
      ]);
      return details.map((d, i) => ({ ...d, tags: tags.get(ids[i] ?? '') ?? [] }));
    },

    records: async (): Promise<RecordInZone[]> => {
      const listed = await zones();
      const perZone = await ctx.list('route53:ListResourceRecordSets', () =>
        mapLimit(listed, ctx.fanOut, async (zone) => {
          const zoneId = cleanZoneId(zone.Id);
          const zoneName = zone.Name ?? '';
          return (await recordsOf(zoneId)).map((record) => ({ zoneId, zoneName, record }));
        }),
      );
      return perZone.flat();
    },
  };
}
export type Route53Repository = ReturnType<typeof createRoute53Repository>;
