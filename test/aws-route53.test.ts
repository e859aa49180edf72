/**
 * Route 53 on the emulator: a hosted zone and its records, created with the SDK and observed
 * through aws_route53_zone and aws_route53_record (one zone listing for both types).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ChangeResourceRecordSetsCommand,
  ChangeTagsForResourceCommand,
  CreateHealthCheckCommand,
  CreateHostedZoneCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { observeAws } from '../src/observers/aws/observe.js';
import { useMoto } from './aws-support.js';

const env = useMoto();

test('aws_route53_zone and aws_route53_record: one ListHostedZones for both, details and records per zone, AWS-made apex records as noise', async () => {
  const r53 = new Route53Client(env.moto.clientConfig('us-east-1'));
  const created = await r53.send(
    new CreateHostedZoneCommand({
      Name: 'example.com',
      CallerReference: 'driftwarden-test',
      HostedZoneConfig: { Comment: 'public zone' },
    }),
  );
  const zoneId = (created.HostedZone?.Id ?? '').replace('/hostedzone/', '');
  await r53.send(
    new ChangeTagsForResourceCommand({
      ResourceType: 'hostedzone',
      ResourceId: zoneId,
      AddTags: [{ Key: 'team', Value: 'platform' }],
    }),
  );
  await r53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: {
        Changes: [
          {
            Action: 'CREATE',
            ResourceRecordSet: {
              Name: 'www.example.com',
              Type: 'A',
              TTL: 300,
              ResourceRecords: [{ Value: '10.0.0.2' }, { Value: '10.0.0.1' }],
            },
          },
        ],
      },
    }),
  );

  const { snapshot, apiCalls, expectedUnmanaged } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_route53_zone', 'aws_route53_record'],
  });
  const zone = snapshot.resources.find((r) => r.type === 'aws_route53_zone');
  assert.ok(zone, 'the zone is observed');
  assert.equal(zone.id, zoneId);
  assert.equal(zone.region, 'global');
  assert.equal(zone.attributes['name'], 'example.com');
  assert.equal(zone.attributes['comment'], 'public zone');
  assert.deepEqual(zone.attributes['tags'], { team: 'platform' });

  const www = snapshot.resources.find((r) => r.type === 'aws_route53_record' && r.id === `${zoneId}_www.example.com_A`);
  assert.ok(www, 'the record is observed with the id the provider builds');
  assert.deepEqual(www.attributes['records'], ['10.0.0.1', '10.0.0.2']);
  assert.equal(www.attributes['ttl'], 300);
  assert.equal(www.attributes['fqdn'], 'www.example.com');
  // The apex NS and SOA the emulator creates with the zone are observed and explained.
  const apex = snapshot.resources.filter(
    (r) => r.type === 'aws_route53_record' && r.attributes['fqdn'] === 'example.com',
  );
  assert.ok(apex.length >= 1);
  for (const record of apex) assert.ok(expectedUnmanaged.some((e) => e.address === record.address));

  assert.equal(apiCalls['route53:ListHostedZones'], 1, 'one zone listing serves both types');
  assert.equal(apiCalls['route53:GetHostedZone'], 1);
  assert.equal(apiCalls['route53:ListTagsForResources'], 1);
  assert.equal(apiCalls['route53:ListResourceRecordSets'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_route53_health_check: ListHealthChecks, tags ten per ListTagsForResources, config as the provider reads it', async () => {
  const r53 = new Route53Client(env.moto.clientConfig('us-east-1'));
  const id =
    (
      await r53.send(
        new CreateHealthCheckCommand({
          CallerReference: 'driftwarden-hc',
          HealthCheckConfig: {
            Type: 'HTTPS',
            FullyQualifiedDomainName: 'app.example.com',
            Port: 443,
            ResourcePath: '/health',
            FailureThreshold: 3,
            RequestInterval: 30,
          },
        }),
      )
    ).HealthCheck?.Id ?? '';
  await r53.send(
    new ChangeTagsForResourceCommand({
      ResourceType: 'healthcheck',
      ResourceId: id,
      AddTags: [{ Key: 'app', Value: 'web' }],
    }),
  );
  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_route53_health_check'] });
  const check = snapshot.resources.find((r) => r.type === 'aws_route53_health_check' && r.id === id);
  assert.ok(check, 'the health check is observed by its id');
  assert.equal(check.attributes['arn'], `arn:aws:route53:::healthcheck/${id}`);
  assert.equal(check.attributes['type'], 'HTTPS');
  assert.equal(check.attributes['fqdn'], 'app.example.com');
  assert.equal(check.attributes['port'], 443);
  assert.equal(check.attributes['resource_path'], '/health');
  assert.equal(check.attributes['failure_threshold'], 3);
  assert.equal(check.attributes['request_interval'], 30);
  assert.deepEqual(check.attributes['tags'], { app: 'web' });
  assert.equal(apiCalls['route53:ListHealthChecks'], 1);
  assert.equal(apiCalls['route53:ListTagsForResources'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});
