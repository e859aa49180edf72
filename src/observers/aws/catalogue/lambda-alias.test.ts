import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { lambdaAlias } from './lambda-alias.js';

const observedItems = trackObservations(lambdaAlias);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:api:live';
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_lambda_alias maps ListAliases as the provider reads GetAlias: id the alias ARN, routing weights as one block', () => {
  const o = lambdaAlias.observe(
    {
      AliasArn: ARN,
      Name: 'live',
      FunctionVersion: '3',
      Description: 'production',
      RoutingConfig: { AdditionalVersionWeights: { '4': 0.1 } },
      RevisionId: 'r1',
    },
    scope,
  );
  assert.equal(o.id, ARN);
  assert.deepEqual(o.attributes, {
    id: ARN,
    arn: ARN,
    name: 'live',
    function_name: 'api',
    description: 'production',
    function_version: '3',
    invoke_arn: `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${ARN}/invocations`,
    routing_config: [{ additional_version_weights: { '4': 0.1 } }],
  });
});

test('an alias without routing weights has no routing_config block and description ""', () => {
  const o = lambdaAlias.observe({ AliasArn: ARN, Name: 'live', FunctionVersion: '$LATEST' }, scope);
  assert.deepEqual(o.attributes['routing_config'], []);
  assert.equal(o.attributes['description'], '');
});

test('aws_lambda_alias revert points the alias back at the recorded version; prune deletes it', () => {
  const finding = {
    resource: { type: 'aws_lambda_alias', id: ARN, region: 'eu-west-1', address: 'aws_lambda_alias.live' },
    kind: 'configuration',
    changes: [{ path: 'function_version', recorded: '3', observed: '4', sensitive: false }],
  } as never;
  assert.deepEqual(lambdaAlias.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'lambda',
        operation: 'UpdateAlias',
        region: 'eu-west-1',
        input: {
          FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:api',
          Name: 'live',
          FunctionVersion: '3',
        },
      },
    ],
  });
  const prune = lambdaAlias.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteAlias');
});

test('every provider attribute of aws_lambda_alias is observed by these fixtures or declared with a reason', () => {
  assertAccounted(lambdaAlias, observedItems);
});
