/** API Gateway (REST) catalogue entries on the emulator. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APIGatewayClient, CreateRestApiCommand } from '@aws-sdk/client-api-gateway';
import { observeAws } from '../src/observers/aws/observe.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { useMoto } from './aws-support.js';

const env = useMoto();

test('aws_api_gateway_rest_api: GetRestApis once, tags included, the ARNs as the provider builds them', async () => {
  const apigw = new APIGatewayClient(env.moto.clientConfig('eu-west-1'));
  const api = await apigw.send(
    new CreateRestApiCommand({
      name: 'orders',
      description: 'orders API',
      endpointConfiguration: { types: ['REGIONAL'] },
      tags: { team: 'orders' },
    }),
  );

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_api_gateway_rest_api'] });
  const found = snapshot.resources.find((r) => r.type === 'aws_api_gateway_rest_api' && r.id === api.id);
  assert.ok(found, 'the API is observed under its id');
  assert.equal(found.attributes['name'], 'orders');
  assert.equal(found.attributes['description'], 'orders API');
  assert.equal(found.attributes['arn'], `arn:aws:apigateway:eu-west-1::/restapis/${api.id}`);
  assert.equal(found.attributes['execution_arn'], `arn:aws:execute-api:eu-west-1:${MOTO_ACCOUNT}:${api.id}`);
  assert.deepEqual(found.attributes['endpoint_configuration'], [{ types: ['REGIONAL'], vpc_endpoint_ids: [] }]);
  assert.deepEqual(found.attributes['tags'], { team: 'orders' });
  assert.equal(apiCalls['apigateway:GetRestApis'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});
