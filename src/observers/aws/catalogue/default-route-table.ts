/**
 * aws_default_route_table: the main route table AWS creates with every VPC, adopted by a state.
 * The provider's read is aws_route_table's plus `default_route_table_id` (the table id again); the
 * entry observes through aws_route_table's mapping (the local and propagated routes left out);
 * its id is the table id. Only main tables are items (the listing aws_route_table makes: one call).
 * The same table is also an aws_route_table item, expected noise unless imported as such.
 */
import type { RouteTable } from '@aws-sdk/client-ec2';
import { defineResourceType } from './define.js';
import { routeTable } from './route-table.js';

export const defaultRouteTable = defineResourceType<RouteTable>({
  ...routeTable,
  type: 'aws_default_route_table',
  list: async (repos, scope) =>
    (await routeTable.list(repos, scope)).filter((t) => (t.Associations ?? []).some((a) => a.Main === true)),
  observe: (t, scope) => ({
    id: t.RouteTableId ?? '',
    attributes: { ...routeTable.observe(t, scope).attributes, default_route_table_id: t.RouteTableId },
    noise:
      'the main route table AWS creates with every VPC, not adopted by any state (Terraform adopts it as aws_default_route_table)',
  }),
  // The table is chosen by default_route_table_id; adopting another one is another resource.
  forcesReplacement: ['default_route_table_id'],
  codify: { arguments: [{ name: 'default_route_table_id', required: true }, { name: 'tags' }] },
});
