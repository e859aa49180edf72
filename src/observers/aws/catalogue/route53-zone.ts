/**
 * aws_route53_zone: ListHostedZones in bulk, then GetHostedZone per zone (delegation set and VPC
 * associations have no bulk read) and tags ten zones per ListTagsForResources call. The provider's
 * id and import id are the zone id without `/hostedzone/`. As resourceZoneRead stores it: the name
 * without its trailing dot, `comment` and `delegation_set_id` empty when absent, the first name
 * server as `primary_name_server`, then the name servers sorted.
 */
import { awsCall } from '../calls.js';
import { tagAttributes } from '../mapping.js';
import { tagDelta } from '../tag-calls.js';
import type { ZoneWithDetails } from '../repositories/route53.js';
import { cleanZoneId } from '../repositories/route53-ids.js';
import { defineResourceType } from './define.js';

export const route53Zone = defineResourceType<ZoneWithDetails>({
  type: 'aws_route53_zone',
  service: 'route53',
  global: true,
  list: (repos) => repos.route53.zonesWithDetails(),
  observe: (z) => {
    const zoneId = cleanZoneId(z.HostedZone?.Id);
    const nameServers = [...(z.DelegationSet?.NameServers ?? [])];
    return {
      id: zoneId,
      attributes: {
        id: zoneId,
        zone_id: zoneId,
        arn: `arn:aws:route53:::hostedzone/${zoneId}`,
        name: (z.HostedZone?.Name ?? '').replace(/\.$/, ''),
        comment: z.HostedZone?.Config?.Comment ?? '',
        delegation_set_id: (z.DelegationSet?.Id ?? '').replace(/^\/delegationset\//, ''),
        primary_name_server: nameServers[0],
        name_servers: [...nameServers].sort(),
        vpc: (z.VPCs ?? []).map((v) => ({ vpc_id: v.VPCId ?? '', vpc_region: v.VPCRegion ?? '' })),
        ...tagAttributes(z.tags),
      },
    };
  },
  computed: [
    // Assigned by Route 53 (a private zone's name servers come from its NS record, not read here),
    // or configuration-only (whether destroy deletes the zone's records first).
    'name_servers',
    'primary_name_server',
    'force_destroy',
  ],
  sets: ['vpc'],
  // Which VPCs resolve a private zone.
  policy: ['vpc'],
  forcesReplacement: ['name', 'delegation_set_id'],
  trailEvents: [
    'CreateHostedZone',
    'DeleteHostedZone',
    'UpdateHostedZoneComment',
    'AssociateVPCWithHostedZone',
    'DisassociateVPCFromHostedZone',
    'ChangeTagsForResource',
  ],
  limitations:
    'attributes cost one GetHostedZone call per zone and one ListTagsForResources call per ten zones (no bulk read)',
  revert: {
    attributes: ['comment', 'tags', 'tags_all'],
    sends: ['route53:UpdateHostedZoneComment', 'route53:ChangeTagsForResource'],
    plan: (f) => {
      const Id = f.resource.id ?? '';
      const calls = [];
      const comment = f.changes.find((c) => c.path === 'comment');
      if (comment)
        calls.push(
          awsCall('route53', 'UpdateHostedZoneComment', 'global', { Id, Comment: String(comment.recorded ?? '') }),
        );
      const { put, remove } = tagDelta(f);
      if (put.size > 0 || remove.size > 0)
        calls.push(
          awsCall('route53', 'ChangeTagsForResource', 'global', {
            ResourceType: 'hostedzone',
            ResourceId: Id,
            ...(put.size > 0 ? { AddTags: [...put].map(([Key, Value]) => ({ Key, Value })) } : {}),
            ...(remove.size > 0 ? { RemoveTagKeys: [...remove].sort() } : {}),
          }),
        );
      return { calls };
    },
  },
  prune: {
    sends: ['route53:DeleteHostedZone'],
    plan: (f) => ({
      calls: [
        awsCall(
          'route53',
          'DeleteHostedZone',
          'global',
          { Id: f.resource.id },
          { note: 'Route 53 refuses while the zone holds records other than its NS and SOA' },
        ),
      ],
    }),
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'comment', default: 'Managed by Terraform' },
      { name: 'vpc', block: [{ name: 'vpc_id', required: true }, { name: 'vpc_region' }] },
      { name: 'tags' },
    ],
  },
});
