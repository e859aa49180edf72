import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { route53HealthCheck } from './route53-health-check.js';

const observedItems = trackObservations(route53HealthCheck);
const scope = { account: '123456789012', region: 'global' };

test('aws_route53_health_check maps HealthCheckConfig as the provider stores it', () => {
  const o = route53HealthCheck.observe(
    {
      check: {
        Id: 'hc-1',
        CallerReference: 'ref',
        HealthCheckVersion: 1,
        HealthCheckConfig: {
          Type: 'HTTPS_STR_MATCH',
          FullyQualifiedDomainName: 'app.example.com',
          Port: 443,
          ResourcePath: '/health',
          SearchString: 'ok',
          FailureThreshold: 3,
          RequestInterval: 30,
          MeasureLatency: true,
          EnableSNI: true,
          Regions: ['us-west-1', 'eu-west-1', 'us-east-1'],
        },
      },
      tags: [{ Key: 'app', Value: 'web' }],
    },
    scope,
  );
  assert.deepEqual(o.attributes, {
    id: 'hc-1',
    arn: 'arn:aws:route53:::healthcheck/hc-1',
    child_health_threshold: 0,
    child_healthchecks: [],
    disabled: false,
    enable_sni: true,
    failure_threshold: 3,
    fqdn: 'app.example.com',
    insufficient_data_health_status: '',
    invert_healthcheck: false,
    ip_address: '',
    measure_latency: true,
    port: 443,
    regions: ['eu-west-1', 'us-east-1', 'us-west-1'],
    request_interval: 30,
    resource_path: '/health',
    routing_control_arn: '',
    search_string: 'ok',
    type: 'HTTPS_STR_MATCH',
    tags: { app: 'web' },
    tags_all: { app: 'web' },
  });
  assert.equal(o.noise, undefined);
});

test('aws_route53_health_check: a CloudWatch metric check carries its alarm; one another service made is noise', () => {
  const o = route53HealthCheck.observe(
    {
      check: {
        Id: 'hc-2',
        CallerReference: 'ref',
        HealthCheckVersion: 1,
        LinkedService: { ServicePrincipal: 'servicediscovery.amazonaws.com' },
        HealthCheckConfig: {
          Type: 'CLOUDWATCH_METRIC',
          AlarmIdentifier: { Name: 'cpu-high', Region: 'eu-west-1' },
          InsufficientDataHealthStatus: 'LastKnownStatus',
        },
      },
      tags: [],
    },
    scope,
  );
  assert.equal(o.attributes['cloudwatch_alarm_name'], 'cpu-high');
  assert.equal(o.attributes['cloudwatch_alarm_region'], 'eu-west-1');
  assert.match(o.noise ?? '', /servicediscovery/);
});

test('aws_route53_health_check revert puts recorded settings back with UpdateHealthCheck; prune deletes', () => {
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  const resource = { type: 'aws_route53_health_check', id: 'hc-1', region: 'global' };
  const revert = route53HealthCheck.revert!.plan(
    {
      resource,
      kind: 'configuration',
      changes: [
        { path: 'disabled', recorded: false, observed: true, sensitive: false },
        { path: 'failure_threshold', recorded: 3, observed: 10, sensitive: false },
      ],
    } as never,
    ctx,
  );
  assert.deepEqual(revert, {
    calls: [
      {
        service: 'route53',
        operation: 'UpdateHealthCheck',
        region: 'global',
        input: { HealthCheckId: 'hc-1', Disabled: false, FailureThreshold: 3 },
      },
    ],
  });
  assert.deepEqual(route53HealthCheck.prune!.plan({ resource, kind: 'unmanaged', changes: [] } as never, ctx), {
    calls: [{ service: 'route53', operation: 'DeleteHealthCheck', region: 'global', input: { HealthCheckId: 'hc-1' } }],
  });
});

test('every provider attribute of aws_route53_health_check is observed by these fixtures or declared with a reason', () => {
  assertAccounted(route53HealthCheck, observedItems);
});
