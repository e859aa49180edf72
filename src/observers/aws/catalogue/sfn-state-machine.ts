/**
 * aws_sfn_state_machine: ListStateMachines (1000 a page) per region, then DescribeStateMachine per
 * state machine (the listing carries only name, ARN, type and creation date). The provider's id
 * and import id are the state machine ARN. As the provider's read (resourceStateMachineRead):
 * encryption, logging and tracing configurations are one block each when AWS returns them and
 * none otherwise, with the provider's zero values for fields AWS leaves out; `definition` is JSON
 * text, compared as JSON.
 *
 * The latest published version (ListStateMachineVersions) and tags (ListTagsForResource) are one
 * more call per state machine each: unread.
 */
import type { DescribeStateMachineOutput } from '@aws-sdk/client-sfn';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { rfc3339, unread } from '../mapping.js';
import type { AwsRepositories } from '../repositories/index.js';
import { defineResourceType } from './define.js';

async function stateMachines(repos: AwsRepositories): Promise<DescribeStateMachineOutput[]> {
  const listed = await repos.listing.list('sfn', 'ListStateMachines', {}, (page) => page.stateMachines, 1000);
  const described = await repos.listing.each(listed, async (m) => {
    // A state machine deleted between the listing and the read is gone, not a failure.
    const out = await repos.listing.read('sfn', 'DescribeStateMachine', { stateMachineArn: m.stateMachineArn }, [
      'StateMachineDoesNotExist',
    ]);
    if (out === undefined) return undefined;
    const { $metadata: _metadata, ...machine } = out;
    return machine;
  });
  return described.filter((d): d is DescribeStateMachineOutput => d !== undefined);
}

export const sfnStateMachine = defineResourceType<DescribeStateMachineOutput>({
  type: 'aws_sfn_state_machine',
  service: 'sfn',
  list: stateMachines,
  observe: (m) => ({
    id: m.stateMachineArn ?? '',
    attributes: {
      id: m.stateMachineArn,
      arn: m.stateMachineArn,
      name: m.name,
      creation_date: rfc3339(m.creationDate),
      definition: m.definition ?? '',
      description: m.description ?? '',
      role_arn: m.roleArn ?? '',
      status: m.status ?? '',
      type: m.type ?? '',
      revision_id: m.revisionId ?? '',
      encryption_configuration: m.encryptionConfiguration
        ? [
            {
              kms_data_key_reuse_period_seconds: m.encryptionConfiguration.kmsDataKeyReusePeriodSeconds ?? 0,
              kms_key_id: m.encryptionConfiguration.kmsKeyId ?? '',
              type: m.encryptionConfiguration.type ?? '',
            },
          ]
        : [],
      logging_configuration: m.loggingConfiguration
        ? [
            {
              include_execution_data: m.loggingConfiguration.includeExecutionData ?? false,
              level: m.loggingConfiguration.level ?? '',
              log_destination: m.loggingConfiguration.destinations?.[0]?.cloudWatchLogsLogGroup?.logGroupArn ?? '',
            },
          ]
        : [],
      tracing_configuration: m.tracingConfiguration ? [{ enabled: m.tracingConfiguration.enabled ?? false }] : [],
    },
  }),
  unread: [
    ...unread(
      'DescribeStateMachine returns no tags: ListTagsForResource is one call per state machine, not read',
      'tags',
      'tags_all',
    ),
    ...unread(
      'the latest published version needs ListStateMachineVersions, one call per state machine: not read',
      'state_machine_version_arn',
    ),
  ],
  computed: [
    // Configuration-only: the provider derives the name from name_prefix once; publish and the
    // version description apply to the next update only.
    'name_prefix',
    'publish',
    'version_description',
    // Set by AWS: at creation, and with every update.
    'creation_date',
    'revision_id',
    'status',
  ],
  json: ['definition'],
  // What the workflow may do (its role) and what it runs.
  policy: ['role_arn', 'definition'],
  forcesReplacement: ['name', 'name_prefix', 'type'],
  trailEvents: ['CreateStateMachine', 'UpdateStateMachine', 'DeleteStateMachine', 'TagResource', 'UntagResource'],
  limitations: 'one DescribeStateMachine call per state machine (the API has no bulk form)',
  revert: {
    attributes: ['definition', 'role_arn'],
    sends: ['sfn:UpdateStateMachine'],
    plan: (f, ctx) => {
      const input: { stateMachineArn: string | undefined; definition?: string; roleArn?: string } = {
        stateMachineArn: f.resource.id,
      };
      for (const change of f.changes) {
        const recorded = recordedOf(f, change.path);
        if (typeof recorded !== 'string' || change.sensitive)
          return { unsupported: `${change.path}: no recorded value to put back` };
        if (change.path === 'definition') input.definition = recorded;
        else input.roleArn = recorded;
      }
      return { calls: [awsCall('sfn', 'UpdateStateMachine', regionOf(f, ctx), input)] };
    },
  },
  prune: {
    sends: ['sfn:DeleteStateMachine'],
    plan: (f, ctx) => ({
      calls: [awsCall('sfn', 'DeleteStateMachine', regionOf(f, ctx), { stateMachineArn: f.resource.id })],
    }),
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'role_arn', required: true },
      { name: 'definition', required: true, json: true },
      { name: 'type', default: 'STANDARD' },
    ],
  },
});
