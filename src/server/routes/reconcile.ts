/**
 * Reconcile through the API. The plan shown is the latest one any reconcile run recorded (its
 * `action.plan` audit entry: CLI, controller or this server). Approving is by finding id: the
 * approval is an `api.approved` audit entry naming the principal, and the act is a reconcile run
 * (src/actions/reconcile.ts: fresh scan, plan, the environments' leases, act, verify) approved for
 * exactly those ids, run as a background job. It acts on nothing else: an id that is no longer in
 * the fresh plan, or not actionable, fails the job before anything is done.
 */
import type { FastifyInstance } from 'fastify';
import { runReconcile, silentProgress } from '../../actions/reconcile.js';
import { principalOf, type Principal } from '../auth/principal.js';
import type { ServerContext } from '../context.js';
import { DriftwardenError } from '../../model/errors.js';
import { jobView, type Job } from '../jobs.js';
import { HttpProblem } from '../problems.js';
import { scanOptionsFor } from '../scan-job.js';
import { anyObject, environmentName, problemResponses } from './schemas.js';
import { estateKeyOf } from './scans.js';

/** How long an approved run waits for another reconcile or the controller to release the environments. */
const LEASE_WAIT_MS = 5 * 60_000;

export function registerReconcileRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/v1/reconcile/plan',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['reconcile'],
        summary: 'The latest reconcile plan recorded (by the CLI, the controller or this server), item by item',
        response: { 200: anyObject, ...problemResponses },
      },
    },
    async () => {
      const plan = await latestPlan(ctx);
      if (plan === undefined)
        throw new HttpProblem(404, 'not-found', 'Not found', 'no reconcile plan was recorded yet');
      return plan;
    },
  );

  app.post(
    '/api/v1/reconcile/approvals',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['reconcile'],
        summary:
          'Approve findings by id and act on exactly those: recorded with the principal, then a reconcile run as a job (202)',
        body: {
          type: 'object',
          required: ['findingIds'],
          properties: {
            findingIds: {
              type: 'array',
              items: { type: 'string', minLength: 1, maxLength: 200 },
              minItems: 1,
              maxItems: 100,
              uniqueItems: true,
            },
            environments: { type: 'array', items: environmentName, maxItems: 50, uniqueItems: true },
          },
          additionalProperties: false,
        },
        response: { 202: anyObject, ...problemResponses },
      },
    },
    async (request, reply) => {
      const body = request.body as { findingIds: string[]; environments?: string[] };
      const job = await approveFindings(ctx, principalOf(request), body.findingIds, body.environments);
      return reply.code(202).header('Location', `/api/v1/jobs/${job.id}`).send(jobView(job));
    },
  );
}

export interface RecordedPlan {
  readonly planId: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
  readonly auditSeq: number;
  readonly items?: ReadonlyArray<{
    findingId: string;
    address: string;
    strategy: string;
    status: string;
    reason: string | null;
    calls: number;
  }>;
  readonly [key: string]: unknown;
}

/** The latest plan any reconcile run recorded (its `action.plan` audit entry), or undefined. */
export async function latestPlan(ctx: ServerContext): Promise<RecordedPlan | undefined> {
  const entry = await ctx.store.audit.lastEntry('action.plan');
  if (entry === undefined) return undefined;
  return {
    ...entry.details,
    planId: entry.subject,
    recordedAt: entry.time,
    recordedBy: entry.actor,
    auditSeq: entry.seq,
  };
}

/**
 * Approves findings by id for the principal (an `api.approved` audit entry) and starts the
 * reconcile run that acts on exactly those, as a job. Refused (nothing recorded) when an id is not
 * an open finding or the estate is busy.
 */
export async function approveFindings(
  ctx: ServerContext,
  principal: Principal,
  findingIds: ReadonlyArray<string>,
  environments?: ReadonlyArray<string>,
): Promise<Job> {
  if (ctx.config === undefined) {
    throw new DriftwardenError('usage', 'the server runs without a configuration: there is nothing to reconcile', {
      nextStep: 'start the server with --config driftwarden.yaml',
    });
  }
  const unknown: string[] = [];
  for (const id of findingIds) {
    const status = await ctx.store.queries.status(id);
    if (status !== 'new' && status !== 'open') unknown.push(id);
  }
  if (unknown.length > 0) {
    throw new HttpProblem(
      409,
      'not-open',
      'Conflict',
      `not open findings (unknown or resolved): ${unknown.join(', ')}`,
      { findingIds: unknown },
    );
  }
  const envs = environments ?? [];
  const scanOptions = await scanOptionsFor(ctx, envs);
  const estate = estateKeyOf(envs);
  ctx.jobs.assertIdle(estate);
  await ctx.store.audit.append({
    actor: principal.id,
    action: 'api.approved',
    subject: 'reconcile',
    details: { findingIds: findingIds, environments: environments ?? null },
  });
  return ctx.jobs.start('reconcile', estate, principal.id, async () => {
    const result = await runReconcile({
      scanOptions,
      config: ctx.config,
      storeLocation: ctx.storeLocation,
      approval: { kind: 'ids', ids: findingIds },
      actor: principal.id,
      clock: ctx.clock,
      progress: silentProgress,
      leaseWait: { waitMs: LEASE_WAIT_MS },
    });
    if (result === undefined) throw new DriftwardenError('store.lease-held', 'the environments stayed leased');
    return {
      planId: result.plan.id,
      scanId: result.scan.scan.id,
      results: result.results,
      recovery: result.recovery,
      pending: result.pending.map((item) => item.findingId),
    };
  });
}
