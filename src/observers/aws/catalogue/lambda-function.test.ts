import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { lambdaFunction } from './lambda-function.js';

const observedItems = trackObservations(lambdaFunction);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:app';
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_lambda_function maps ListFunctions as the provider reads it: blocks as lists, PassThrough tracing when none, the invoke ARN', () => {
  const o = lambdaFunction.observe(
    {
      FunctionName: 'app',
      FunctionArn: ARN,
      Runtime: 'nodejs20.x',
      Role: 'arn:aws:iam::123456789012:role/app',
      Handler: 'index.handler',
      CodeSize: 321,
      Description: 'the app',
      Timeout: 10,
      MemorySize: 256,
      LastModified: '2026-01-01T00:00:00.000+0000',
      CodeSha256: 'abc=',
      VpcConfig: { SubnetIds: ['subnet-b', 'subnet-a'], SecurityGroupIds: ['sg-1'], VpcId: 'vpc-1' },
      Environment: { Variables: { STAGE: 'prod' } },
      PackageType: 'Zip',
      Architectures: ['arm64'],
      EphemeralStorage: { Size: 512 },
      Layers: [{ Arn: 'arn:aws:lambda:eu-west-1:123456789012:layer:lib:3' }],
      SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
      LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/app' },
      DeadLetterConfig: { TargetArn: 'arn:aws:sqs:eu-west-1:123456789012:dlq' },
      FileSystemConfigs: [
        { Arn: 'arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-1', LocalMountPath: '/mnt/data' },
      ],
    },
    scope,
  );
  assert.equal(o.id, 'app');
  assert.deepEqual(o.attributes, {
    id: 'app',
    function_name: 'app',
    arn: ARN,
    architectures: ['arm64'],
    code_sha256: 'abc=',
    dead_letter_config: [{ target_arn: 'arn:aws:sqs:eu-west-1:123456789012:dlq' }],
    description: 'the app',
    environment: [{ variables: { STAGE: 'prod' } }],
    ephemeral_storage: [{ size: 512 }],
    file_system_config: [
      { arn: 'arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-1', local_mount_path: '/mnt/data' },
    ],
    handler: 'index.handler',
    image_config: [],
    invoke_arn: `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${ARN}/invocations`,
    kms_key_arn: '',
    last_modified: '2026-01-01T00:00:00.000+0000',
    layers: ['arn:aws:lambda:eu-west-1:123456789012:layer:lib:3'],
    logging_config: [
      { application_log_level: '', log_format: 'Text', log_group: '/aws/lambda/app', system_log_level: '' },
    ],
    memory_size: 256,
    package_type: 'Zip',
    role: 'arn:aws:iam::123456789012:role/app',
    runtime: 'nodejs20.x',
    signing_job_arn: '',
    signing_profile_version_arn: '',
    snap_start: [],
    source_code_size: 321,
    timeout: 10,
    tracing_config: [{ mode: 'PassThrough' }],
    vpc_config: [
      {
        ipv6_allowed_for_dual_stack: false,
        security_group_ids: ['sg-1'],
        subnet_ids: ['subnet-a', 'subnet-b'],
        vpc_id: 'vpc-1',
      },
    ],
  });
});

test('a function outside any VPC, with no environment and an image config, maps as the provider flattens it', () => {
  const o = lambdaFunction.observe(
    {
      FunctionName: 'img',
      FunctionArn: `${ARN.replace('app', 'img')}`,
      PackageType: 'Image',
      VpcConfig: { SubnetIds: [], SecurityGroupIds: [], VpcId: '' },
      ImageConfigResponse: { ImageConfig: { Command: ['run'], EntryPoint: [] } },
      SnapStart: { ApplyOn: 'PublishedVersions', OptimizationStatus: 'On' },
      TracingConfig: { Mode: 'Active' },
    },
    scope,
  );
  assert.deepEqual(o.attributes['vpc_config'], []);
  assert.deepEqual(o.attributes['environment'], []);
  assert.deepEqual(o.attributes['image_config'], [{ command: ['run'], entry_point: [], working_directory: '' }]);
  assert.deepEqual(o.attributes['snap_start'], [{ apply_on: 'PublishedVersions', optimization_status: 'On' }]);
  assert.deepEqual(o.attributes['tracing_config'], [{ mode: 'Active' }]);
});

test('environment variables are secret attributes: compared, never shown', () => {
  assert.deepEqual(lambdaFunction.secretAttributes, ['environment']);
});

test('aws_lambda_function revert puts the recorded scalars back in one UpdateFunctionConfiguration; prune deletes', () => {
  const finding = {
    resource: { type: 'aws_lambda_function', id: 'app', region: 'eu-west-1', address: 'aws_lambda_function.app' },
    kind: 'configuration',
    changes: [
      { path: 'memory_size', recorded: 256, observed: 1024, sensitive: false },
      { path: 'timeout', recorded: 10, observed: 60, sensitive: false },
    ],
  } as never;
  assert.deepEqual(lambdaFunction.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'lambda',
        operation: 'UpdateFunctionConfiguration',
        region: 'eu-west-1',
        input: { FunctionName: 'app', MemorySize: 256, Timeout: 10 },
      },
    ],
  });
  const other = {
    resource: { type: 'aws_lambda_function', id: 'app', region: 'eu-west-1', address: 'aws_lambda_function.app' },
    kind: 'configuration',
    changes: [{ path: 'layers', recorded: [], observed: ['x'], sensitive: false }],
  } as never;
  assert.ok('unsupported' in lambdaFunction.revert!.plan(other, ctx));
  const prune = lambdaFunction.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteFunction');
});

test('every provider attribute of aws_lambda_function is observed by these fixtures or declared with a reason', () => {
  assertAccounted(lambdaFunction, observedItems);
});
