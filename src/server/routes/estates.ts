/** Environments (from the configuration, with their open findings) and estates (what scans covered). */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';

export function registerEstateRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/v1/environments',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['estates'],
        summary: 'Configured environments (tier, mode, states) and every environment with findings, with open counts',
      },
    },
    async () => ({ items: await environmentSummaries(ctx) }),
  );
}

/** Configured environments and every environment with findings, with open counts by severity and kind. */
export async function environmentSummaries(ctx: ServerContext) {
  const counts = await ctx.store.queries.openCounts();
  const seen = await ctx.store.queries.environments();
  const configured = Object.values(ctx.config?.environments ?? {});
  const names = [...new Set([...configured.map((e) => e.name), ...seen])];
  return names.map((name) => {
    const env = ctx.config?.environments[name];
    const open = counts.filter((c) => c.environment === name);
    const bySeverity: Record<string, number> = { low: 0, medium: 0, high: 0, critical: 0 };
    const byKind: Record<string, number> = {};
    for (const c of open) {
      bySeverity[c.severity] = (bySeverity[c.severity] ?? 0) + c.count;
      byKind[c.kind] = (byKind[c.kind] ?? 0) + c.count;
    }
    return {
      name,
      configured: env !== undefined,
      ...(env ? { tier: env.tier, mode: env.mode, states: env.states.map((s) => s.name) } : {}),
      openFindings: open.reduce((sum, c) => sum + c.count, 0),
      bySeverity,
      byKind,
    };
  });
}
