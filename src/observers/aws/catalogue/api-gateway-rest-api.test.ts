import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { apiGatewayRestApi, unescapeApiPolicy } from './api-gateway-rest-api.js';

const observedItems = trackObservations(apiGatewayRestApi);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_api_gateway_rest_api maps GetRestApis as the provider reads it: ARNs from the id, the policy unescaped', () => {
  const o = apiGatewayRestApi.observe(
    {
      id: 'a1b2c3',
      name: 'orders',
      description: 'orders API',
      createdDate: new Date('2026-01-02T03:04:05.678Z'),
      apiKeySource: 'HEADER',
      binaryMediaTypes: ['image/png'],
      endpointConfiguration: { types: ['REGIONAL'] },
      minimumCompressionSize: 1024,
      policy: '{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}',
      tags: { team: 'orders', 'aws:cloudformation:stack-id': 'x' },
    },
    scope,
  );
  assert.equal(o.id, 'a1b2c3');
  assert.deepEqual(o.attributes, {
    id: 'a1b2c3',
    name: 'orders',
    arn: 'arn:aws:apigateway:eu-west-1::/restapis/a1b2c3',
    execution_arn: 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3',
    api_key_source: 'HEADER',
    binary_media_types: ['image/png'],
    created_date: '2026-01-02T03:04:05Z',
    description: 'orders API',
    disable_execute_api_endpoint: false,
    endpoint_configuration: [{ types: ['REGIONAL'], vpc_endpoint_ids: [] }],
    minimum_compression_size: '1024',
    policy: '{"Version":"2012-10-17","Statement":[]}',
    tags: { team: 'orders' },
    tags_all: { team: 'orders' },
  });
});

test('an API without policy or compression setting reads empty strings, as the provider stores them', () => {
  const o = apiGatewayRestApi.observe({ id: 'x', name: 'x' }, scope);
  assert.equal(o.attributes['policy'], '');
  assert.equal(o.attributes['minimum_compression_size'], '');
  assert.deepEqual(o.attributes['endpoint_configuration'], []);
  assert.equal(unescapeApiPolicy('{"already":"plain"}'), '{"already":"plain"}');
});

test('aws_api_gateway_rest_api: prune deletes the API; no revert offered', () => {
  assert.equal(apiGatewayRestApi.revert, undefined);
  const finding = {
    resource: { type: 'aws_api_gateway_rest_api', id: 'a1b2c3', region: 'eu-west-1', address: 'a.b' },
    kind: 'unmanaged',
    changes: [],
  } as never;
  assert.deepEqual(apiGatewayRestApi.prune!.plan(finding, ctx), {
    calls: [{ service: 'apigateway', operation: 'DeleteRestApi', region: 'eu-west-1', input: { restApiId: 'a1b2c3' } }],
  });
});

test('every provider attribute of aws_api_gateway_rest_api is observed by these fixtures or declared with a reason', () => {
  assertAccounted(apiGatewayRestApi, observedItems);
});
