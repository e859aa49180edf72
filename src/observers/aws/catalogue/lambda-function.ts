/**
 * aws_lambda_function: ListFunctions, one paginated bulk call per region (50 a page). The
 * provider's id and import id are the function name. As the provider's read (resourceFunctionRead
 * and its flatten functions): blocks are one-element lists or empty (`dead_letter_config`,
 * `tracing_config` with PassThrough when AWS returns none, `snap_start` absent unless ApplyOn is
 * not None, `vpc_config` absent when the function has no VPC), `invoke_arn` is the API Gateway ARN
 * built from the function ARN.
 *
 * ListFunctions carries no tags, reserved concurrency, image URI or code-signing config (GetFunction
 * and GetFunctionCodeSigningConfig are per function), nor the latest published version (per-function
 * ListVersionsByFunction): those are declared unread.
 */
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { awsCall, regionOf, type AwsInput } from '../calls.js';
import { sortedStrings, unread } from '../mapping.js';
import { defineResourceType } from './define.js';

/** The invoke ARN API Gateway integrations use (the provider's invokeARN). */
export function lambdaInvokeArn(functionArn: string | undefined, region: string): string | undefined {
  return functionArn === undefined
    ? undefined
    : `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

/** flattenVPCConfigResponse: nothing for a function outside any VPC. */
function vpcConfig(v: FunctionConfiguration['VpcConfig']): unknown[] {
  if (!v || ((v.VpcId ?? '') === '' && (v.SubnetIds ?? []).length === 0 && (v.SecurityGroupIds ?? []).length === 0))
    return [];
  return [
    {
      ipv6_allowed_for_dual_stack: v.Ipv6AllowedForDualStack ?? false,
      security_group_ids: sortedStrings(v.SecurityGroupIds),
      subnet_ids: sortedStrings(v.SubnetIds),
      vpc_id: v.VpcId ?? '',
    },
  ];
}

/** Scalar arguments UpdateFunctionConfiguration puts back, by attribute and API field. */
const REVERTIBLE = {
  description: 'Description',
  handler: 'Handler',
  memory_size: 'MemorySize',
  timeout: 'Timeout',
  runtime: 'Runtime',
  role: 'Role',
} as const;

export const lambdaFunction = defineResourceType<FunctionConfiguration>({
  type: 'aws_lambda_function',
  service: 'lambda',
  list: (repos) => repos.listing.list('lambda', 'ListFunctions', {}, (page) => page.Functions, 50),
  observe: (f, scope) => ({
    id: f.FunctionName ?? '',
    attributes: {
      id: f.FunctionName,
      function_name: f.FunctionName,
      arn: f.FunctionArn,
      architectures: [...(f.Architectures ?? [])],
      code_sha256: f.CodeSha256,
      dead_letter_config: f.DeadLetterConfig?.TargetArn ? [{ target_arn: f.DeadLetterConfig.TargetArn }] : [],
      description: f.Description ?? '',
      environment: f.Environment ? [f.Environment.Variables ? { variables: { ...f.Environment.Variables } } : {}] : [],
      ephemeral_storage: f.EphemeralStorage ? [{ size: f.EphemeralStorage.Size ?? 0 }] : [],
      file_system_config: (f.FileSystemConfigs ?? []).map((c) => ({
        arn: c.Arn ?? '',
        local_mount_path: c.LocalMountPath ?? '',
      })),
      handler: f.Handler ?? '',
      image_config:
        f.ImageConfigResponse?.ImageConfig && !f.ImageConfigResponse.Error
          ? [
              {
                command: [...(f.ImageConfigResponse.ImageConfig.Command ?? [])],
                entry_point: [...(f.ImageConfigResponse.ImageConfig.EntryPoint ?? [])],
                working_directory: f.ImageConfigResponse.ImageConfig.WorkingDirectory ?? '',
              },
            ]
          : [],
      invoke_arn: lambdaInvokeArn(f.FunctionArn, scope.region),
      kms_key_arn: f.KMSKeyArn ?? '',
      last_modified: f.LastModified ?? '',
      layers: (f.Layers ?? []).map((l) => l.Arn ?? ''),
      logging_config: f.LoggingConfig
        ? [
            {
              application_log_level: f.LoggingConfig.ApplicationLogLevel ?? '',
              log_format: f.LoggingConfig.LogFormat ?? '',
              log_group: f.LoggingConfig.LogGroup ?? '',
              system_log_level: f.LoggingConfig.SystemLogLevel ?? '',
            },
          ]
        : [],
      memory_size: f.MemorySize ?? 0,
      package_type: f.PackageType ?? '',
      role: f.Role ?? '',
      runtime: f.Runtime ?? '',
      signing_job_arn: f.SigningJobArn ?? '',
      signing_profile_version_arn: f.SigningProfileVersionArn ?? '',
      snap_start:
        f.SnapStart && f.SnapStart.ApplyOn !== undefined && f.SnapStart.ApplyOn !== 'None'
          ? [{ apply_on: f.SnapStart.ApplyOn, optimization_status: f.SnapStart.OptimizationStatus ?? '' }]
          : [],
      source_code_size: f.CodeSize ?? 0,
      timeout: f.Timeout ?? 0,
      tracing_config: [{ mode: f.TracingConfig?.Mode ?? 'PassThrough' }],
      vpc_config: vpcConfig(f.VpcConfig),
    },
  }),
  unread: [
    ...unread(
      'ListFunctions returns no tags, reserved concurrency or image URI: GetFunction is one call per function, not read',
      'tags',
      'tags_all',
      'reserved_concurrent_executions',
      'image_uri',
    ),
    ...unread('GetFunctionCodeSigningConfig is one call per function: not read', 'code_signing_config_arn'),
  ],
  computed: [
    // Configuration-only arguments: the API never returns where the code came from.
    'filename',
    's3_bucket',
    's3_key',
    's3_object_version',
    'source_code_hash',
    'publish',
    'skip_destroy',
    'replace_security_groups_on_destroy',
    'replacement_security_group_ids',
    // Set by AWS on every change, or the latest published version (per-function ListVersionsByFunction).
    'last_modified',
    'version',
    'qualified_arn',
    'qualified_invoke_arn',
  ],
  sets: ['vpc_config.security_group_ids', 'vpc_config.subnet_ids'],
  // Environment variables commonly carry credentials: compared, never shown.
  secretAttributes: ['environment'],
  // The execution role decides what the function may do; its network placement what it can reach.
  policy: ['role', 'vpc_config'],
  forcesReplacement: ['function_name', 'package_type'],
  trailEvents: [
    'CreateFunction20150331',
    'UpdateFunctionConfiguration20150331v2',
    'UpdateFunctionCode20150331v2',
    'DeleteFunction20150331',
    'PutFunctionConcurrency20171031',
    'TagResource20170331v2',
    'UntagResource20170331v2',
  ],
  revert: {
    attributes: Object.keys(REVERTIBLE),
    sends: ['lambda:UpdateFunctionConfiguration'],
    plan: (f, ctx) => {
      const input: AwsInput<'lambda', 'UpdateFunctionConfiguration'> = { FunctionName: f.resource.id };
      for (const change of f.changes) {
        const field = REVERTIBLE[change.path as keyof typeof REVERTIBLE];
        if (field === undefined || change.recorded === undefined || change.recorded === null)
          return { unsupported: `${change.path}: no recorded value to put back` };
        Object.assign(input, { [field]: change.recorded });
      }
      return { calls: [awsCall('lambda', 'UpdateFunctionConfiguration', regionOf(f, ctx), input)] };
    },
  },
  prune: {
    sends: ['lambda:DeleteFunction'],
    plan: (f, ctx) => ({
      calls: [awsCall('lambda', 'DeleteFunction', regionOf(f, ctx), { FunctionName: f.resource.id })],
    }),
  },
  codify: {
    arguments: [
      { name: 'function_name', required: true },
      { name: 'role', required: true },
      { name: 'package_type', default: 'Zip' },
      { name: 'handler' },
      { name: 'runtime' },
      { name: 'architectures' },
      { name: 'description', default: '' },
      { name: 'memory_size', default: 128 },
      { name: 'timeout', default: 3 },
      { name: 'layers' },
    ],
  },
});
