import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { route53Record } from './route53-record.js';

const observedItems = trackObservations(route53Record);
const scope = { account: '123456789012', region: 'global' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
const zone = { zoneId: 'Z123', zoneName: 'example.com.' };

test('aws_route53_record maps ListResourceRecordSets as the provider reads it: id zone_fqdn_type, values sorted, TXT unquoted', () => {
  const a = route53Record.observe(
    {
      ...zone,
      record: {
        Name: 'www.example.com.',
        Type: 'A',
        TTL: 300,
        ResourceRecords: [{ Value: '10.0.0.2' }, { Value: '10.0.0.1' }],
      },
    },
    scope,
  );
  assert.equal(a.id, 'Z123_www.example.com_A');
  assert.deepEqual(a.attributes, {
    id: 'Z123_www.example.com_A',
    zone_id: 'Z123',
    fqdn: 'www.example.com',
    name: 'www.example.com',
    type: 'A',
    set_identifier: undefined,
    ttl: 300,
    records: ['10.0.0.1', '10.0.0.2'],
    health_check_id: undefined,
    multivalue_answer_routing_policy: undefined,
  });
  assert.equal(a.noise, undefined);
  const txt = route53Record.observe(
    { ...zone, record: { Name: 'example.com.', Type: 'TXT', TTL: 60, ResourceRecords: [{ Value: '"v=spf1 -all"' }] } },
    scope,
  );
  assert.deepEqual(txt.attributes['records'], ['v=spf1 -all']);
});

test('an alias record has alias and no records; a weighted record carries its set identifier and policy; wildcards unescaped', () => {
  const alias = route53Record.observe(
    {
      ...zone,
      record: {
        Name: '\\052.example.com.',
        Type: 'A',
        AliasTarget: {
          HostedZoneId: 'Z2',
          DNSName: 'Dualstack.LB-1.eu-west-1.elb.amazonaws.com.',
          EvaluateTargetHealth: true,
        },
      },
    },
    scope,
  );
  assert.equal(alias.id, 'Z123_*.example.com_A');
  assert.deepEqual(alias.attributes['alias'], [
    { evaluate_target_health: true, name: 'dualstack.lb-1.eu-west-1.elb.amazonaws.com', zone_id: 'Z2' },
  ]);
  assert.equal('records' in alias.attributes, false);
  assert.equal(alias.attributes['ttl'], undefined);
  const weighted = route53Record.observe(
    {
      ...zone,
      record: {
        Name: 'api.example.com.',
        Type: 'CNAME',
        SetIdentifier: 'blue',
        Weight: 90,
        TTL: 60,
        HealthCheckId: 'hc-1',
        ResourceRecords: [{ Value: 'blue.example.com' }],
      },
    },
    scope,
  );
  assert.equal(weighted.id, 'Z123_api.example.com_CNAME_blue');
  assert.deepEqual(weighted.attributes['weighted_routing_policy'], [{ weight: 90 }]);
  assert.equal(weighted.attributes['health_check_id'], 'hc-1');
  const other = route53Record.observe(
    {
      ...zone,
      record: {
        Name: 'geo.example.com.',
        Type: 'A',
        SetIdentifier: 'x',
        TTL: 60,
        Failover: 'PRIMARY',
        Region: 'eu-west-1',
        MultiValueAnswer: true,
        GeoLocation: { CountryCode: 'DE' },
        CidrRoutingConfig: { CollectionId: 'c', LocationName: 'l' },
        GeoProximityLocation: { AWSRegion: 'eu-west-1', Bias: 10, Coordinates: { Latitude: '1', Longitude: '2' } },
        ResourceRecords: [{ Value: '10.0.0.9' }],
      },
    },
    scope,
  );
  assert.deepEqual(other.attributes['failover_routing_policy'], [{ type: 'PRIMARY' }]);
  assert.deepEqual(other.attributes['latency_routing_policy'], [{ region: 'eu-west-1' }]);
  assert.deepEqual(other.attributes['geolocation_routing_policy'], [{ continent: '', country: 'DE', subdivision: '' }]);
  assert.deepEqual(other.attributes['cidr_routing_policy'], [{ collection_id: 'c', location_name: 'l' }]);
  assert.deepEqual(other.attributes['geoproximity_routing_policy'], [
    { aws_region: 'eu-west-1', bias: 10, local_zone_group: '', coordinates: [{ latitude: '1', longitude: '2' }] },
  ]);
  assert.equal(other.attributes['multivalue_answer_routing_policy'], true);
});

test("the zone's own apex NS and SOA records are observed as noise with the reason, never dropped", () => {
  const ns = route53Record.observe(
    {
      ...zone,
      record: { Name: 'example.com.', Type: 'NS', TTL: 172800, ResourceRecords: [{ Value: 'ns-1.awsdns-01.org.' }] },
    },
    scope,
  );
  assert.match(ns.noise ?? '', /created by Route 53/);
});

test('aws_route53_record revert UPSERTs the recorded values and TTL; a partial change is refused with the reason', () => {
  const finding = (changes: unknown[]) =>
    ({
      resource: { type: 'aws_route53_record', id: 'Z123_www.example.com_A', address: 'x' },
      kind: 'configuration',
      changes,
    }) as never;
  const planned = route53Record.revert!.plan(
    finding([
      { path: 'records', recorded: ['10.0.0.1'], observed: ['10.0.0.9'], sensitive: false },
      { path: 'ttl', recorded: 300, observed: 60, sensitive: false },
    ]),
    ctx,
  );
  assert.ok('calls' in planned);
  assert.deepEqual(planned.calls[0]?.input, {
    HostedZoneId: 'Z123',
    ChangeBatch: {
      Changes: [
        {
          Action: 'UPSERT',
          ResourceRecordSet: { Name: 'www.example.com', Type: 'A', TTL: 300, ResourceRecords: [{ Value: '10.0.0.1' }] },
        },
      ],
    },
  });
  const partial = route53Record.revert!.plan(
    finding([{ path: 'records', recorded: ['10.0.0.1'], observed: ['10.0.0.9'], sensitive: false }]),
    ctx,
  );
  assert.match(String((partial as { unsupported: string }).unsupported), /TTL/);
});

test('every provider attribute of aws_route53_record is observed by these fixtures or declared with a reason', () => {
  assertAccounted(route53Record, observedItems);
});
