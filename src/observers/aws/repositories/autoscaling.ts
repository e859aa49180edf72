/** Auto Scaling repository: groups in bulk (tags, subnets and launch template come with each group). */
import { paginateDescribeAutoScalingGroups, type AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import type { RepositoryContext } from './index.js';
import { collectPages } from './paging.js';

export function createAutoscalingRepository(ctx: RepositoryContext) {
  return {
    /** Every group in the scope (DescribeAutoScalingGroups, 100 per page, the API's maximum). */
    groups: (): Promise<AutoScalingGroup[]> =>
      ctx.list('autoscaling:DescribeAutoScalingGroups', () =>
        collectPages(
          paginateDescribeAutoScalingGroups(
            { client: ctx.client('autoscaling'), pageSize: 100, stopOnSameToken: true },
            {},
          ),
          (p) => p.AutoScalingGroups,
        ),
      ),
  };
}
export type AutoscalingRepository = ReturnType<typeof createAutoscalingRepository>;
