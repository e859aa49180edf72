/**
 * aws_ecs_cluster: ListClusters (ARNs, 100 per page), then DescribeClusters for up to 100 clusters
 * per call with settings, configurations and tags included. The provider's id and import id are
 * the cluster ARN. Observed as resourceClusterRead stores it: `configuration` with its execute
 * command and managed storage blocks, keys only where the API returned them; settings as a set.
 * Clusters AWS reports INACTIVE (deleted, still listed for a while) are gone for Terraform.
 */
import type { Cluster } from '@aws-sdk/client-ecs';
import type { AwsRepositories } from '../repositories/index.js';
import { chunk } from '../repositories/paging.js';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { tagAttributes } from '../mapping.js';
import { defineResourceType } from './define.js';

/** DescribeClusters and DescribeServices take at most this many names per call. */
const CLUSTERS_PER_DESCRIBE = 100;

/** Every active cluster of the scope (listing shared with aws_ecs_service). */
export async function ecsClusters(repos: AwsRepositories): Promise<Cluster[]> {
  const arns = await repos.listing.list('ecs', 'ListClusters', {}, (page) => page.clusterArns, 100);
  const pages = await repos.listing.each(chunk(arns, CLUSTERS_PER_DESCRIBE), (clusters) =>
    repos.listing.read('ecs', 'DescribeClusters', {
      clusters,
      include: ['SETTINGS', 'CONFIGURATIONS', 'TAGS'],
    }),
  );
  return pages.flatMap((page) => page?.clusters ?? []).filter((c) => c.status !== 'INACTIVE');
}

/** The keys whose value the API returned: the provider's flatteners set only those. */
function present(from: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(from).filter(([, v]) => v !== undefined));
}

export const ecsCluster = defineResourceType<Cluster>({
  type: 'aws_ecs_cluster',
  service: 'ecs',
  list: (repos) => ecsClusters(repos),
  observe: (c) => {
    const exec = c.configuration?.executeCommandConfiguration;
    const storage = c.configuration?.managedStorageConfiguration;
    const log = exec?.logConfiguration;
    return {
      id: c.clusterArn ?? '',
      attributes: {
        id: c.clusterArn,
        arn: c.clusterArn,
        name: c.clusterName,
        configuration: c.configuration
          ? [
              present({
                execute_command_configuration: exec
                  ? [
                      present({
                        kms_key_id: exec.kmsKeyId,
                        log_configuration: log
                          ? [
                              present({
                                cloud_watch_encryption_enabled: log.cloudWatchEncryptionEnabled,
                                s3_bucket_encryption_enabled: log.s3EncryptionEnabled,
                                cloud_watch_log_group_name: log.cloudWatchLogGroupName,
                                s3_bucket_name: log.s3BucketName,
                                s3_key_prefix: log.s3KeyPrefix,
                              }),
                            ]
                          : undefined,
                        logging: exec.logging ?? '',
                      }),
                    ]
                  : undefined,
                managed_storage_configuration: storage
                  ? [
                      present({
                        fargate_ephemeral_storage_kms_key_id: storage.fargateEphemeralStorageKmsKeyId,
                        kms_key_id: storage.kmsKeyId,
                      }),
                    ]
                  : undefined,
              }),
            ]
          : [],
        service_connect_defaults: c.serviceConnectDefaults
          ? [present({ namespace: c.serviceConnectDefaults.namespace })]
          : [],
        setting: (c.settings ?? []).map((s) => ({ name: s.name, value: s.value ?? '' })),
        ...tagAttributes(c.tags?.map((t) => ({ Key: t.key, Value: t.value }))),
      },
    };
  },
  sets: ['setting'],
  // Who can exec into containers and where the session logs go.
  policy: ['configuration'],
  forcesReplacement: ['name'],
  trailEvents: [
    'CreateCluster',
    'DeleteCluster',
    'UpdateCluster',
    'UpdateClusterSettings',
    'TagResource',
    'UntagResource',
  ],
  revert: {
    attributes: ['setting'],
    sends: ['ecs:UpdateClusterSettings'],
    plan: (f, ctx) => {
      const recorded = recordedOf(f, 'setting');
      if (!Array.isArray(recorded)) return { unsupported: 'the recorded settings are not available' };
      const settings = recorded
        .filter((s): s is { name: string; value: string } => typeof s === 'object' && s !== null && 'name' in s)
        .map((s) => ({ name: s.name as 'containerInsights', value: String(s.value) }));
      return {
        calls: [awsCall('ecs', 'UpdateClusterSettings', regionOf(f, ctx), { cluster: f.resource.id, settings })],
      };
    },
  },
  prune: {
    sends: ['ecs:DeleteCluster'],
    plan: (f, ctx) => ({
      calls: [
        awsCall(
          'ecs',
          'DeleteCluster',
          regionOf(f, ctx),
          { cluster: f.resource.id },
          { note: 'ECS refuses while services or container instances remain: prune those first' },
        ),
      ],
    }),
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      {
        name: 'setting',
        block: [
          { name: 'name', required: true },
          { name: 'value', required: true },
        ],
      },
      { name: 'tags' },
    ],
  },
});
