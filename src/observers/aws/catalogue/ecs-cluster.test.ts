import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { ecsCluster } from './ecs-cluster.js';

const observedItems = trackObservations(ecsCluster);
const scope = { account: '123456789012', region: 'eu-west-1' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
const ARN = 'arn:aws:ecs:eu-west-1:123456789012:cluster/apps';

test('aws_ecs_cluster maps DescribeClusters as the provider reads it: the ARN is the id, configuration keys only where returned', () => {
  const o = ecsCluster.observe(
    {
      clusterArn: ARN,
      clusterName: 'apps',
      status: 'ACTIVE',
      configuration: {
        executeCommandConfiguration: {
          kmsKeyId: 'k',
          logging: 'OVERRIDE',
          logConfiguration: { cloudWatchLogGroupName: 'exec', cloudWatchEncryptionEnabled: true },
        },
      },
      settings: [{ name: 'containerInsights', value: 'enabled' }],
      serviceConnectDefaults: { namespace: 'arn:aws:servicediscovery:eu-west-1:123456789012:namespace/ns-1' },
      tags: [{ key: 'team', value: 'platform' }],
    },
    scope,
  );
  assert.equal(o.id, ARN);
  assert.deepEqual(o.attributes, {
    id: ARN,
    arn: ARN,
    name: 'apps',
    configuration: [
      {
        execute_command_configuration: [
          {
            kms_key_id: 'k',
            log_configuration: [{ cloud_watch_encryption_enabled: true, cloud_watch_log_group_name: 'exec' }],
            logging: 'OVERRIDE',
          },
        ],
      },
    ],
    service_connect_defaults: [{ namespace: 'arn:aws:servicediscovery:eu-west-1:123456789012:namespace/ns-1' }],
    setting: [{ name: 'containerInsights', value: 'enabled' }],
    tags: { team: 'platform' },
    tags_all: { team: 'platform' },
  });
});

test('a cluster without configuration or settings is observed with empty blocks, as the provider keeps them', () => {
  const o = ecsCluster.observe({ clusterArn: ARN, clusterName: 'apps', status: 'ACTIVE' }, scope);
  assert.deepEqual(o.attributes['configuration'], []);
  assert.deepEqual(o.attributes['setting'], []);
  assert.deepEqual(o.attributes['tags'], {});
});

test('aws_ecs_cluster revert puts the recorded settings back; prune deletes the cluster', () => {
  const finding = {
    resource: { type: 'aws_ecs_cluster', id: ARN, region: 'eu-west-1', address: 'x' },
    kind: 'configuration',
    changes: [
      {
        path: 'setting',
        recorded: [{ name: 'containerInsights', value: 'enabled' }],
        observed: [{ name: 'containerInsights', value: 'disabled' }],
        sensitive: false,
      },
    ],
  } as never;
  assert.deepEqual(ecsCluster.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'ecs',
        operation: 'UpdateClusterSettings',
        region: 'eu-west-1',
        input: { cluster: ARN, settings: [{ name: 'containerInsights', value: 'enabled' }] },
      },
    ],
  });
  const prune = ecsCluster.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteCluster');
});

test('every provider attribute of aws_ecs_cluster is observed by these fixtures or declared with a reason', () => {
  assertAccounted(ecsCluster, observedItems);
});
