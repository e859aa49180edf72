/** Lambda catalogue entries on the emulator. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateFunctionCommand, LambdaClient, PublishVersionCommand } from '@aws-sdk/client-lambda';
import { observeAws } from '../src/observers/aws/observe.js';
import { MOTO_ACCOUNT } from './support/moto.js';
import { useMoto } from './aws-support.js';

const env = useMoto();

/** A minimal zip archive (an empty one: the emulator stores the bytes, nothing runs them). */
const EMPTY_ZIP = Buffer.from('504b0506000000000000000000000000000000000000', 'hex');

test('aws_lambda_function: ListFunctions in one call, blocks and defaults as the provider stores them', async () => {
  const iam = new IAMClient(env.moto.clientConfig('us-east-1'));
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: 'fn',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    }),
  );
  const lambda = new LambdaClient(env.moto.clientConfig('eu-west-1'));
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'app',
      Runtime: 'nodejs20.x',
      Role: role.Role?.Arn,
      Handler: 'index.handler',
      Code: { ZipFile: EMPTY_ZIP },
      MemorySize: 256,
      Timeout: 10,
      Description: 'the app',
      Environment: { Variables: { STAGE: 'prod' } },
    }),
  );

  const { snapshot, apiCalls } = await observeAws({ regions: ['eu-west-1'], types: ['aws_lambda_function'] });
  const fn = snapshot.resources.find((r) => r.type === 'aws_lambda_function' && r.id === 'app');
  assert.ok(fn, 'the function is observed under its name');
  const arn = `arn:aws:lambda:eu-west-1:${MOTO_ACCOUNT}:function:app`;
  assert.equal(fn.attributes['arn'], arn);
  assert.equal(fn.attributes['role'], role.Role?.Arn);
  assert.equal(fn.attributes['memory_size'], 256);
  assert.equal(fn.attributes['timeout'], 10);
  assert.equal(fn.attributes['description'], 'the app');
  assert.equal(fn.attributes['handler'], 'index.handler');
  assert.equal(fn.attributes['runtime'], 'nodejs20.x');
  assert.deepEqual(fn.attributes['environment'], [{ variables: { STAGE: 'prod' } }]);
  assert.deepEqual(fn.attributes['tracing_config'], [{ mode: 'PassThrough' }]);
  assert.deepEqual(fn.attributes['snap_start'], [], 'ApplyOn None is no snap_start block');
  assert.equal(
    fn.attributes['invoke_arn'],
    `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${arn}/invocations`,
  );
  // The environment is a secret attribute: its path is masked wherever a finding shows it.
  assert.ok(fn.sensitivePaths.some((p) => p[0] === 'environment'));
  assert.equal(apiCalls['lambda:ListFunctions'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});

test('aws_lambda_alias: ListAliases per function from the shared ListFunctions listing', async () => {
  const iam = new IAMClient(env.moto.clientConfig('us-east-1'));
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: 'alias-fn',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    }),
  );
  const lambda = new LambdaClient(env.moto.clientConfig('eu-west-1'));
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'api',
      Runtime: 'nodejs20.x',
      Role: role.Role?.Arn,
      Handler: 'index.handler',
      Code: { ZipFile: EMPTY_ZIP },
    }),
  );
  const version = await lambda.send(new PublishVersionCommand({ FunctionName: 'api' }));
  const alias = await lambda.send(
    new CreateAliasCommand({
      FunctionName: 'api',
      Name: 'live',
      FunctionVersion: version.Version,
      Description: 'production',
    }),
  );

  const { snapshot, apiCalls } = await observeAws({
    regions: ['eu-west-1'],
    types: ['aws_lambda_function', 'aws_lambda_alias'],
  });
  const found = snapshot.resources.find((r) => r.type === 'aws_lambda_alias' && r.id === alias.AliasArn);
  assert.ok(found, 'the alias is observed under its ARN');
  assert.equal(found.attributes['name'], 'live');
  assert.equal(found.attributes['function_version'], version.Version);
  assert.equal(found.attributes['description'], 'production');
  assert.equal(found.attributes['arn'], `arn:aws:lambda:eu-west-1:${MOTO_ACCOUNT}:function:api:live`);
  assert.equal(apiCalls['lambda:ListFunctions'], 1, 'the function listing is shared with aws_lambda_function');
  assert.equal(apiCalls['lambda:ListAliases'], 1);
  assert.deepEqual(snapshot.incompleteScopes, []);
});
