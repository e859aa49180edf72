/**
 * Scans: the recorded history (list, detail) and triggering a scan, which runs the CLI's scan
 * pipeline in the background (scan-job.ts), one at a time per estate, and is recorded in the store
 * with the principal as the audit actor. Jobs report how the work went.
 */
import type { FastifyInstance } from 'fastify';
import { DriftwardenError } from '../../model/errors.js';
import { principalOf, type Principal } from '../auth/principal.js';
import type { ServerContext } from '../context.js';
import { jobView, type Job } from '../jobs.js';
import { notFound } from '../problems.js';
import { runScanJob, scanOptionsFor } from '../scan-job.js';
import { anyObject, environmentName, idParams, problemResponses } from './schemas.js';

/** Until estates are recorded with scans, a scan's estate is the set of environments it covers. */
export function estateKeyOf(environments: ReadonlyArray<string>): string {
  return environments.length === 0 ? '*' : [...new Set(environments)].sort().join(',');
}

export function registerScanRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/v1/scans',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['scans'],
        summary: 'Recorded scans, newest first',
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
            before: { type: 'string', maxLength: 200, description: 'a scan id: only scans recorded before it' },
          },
          additionalProperties: false,
        },
        response: {
          200: { type: 'object', properties: { items: { type: 'array', items: anyObject } } },
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const q = request.query as { limit: number; before?: string };
      return { items: await ctx.store.queries.scans({ limit: q.limit, ...(q.before ? { before: q.before } : {}) }) };
    },
  );

  app.get(
    '/api/v1/scans/:id',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['scans'],
        summary: 'One recorded scan: when, complete or not (and which scopes were not observed), summary, sources',
        params: idParams,
        response: { 200: anyObject, ...problemResponses },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const scan = await ctx.store.queries.scan(id);
      if (scan === undefined) throw notFound(`scan ${id}`);
      return scan;
    },
  );

  app.post(
    '/api/v1/scans',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['scans'],
        summary: 'Start a scan of the configured environments (all, or these); 202 with the job to follow',
        body: {
          type: 'object',
          properties: { environments: { type: 'array', items: environmentName, maxItems: 50, uniqueItems: true } },
          additionalProperties: false,
        },
        response: { 202: anyObject, ...problemResponses },
      },
    },
    async (request, reply) => {
      const environments = (request.body as { environments?: string[] } | undefined)?.environments ?? [];
      const job = await startScan(ctx, principalOf(request), environments);
      return reply.code(202).header('Location', `/api/v1/jobs/${job.id}`).send(jobView(job));
    },
  );

  app.get(
    '/api/v1/jobs',
    {
      config: { role: 'viewer' },
      schema: { tags: ['scans'], summary: "This process's recent background jobs, newest first" },
    },
    async () => ({ items: ctx.jobs.list().map(jobView) }),
  );

  app.get(
    '/api/v1/jobs/:id',
    {
      config: { role: 'viewer' },
      schema: { tags: ['scans'], summary: 'One background job (scan or reconcile)', params: idParams },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const job = ctx.jobs.get(id);
      if (job === undefined) throw notFound(`job ${id} in this server process`);
      return jobView(job);
    },
  );
}

/** Starts a scan of the configured environments (all when none are named) as a job of the principal. */
export async function startScan(
  ctx: ServerContext,
  principal: Principal,
  environments: ReadonlyArray<string>,
): Promise<Job> {
  if (ctx.config === undefined) {
    throw new DriftwardenError('usage', 'the server runs without a configuration: there is nothing to scan', {
      nextStep: 'start the server with --config driftwarden.yaml',
    });
  }
  // Validated now (unknown environment, missing credentials settings): bad input starts no job.
  const options = await scanOptionsFor(ctx, environments);
  return ctx.jobs.start('scan', estateKeyOf(environments), principal.id, () => runScanJob(ctx, options, principal.id));
}
