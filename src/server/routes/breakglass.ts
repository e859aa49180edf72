/**
 * Break-glass sessions, as `driftwarden breakglass` does them: open (reason and TTL within the
 * tier's cap, validated before anything is written), close, list, and the window report. Every
 * call first expires the sessions whose time is up. The principal opens and closes: the session's
 * audit entries name them.
 */
import type { FastifyInstance } from 'fastify';
import { openBreakglassSessions, sessionScope, type BreakglassSessions } from '../../actions/breakglass/sessions.js';
import { checkScopeMatches } from '../../actions/breakglass/validate-scope.js';
import { parseTtl } from '../../actions/breakglass/ttl.js';
import { recordConfigIfChanged } from '../../audit/record.js';
import { principalOf, type Principal } from '../auth/principal.js';
import type { ServerContext } from '../context.js';
import { notFound } from '../problems.js';
import { anyObject, environmentName, idParams, problemResponses } from './schemas.js';

export async function expireDue(ctx: ServerContext): Promise<BreakglassSessions> {
  await ctx.store.transaction(async (tx) => {
    if (ctx.config) await recordConfigIfChanged(tx, ctx.config.file);
    await openBreakglassSessions(tx).expireSessions(tx.now());
  });
  return openBreakglassSessions(ctx.store);
}

export function registerBreakglassRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/v1/breakglass',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['breakglass'],
        summary: 'Open sessions (every session with all=true); refused (edited) sessions are always listed',
        querystring: {
          type: 'object',
          properties: { all: { type: 'boolean', default: false } },
          additionalProperties: false,
        },
        response: {
          200: { type: 'object', properties: { items: { type: 'array', items: anyObject } } },
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const sessions = await expireDue(ctx);
      return { items: await sessions.list({ all: (request.query as { all: boolean }).all }) };
    },
  );

  app.post(
    '/api/v1/breakglass',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['breakglass'],
        summary: 'Open a session over a scope with a reason, for a TTL within the tier cap (breakglass.max_ttl)',
        body: {
          type: 'object',
          required: ['scope', 'reason', 'ttl'],
          properties: {
            scope: { type: 'string', minLength: 1, maxLength: 500, description: '[ENVIRONMENT:]ADDRESS_GLOB' },
            reason: { type: 'string', minLength: 1, maxLength: 2000 },
            ttl: { type: 'string', pattern: '^(?:\\d+[smhd])+$', description: 'for example 30m or 4h' },
            environment: environmentName,
            wholeEnvironment: { type: 'boolean' },
          },
          additionalProperties: false,
        },
        response: { 201: anyObject, ...problemResponses },
      },
    },
    async (request, reply) => {
      const session = await openSession(ctx, principalOf(request), request.body as OpenBody);
      return reply.code(201).header('Location', `/api/v1/breakglass/${session.id}`).send(session);
    },
  );

  app.get(
    '/api/v1/breakglass/:id',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['breakglass'],
        summary: 'One session',
        params: idParams,
        response: { 200: anyObject, ...problemResponses },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const session = await (await expireDue(ctx)).get(id);
      if (session === undefined) throw notFound(`break-glass session ${id}`);
      return session;
    },
  );

  app.post(
    '/api/v1/breakglass/:id/close',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['breakglass'],
        summary: 'Close an open session before its time is up',
        params: idParams,
        response: { 200: anyObject, ...problemResponses },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const sessions = await expireDue(ctx);
      if ((await sessions.get(id)) === undefined) throw notFound(`break-glass session ${id}`);
      return sessions.close(id, principalOf(request).id, ctx.store.now());
    },
  );

  app.get(
    '/api/v1/breakglass/:id/report',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['breakglass'],
        summary: "The session window report: every audit entry and finding in the session's scope during its window",
        params: idParams,
        response: { 200: anyObject, ...problemResponses },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const sessions = await expireDue(ctx);
      if ((await sessions.get(id)) === undefined) throw notFound(`break-glass session ${id}`);
      return sessions.sessionWindowReport(id, ctx.store.now());
    },
  );
}

export interface OpenBody {
  readonly scope: string;
  readonly reason: string;
  readonly ttl: string;
  readonly environment?: string;
  readonly wholeEnvironment?: boolean;
}

/** Opens a session for the principal (validated against the tier cap first); with whether its scope matched anything. */
export async function openSession(ctx: ServerContext, principal: Principal, body: OpenBody) {
  const openRequest = {
    scope: body.scope,
    reason: body.reason,
    ttlMs: parseTtl(body.ttl),
    by: principal.id,
    ...(body.environment !== undefined ? { environment: body.environment } : {}),
    ...(body.wholeEnvironment !== undefined ? { wholeEnvironment: body.wholeEnvironment } : {}),
  };
  const sessions = await expireDue(ctx);
  const session = await sessions.open(openRequest, ctx.config, ctx.store.now());
  const check = await checkScopeMatches(ctx.store, sessionScope(session), ctx.config);
  return { ...session, scopeMatched: check.matched };
}
