/**
 * EKS repository. EKS has no bulk describe: ListClusters names the clusters (100 per page), and
 * everything Terraform records needs DescribeCluster per cluster; node groups and add-ons are listed
 * per cluster (ListNodegroups, ListAddons) and described one by one. Every per-resource call runs at
 * most `ctx.fanOut` at a time and is counted; the cluster names are listed once per scope for all
 * three types.
 *
 * Invariant: a listing is complete or an AwsApiError naming the failed action, never partial (a
 * cluster deleted between the list and the describe fails the scope rather than vanishing silently).
 */
import {
  DescribeAddonCommand,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  paginateListAddons,
  paginateListClusters,
  paginateListNodegroups,
  type Addon,
  type Cluster,
  type Nodegroup,
} from '@aws-sdk/client-eks';
import type { RepositoryContext } from './index.js';
import { collectPages, mapLimit } from './paging.js';

/** ListClusters, ListNodegroups and ListAddons accept at most 100 results per page. */
const PAGE_SIZE = 100;

export function createEksRepository(ctx: RepositoryContext) {
  const client = () => ctx.client('eks');
  const paging = () => ({ client: client(), pageSize: PAGE_SIZE, stopOnSameToken: true });

  const clusterNames = (): Promise<string[]> =>
    ctx.list('eks:ListClusters', () => collectPages(paginateListClusters(paging(), {}), (p) => p.clusters));

  /** Names per cluster of a per-cluster listing, then one describe per name. */
  const perCluster = async <T>(
    listAction: string,
    describeAction: string,
    listNames: (cluster: string) => Promise<string[]>,
    describe: (cluster: string, name: string) => Promise<T | undefined>,
  ): Promise<T[]> => {
    const clusters = await clusterNames();
    const names = await ctx.list(listAction, async () =>
      (
        await mapLimit(clusters, ctx.fanOut, async (cluster) =>
          (await listNames(cluster)).map((name) => ({ cluster, name })),
        )
      ).flat(),
    );
    const described = await ctx.list(describeAction, () =>
      mapLimit(names, ctx.fanOut, ({ cluster, name }) => describe(cluster, name)),
    );
    return described.filter((item): item is Awaited<T> & T => item !== undefined);
  };

  return {
    clusterNames,

    clusters: (): Promise<Cluster[]> =>
      clusterNames().then((names) =>
        ctx.list('eks:DescribeCluster', async () =>
          (
            await mapLimit(
              names,
              ctx.fanOut,
              async (name) => (await client().send(new DescribeClusterCommand({ name }))).cluster,
            )
          ).filter((c): c is Cluster => c !== undefined),
        ),
      ),

    nodeGroups: (): Promise<Nodegroup[]> =>
      perCluster(
        'eks:ListNodegroups',
        'eks:DescribeNodegroup',
        (clusterName) => collectPages(paginateListNodegroups(paging(), { clusterName }), (p) => p.nodegroups),
        async (clusterName, nodegroupName) =>
          (await client().send(new DescribeNodegroupCommand({ clusterName, nodegroupName }))).nodegroup,
      ),

    addons: (): Promise<Addon[]> =>
      perCluster(
        'eks:ListAddons',
        'eks:DescribeAddon',
        (clusterName) => collectPages(paginateListAddons(paging(), { clusterName }), (p) => p.addons),
        async (clusterName, addonName) =>
          (await client().send(new DescribeAddonCommand({ clusterName, addonName }))).addon,
      ),
  };
}
export type EksRepository = ReturnType<typeof createEksRepository>;
