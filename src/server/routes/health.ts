/** Liveness, readiness and the Prometheus metrics. */
import type { FastifyInstance } from 'fastify';
import { LATEST_SCHEMA_VERSION } from '../../store/index.js';
import type { ServerContext } from '../context.js';

export function registerHealthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/healthz',
    { config: { role: 'public' }, schema: { tags: ['health'], summary: 'The process is up' } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      config: { role: 'public' },
      schema: { tags: ['health'], summary: 'The store answers and its schema is up to date (503 otherwise)' },
    },
    async (request, reply) => {
      try {
        const status = await ctx.store.schemaStatus();
        const pending = status.filter((m) => m.appliedAt === undefined).length;
        if (pending > 0)
          return reply.code(503).send({ status: 'not-ready', reason: `${pending} migration(s) pending` });
        return { status: 'ready', store: ctx.store.backend, schemaVersion: LATEST_SCHEMA_VERSION };
      } catch (err) {
        request.log.warn({ err }, 'readiness check failed');
        return reply.code(503).send({ status: 'not-ready', reason: 'the store does not answer' });
      }
    },
  );
  app.get(
    '/metrics',
    {
      config: { role: 'viewer' },
      schema: { tags: ['health'], summary: 'Prometheus metrics (text exposition format)' },
    },
    async (_request, reply) => {
      const text = await ctx.metrics.registry.metrics();
      return reply.type(ctx.metrics.registry.contentType).send(text);
    },
  );
}
