/**
 * RDS repository.
 * SLOT: owned by the IAM/S3/RDS/KMS colleague, who extends it; this minimal version keeps the
 * repository index compiling.
 */
import { paginateDescribeDBInstances, type DBInstance } from '@aws-sdk/client-rds';
import type { RepositoryContext } from './index.js';
import { collectPages } from './paging.js';

export function createRdsRepository(ctx: RepositoryContext) {
  return {
    /** Every DB instance in the scope (DescribeDBInstances, 100 per page). */
    dbInstances: (): Promise<DBInstance[]> =>
      ctx.list('rds:DescribeDBInstances', () =>
        collectPages(
          paginateDescribeDBInstances({ client: ctx.client('rds'), pageSize: 100, stopOnSameToken: true }, {}),
          (p) => p.DBInstances,
        ),
      ),
  };
}
export type RdsRepository = ReturnType<typeof createRdsRepository>;
