/**
 * aws_route53_record: ListResourceRecordSets per hosted zone (the zone listing is shared with
 * aws_route53_zone). The provider builds its id from the zone id, the name as configured
 * (lowercased: short or fully qualified), the type and the set identifier, so the observed id uses
 * the fully qualified name and pairing falls back to the record's identity (zone, fqdn, type) when a state holds a short name. As resourceRecordRead stores it: `fqdn` without the
 * trailing dot, TXT/SPF values without their surrounding quotes, routing policies as one-element
 * blocks only when set, `alias` only for alias records, `ttl` null for them.
 */
import type { ChangeAction, ResourceRecordSet } from '@aws-sdk/client-route-53';
import { awsCall } from '../calls.js';
import { sortedStrings } from '../mapping.js';
import type { RecordInZone } from '../repositories/route53.js';
import { defineResourceType } from './define.js';

/** A DNS name as the provider stores it: no trailing dot, `\052` (as Route 53 escapes `*`) unescaped. */
export function dnsName(name: string | undefined): string {
  return (name ?? '').replace(/\.$/, '').replace(/\\052/g, '*').toLowerCase();
}

/** TXT and SPF values come back quoted; the provider stores them without the outer quotes. */
function recordValue(type: string | undefined, value: string): string {
  return (type === 'TXT' || type === 'SPF') && value.length >= 2 && value.startsWith('"') && value.endsWith('"')
    ? value.slice(1, -1)
    : value;
}

function recordId(zoneId: string, r: ResourceRecordSet): string {
  return [zoneId, dnsName(r.Name), r.Type, ...(r.SetIdentifier ? [r.SetIdentifier] : [])].join('_');
}

export const route53Record = defineResourceType<RecordInZone>({
  type: 'aws_route53_record',
  service: 'route53',
  global: true,
  list: (repos) => repos.route53.records(),
  observe: ({ zoneId, zoneName, record: r }) => {
    const apex = dnsName(r.Name) === dnsName(zoneName);
    return {
      id: recordId(zoneId, r),
      attributes: {
        id: recordId(zoneId, r),
        zone_id: zoneId,
        fqdn: dnsName(r.Name),
        // Not compared (see computed): codify writes the fully qualified name.
        name: dnsName(r.Name),
        type: r.Type,
        set_identifier: r.SetIdentifier,
        ttl: r.TTL,
        ...(r.AliasTarget
          ? {
              alias: [
                {
                  evaluate_target_health: r.AliasTarget.EvaluateTargetHealth ?? false,
                  name: dnsName(r.AliasTarget.DNSName),
                  zone_id: r.AliasTarget.HostedZoneId ?? '',
                },
              ],
            }
          : { records: sortedStrings((r.ResourceRecords ?? []).map((v) => recordValue(r.Type, v.Value ?? ''))) }),
        health_check_id: r.HealthCheckId,
        multivalue_answer_routing_policy: r.MultiValueAnswer,
        ...(r.Weight !== undefined ? { weighted_routing_policy: [{ weight: r.Weight }] } : {}),
        ...(r.Failover ? { failover_routing_policy: [{ type: r.Failover }] } : {}),
        ...(r.Region ? { latency_routing_policy: [{ region: r.Region }] } : {}),
        ...(r.GeoLocation
          ? {
              geolocation_routing_policy: [
                {
                  continent: r.GeoLocation.ContinentCode ?? '',
                  country: r.GeoLocation.CountryCode ?? '',
                  subdivision: r.GeoLocation.SubdivisionCode ?? '',
                },
              ],
            }
          : {}),
        ...(r.CidrRoutingConfig
          ? {
              cidr_routing_policy: [
                {
                  collection_id: r.CidrRoutingConfig.CollectionId ?? '',
                  location_name: r.CidrRoutingConfig.LocationName ?? '',
                },
              ],
            }
          : {}),
        ...(r.GeoProximityLocation
          ? {
              geoproximity_routing_policy: [
                {
                  aws_region: r.GeoProximityLocation.AWSRegion ?? '',
                  bias: r.GeoProximityLocation.Bias ?? 0,
                  local_zone_group: r.GeoProximityLocation.LocalZoneGroup ?? '',
                  coordinates: r.GeoProximityLocation.Coordinates
                    ? [
                        {
                          latitude: r.GeoProximityLocation.Coordinates.Latitude ?? '',
                          longitude: r.GeoProximityLocation.Coordinates.Longitude ?? '',
                        },
                      ]
                    : [],
                },
              ],
            }
          : {}),
      },
      // Observed, never dropped: Route 53 creates the apex NS and SOA records with every zone.
      ...(apex && (r.Type === 'NS' || r.Type === 'SOA')
        ? { noise: `the zone's own ${r.Type} record, created by Route 53 with the hosted zone` }
        : {}),
    };
  },
  computed: [
    // The provider keeps the name as configured (short or fully qualified): the record's name is
    // compared through `fqdn`. allow_overwrite is configuration-only.
    'name',
    'allow_overwrite',
  ],
  // Every value must be a non-empty string (engine/match.ts), so the optional set identifier is not
  // part of it: records told apart only by set identifier pair by id alone.
  identityAttributes: ['zone_id', 'fqdn', 'type'],
  sets: ['records'],
  forcesReplacement: ['zone_id', 'name', 'type', 'set_identifier'],
  trailEvents: ['ChangeResourceRecordSets'],
  limitations:
    'one ListResourceRecordSets listing per hosted zone; a TXT value split into several quoted strings (over 255 characters) is compared as Route 53 returns it',
  revert: {
    attributes: ['records', 'ttl'],
    sends: ['route53:ChangeResourceRecordSets'],
    plan: (f) => {
      const [zoneId, name, type, setIdentifier] = (f.resource.id ?? '').split('_');
      if (!zoneId || !name || !type) return { unsupported: 'the id is not zone_name_type' };
      const records = f.changes.find((c) => c.path === 'records');
      const ttl = f.changes.find((c) => c.path === 'ttl');
      if (!records || !Array.isArray(records.recorded) || !ttl || typeof ttl.recorded !== 'number')
        return { unsupported: 'an UPSERT needs the recorded values and TTL together; both must have drifted' };
      return {
        calls: [
          awsCall('route53', 'ChangeResourceRecordSets', 'global', {
            HostedZoneId: zoneId,
            ChangeBatch: {
              Changes: [
                {
                  Action: 'UPSERT' as ChangeAction,
                  ResourceRecordSet: {
                    Name: name,
                    Type: type as ResourceRecordSet['Type'],
                    TTL: ttl.recorded,
                    ...(setIdentifier ? { SetIdentifier: setIdentifier } : {}),
                    ResourceRecords: records.recorded.map((v) => ({
                      Value: type === 'TXT' || type === 'SPF' ? `"${String(v)}"` : String(v),
                    })),
                  },
                },
              ],
            },
          }),
        ],
      };
    },
  },
  codify: {
    arguments: [
      { name: 'zone_id', required: true },
      { name: 'name', required: true },
      { name: 'type', required: true },
      { name: 'ttl' },
      { name: 'records' },
      { name: 'set_identifier' },
      {
        name: 'alias',
        block: [
          { name: 'name', required: true },
          { name: 'zone_id', required: true },
          { name: 'evaluate_target_health', required: true },
        ],
      },
    ],
  },
});
