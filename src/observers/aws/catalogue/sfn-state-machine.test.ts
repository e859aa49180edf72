import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { sfnStateMachine } from './sfn-state-machine.js';

const observedItems = trackObservations(sfnStateMachine);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:orders';
const ROLE = 'arn:aws:iam::123456789012:role/sfn';
const DEFINITION = '{"StartAt":"Done","States":{"Done":{"Type":"Succeed"}}}';
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_sfn_state_machine maps DescribeStateMachine as resourceStateMachineRead sets it', () => {
  const o = sfnStateMachine.observe(
    {
      stateMachineArn: ARN,
      name: 'orders',
      status: 'ACTIVE',
      definition: DEFINITION,
      roleArn: ROLE,
      type: 'EXPRESS',
      creationDate: new Date('2024-02-03T04:05:06.789Z'),
      revisionId: 'rev-1',
      loggingConfiguration: {
        level: 'ERROR',
        includeExecutionData: true,
        destinations: [
          { cloudWatchLogsLogGroup: { logGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:x:*' } },
        ],
      },
      tracingConfiguration: { enabled: true },
      encryptionConfiguration: { type: 'AWS_OWNED_KEY' },
    },
    scope,
  );
  assert.equal(o.id, ARN);
  assert.deepEqual(o.attributes, {
    id: ARN,
    arn: ARN,
    name: 'orders',
    creation_date: '2024-02-03T04:05:06Z',
    definition: DEFINITION,
    description: '',
    role_arn: ROLE,
    status: 'ACTIVE',
    type: 'EXPRESS',
    revision_id: 'rev-1',
    encryption_configuration: [{ kms_data_key_reuse_period_seconds: 0, kms_key_id: '', type: 'AWS_OWNED_KEY' }],
    logging_configuration: [
      {
        include_execution_data: true,
        level: 'ERROR',
        log_destination: 'arn:aws:logs:eu-west-1:123456789012:log-group:x:*',
      },
    ],
    tracing_configuration: [{ enabled: true }],
  });
});

test('configuration blocks AWS does not return are empty, never invented', () => {
  const o = sfnStateMachine.observe(
    {
      stateMachineArn: ARN,
      name: 'orders',
      definition: DEFINITION,
      roleArn: ROLE,
      type: 'STANDARD',
      creationDate: new Date(),
    },
    scope,
  );
  assert.deepEqual(o.attributes['encryption_configuration'], []);
  assert.deepEqual(o.attributes['logging_configuration'], []);
  assert.deepEqual(o.attributes['tracing_configuration'], []);
});

test('aws_sfn_state_machine revert puts the recorded definition and role back; prune deletes', () => {
  const finding = {
    resource: { type: 'aws_sfn_state_machine', id: ARN, region: 'eu-west-1', address: 'aws_sfn_state_machine.orders' },
    kind: 'configuration',
    changes: [
      { path: 'definition', recorded: DEFINITION, observed: '{}', sensitive: false },
      { path: 'role_arn', recorded: ROLE, observed: 'arn:aws:iam::123456789012:role/other', sensitive: false },
    ],
  } as never;
  assert.deepEqual(sfnStateMachine.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'sfn',
        operation: 'UpdateStateMachine',
        region: 'eu-west-1',
        input: { stateMachineArn: ARN, definition: DEFINITION, roleArn: ROLE },
      },
    ],
  });
  const prune = sfnStateMachine.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteStateMachine');
});

test('every provider attribute of aws_sfn_state_machine is observed by these fixtures or declared with a reason', () => {
  assertAccounted(sfnStateMachine, observedItems);
});
