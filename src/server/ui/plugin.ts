/**
 * The dashboard: server-rendered pages under /ui over the same functions the API routes use, with
 * the same access control (every route declares its role; mutating ones are operator and carry the
 * session's CSRF token in a form field, `config.csrf = 'form'`) and the same audit of every
 * mutating call. No script is needed: filters are GET forms, actions are POST forms answered with
 * a redirect (303) to the page that shows their result; a running job's page refreshes itself.
 * Registered as an encapsulated plugin, so its form-body parser and HTML error pages apply to /ui
 * only (the API stays JSON in, problem documents out). The routes are hidden from /openapi.json.
 */
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FINDING_SORTS } from '../../store/index.js';
import { FINDING_FILTER_VALUES } from '../../store/server-queries.js';
import { checkLimiter, principalOf } from '../auth/principal.js';
import { randomBytes } from 'node:crypto';
import { setSessionCookie, signOut } from '../auth/oidc.js';
import { sha256Hex, verifyToken } from '../auth/tokens.js';
import type { ServerContext } from '../context.js';
import { HttpProblem, notFound, problemOf } from '../problems.js';
import { expireDue, openSession } from '../routes/breakglass.js';
import { findingDetail, findingQueryOf, type ListQuery } from '../routes/findings.js';
import { approveFindings, latestPlan } from '../routes/reconcile.js';
import { startScan } from '../routes/scans.js';
import { graphViewScript } from '../../report/graph-view.js';
import { graphPageData } from './graph-page.js';
import { overviewData } from './overview.js';
import { renderPage } from './render.js';
import { STYLESHEET } from './style.js';

const SORT_LABELS: Record<string, string> = {
  '-severity': 'most severe first',
  severity: 'least severe first',
  '-lastSeen': 'last seen, newest first',
  lastSeen: 'last seen, oldest first',
  '-firstSeen': 'first seen, newest first',
  firstSeen: 'first seen, oldest first',
  address: 'address A–Z',
  '-address': 'address Z–A',
};

const hidden = { hide: true } as const;
const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

/** Query strings of the findings page: arrays for the repeatable filters, empty fields dropped. */
const findingsQuery = {
  type: 'object',
  properties: {
    severity: { type: 'array', items: { enum: FINDING_FILTER_VALUES.severities }, maxItems: 10 },
    kind: { type: 'array', items: { enum: FINDING_FILTER_VALUES.kinds }, maxItems: 10 },
    environment: { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 50 },
    type: { type: 'array', items: { type: 'string', pattern: '^[a-z][a-z0-9_]*$', maxLength: 100 }, maxItems: 50 },
    status: { enum: FINDING_FILTER_VALUES.statuses, default: 'open' },
    q: { type: 'string', maxLength: 200 },
    sort: { enum: FINDING_SORTS, default: '-severity' },
    cursor: { type: 'string', maxLength: 1000 },
  },
  additionalProperties: false,
} as const;

type FindingsQuery = Omit<ListQuery, 'limit'>;

/** A dashboard path to return to after sign-in; anything else (another site, the API) becomes /ui. */
function uiPath(value: unknown): string {
  return typeof value === 'string' && /^\/ui(?:[/?][\x21-\x7e]*)?$/.test(value) ? value : '/ui';
}

function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of [value].flat()) if (v !== undefined && v !== '') params.append(key, String(v));
  }
  return params.toString();
}

export async function registerDashboard(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  await app.register(async (ui) => {
    await ui.register(formbody, { bodyLimit: 16 * 1024 });
    const page = (
      reply: FastifyReply,
      request: FastifyRequest,
      name: Parameters<typeof renderPage>[2],
      data: Record<string, unknown>,
      status?: number,
    ) => renderPage(reply, request, name, data, ctx.clock(), status);

    // Empty form fields (an "all" option, a blank text box) mean "no filter", not a bad value.
    ui.addHook('preValidation', async (request) => {
      const query = request.query as Record<string, unknown> | undefined;
      if (query) for (const [k, v] of Object.entries(query)) if (v === '') delete query[k];
    });

    ui.setErrorHandler((err, request, reply) => {
      const problem = problemOf(err, request);
      if (problem.status >= 500) request.log.error({ err }, 'dashboard request failed');
      if (problem.status === 401 && request.method === 'GET') {
        const returnTo = request.url;
        if (ctx.settings.oidc !== undefined)
          return reply.redirect(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`, 302);
        return page(reply, request, '@sign-in', { title: 'Sign in', oidc: false, returnTo }, 401);
      }
      if (problem.status === 401 || problem.status === 429) {
        if (problem.headers) for (const [k, v] of Object.entries(problem.headers)) void reply.header(k, v);
        const returnTo =
          request.method === 'GET'
            ? request.url
            : uiPath((request.body as Record<string, unknown> | undefined)?.['returnTo']);
        return page(
          reply,
          request,
          '@sign-in',
          { title: 'Sign in', oidc: ctx.settings.oidc !== undefined, returnTo, error: problem.detail },
          problem.status,
        );
      }
      if (problem.headers) for (const [k, v] of Object.entries(problem.headers)) void reply.header(k, v);
      return page(reply, request, '@error', { title: problem.title, problem }, problem.status);
    });

    ui.get('/ui/style.css', { config: { role: 'public' }, schema: hidden }, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(STYLESHEET),
    );

    // The pan and zoom script of the estate graph (the CSP allows same-origin scripts only).
    ui.get('/ui/graph.js', { config: { role: 'public' }, schema: hidden }, async (_request, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('Cache-Control', 'public, max-age=3600')
        .send(graphViewScript()),
    );

    ui.get('/ui/graph', { config: { role: 'viewer' }, schema: hidden }, async (request, reply) =>
      page(reply, request, '@graph', { title: 'Estate graph', nav: 'graph', ...(await graphPageData(ctx)) }),
    );

    ui.get('/ui', { config: { role: 'viewer' }, schema: hidden }, async (request, reply) =>
      page(reply, request, '@overview', { title: 'Overview', nav: 'overview', ...(await overviewData(ctx)) }),
    );

    ui.get(
      '/ui/findings',
      { config: { role: 'viewer' }, schema: { ...hidden, querystring: findingsQuery } },
      async (request, reply) => {
        const q = request.query as FindingsQuery;
        const result = await ctx.store.queries.page(findingQueryOf(q));
        const { cursor: _cursor, ...filters } = q;
        const environments = [
          ...new Set([...Object.keys(ctx.config?.environments ?? {}), ...(await ctx.store.queries.environments())]),
        ].sort();
        return page(reply, request, '@findings', {
          title: 'Findings',
          nav: 'findings',
          query: q,
          page: result,
          environments,
          values: { ...FINDING_FILTER_VALUES, sorts: FINDING_SORTS },
          sortLabel: (s: string) => SORT_LABELS[s] ?? s,
          nextHref:
            result.nextCursor !== undefined
              ? `/ui/findings?${queryString({ ...filters, cursor: result.nextCursor })}`
              : undefined,
          firstHref: q.cursor !== undefined ? `/ui/findings?${queryString(filters)}` : undefined,
        });
      },
    );

    ui.get(
      '/ui/findings/:id',
      { config: { role: 'viewer' }, schema: { ...hidden, params: idParams } },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const finding = await findingDetail(ctx, id);
        if (finding === undefined) throw notFound(`finding ${id}`);
        const plan = await latestPlan(ctx);
        const planned = plan?.items?.find((i) => i.findingId === id);
        return page(reply, request, '@finding', {
          title: finding.address,
          nav: 'findings',
          finding,
          approve: principalOf(request).role !== 'viewer' && finding.status !== 'resolved' && ctx.config !== undefined,
          planned: planned ? { ...planned, planId: plan!.planId, recordedAt: plan!.recordedAt } : undefined,
        });
      },
    );

    const form = { role: 'operator', csrf: 'form' } as const;
    ui.post(
      '/ui/findings/:id/approve',
      { config: form, schema: { ...hidden, params: idParams } },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const job = await approveFindings(ctx, principalOf(request), [id]);
        return reply.redirect(`/ui/jobs/${job.id}`, 303);
      },
    );

    ui.post('/ui/approvals', { config: form, schema: hidden }, async (request, reply) => {
      const raw = (request.body as Record<string, unknown> | undefined)?.['findingIds'];
      const ids = [raw ?? []]
        .flat()
        .filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200);
      if (ids.length === 0 || ids.length > 100) {
        return page(
          reply,
          request,
          '@error',
          {
            title: 'Nothing approved',
            back: '/ui/approvals',
            problem: { title: 'Nothing approved', detail: 'select between 1 and 100 findings to approve' },
          },
          400,
        );
      }
      const job = await approveFindings(ctx, principalOf(request), [...new Set(ids)]);
      return reply.redirect(`/ui/jobs/${job.id}`, 303);
    });

    ui.post('/ui/scans', { config: form, schema: hidden }, async (request, reply) => {
      const job = await startScan(ctx, principalOf(request), []);
      return reply.redirect(`/ui/jobs/${job.id}`, 303);
    });

    ui.get(
      '/ui/jobs/:id',
      { config: { role: 'viewer' }, schema: { ...hidden, params: idParams } },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const job = ctx.jobs.get(id);
        if (job === undefined) throw notFound(`job ${id} in this server process`);
        return page(reply, request, '@job', {
          title: `Job ${id.slice(0, 8)}`,
          job,
          refresh: job.status === 'running' ? 2 : undefined,
        });
      },
    );

    ui.get('/ui/approvals', { config: { role: 'viewer' }, schema: hidden }, async (request, reply) => {
      const plan = await latestPlan(ctx);
      const items = [];
      for (const item of plan?.items ?? []) {
        if (item.status !== 'act' && item.status !== 'needs-approval') continue;
        const status = await ctx.store.queries.status(item.findingId);
        if (status === 'new' || status === 'open') items.push(item);
      }
      return page(reply, request, '@approvals', { title: 'Approvals', nav: 'approvals', plan, items });
    });

    ui.get('/ui/breakglass', { config: { role: 'viewer' }, schema: hidden }, async (request, reply) => {
      const sessions = await (await expireDue(ctx)).list({ all: true });
      return page(reply, request, '@breakglass', {
        title: 'Break-glass',
        nav: 'breakglass',
        sessions: sessions.slice(0, 100),
      });
    });

    ui.post('/ui/breakglass', { config: form, schema: hidden }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string).trim() : '');
      const session = await openSession(ctx, principalOf(request), {
        scope: text('scope'),
        reason: text('reason'),
        ttl: text('ttl'),
        ...(text('wholeEnvironment') === 'true' ? { wholeEnvironment: true } : {}),
      });
      return reply.redirect(
        `/ui/breakglass/${session.id}?opened=${session.scopeMatched ? 'matched' : 'unmatched'}`,
        303,
      );
    });

    ui.get(
      '/ui/breakglass/:id',
      { config: { role: 'viewer' }, schema: { ...hidden, params: idParams } },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const sessions = await expireDue(ctx);
        if ((await sessions.get(id)) === undefined) throw notFound(`break-glass session ${id}`);
        const report = await sessions.sessionWindowReport(id, ctx.store.now());
        const opened = (request.query as { opened?: string }).opened;
        return page(reply, request, '@session', {
          title: `Session ${id}`,
          nav: 'breakglass',
          report,
          opened: opened !== undefined,
          scopeMatched: opened === 'matched',
        });
      },
    );

    ui.post(
      '/ui/breakglass/:id/close',
      { config: form, schema: { ...hidden, params: idParams } },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        const sessions = await expireDue(ctx);
        if ((await sessions.get(id)) === undefined) throw notFound(`break-glass session ${id}`);
        await sessions.close(id, principalOf(request).id, ctx.store.now());
        return reply.redirect(`/ui/breakglass/${id}`, 303);
      },
    );

    ui.get(
      '/ui/audit',
      {
        config: { role: 'viewer' },
        schema: {
          ...hidden,
          querystring: {
            type: 'object',
            properties: { before: { type: 'integer', minimum: 1 } },
            additionalProperties: false,
          },
        },
      },
      async (request, reply) => {
        const { before } = request.query as { before?: number };
        const entries = await ctx.store.audit.page({
          limit: 100,
          ...(before !== undefined ? { beforeSeq: before } : {}),
        });
        const verify = await ctx.store.audit.verify();
        const last = entries[entries.length - 1];
        return page(reply, request, '@audit', {
          title: 'Audit log',
          nav: 'audit',
          entries,
          verify,
          olderHref:
            last !== undefined && last.seq > 1 && entries.length === 100 ? `/ui/audit?before=${last.seq}` : undefined,
          newerHref: before !== undefined ? '/ui/audit' : undefined,
        });
      },
    );

    ui.post('/ui/logout', { config: { role: 'viewer', csrf: 'form' }, schema: hidden }, async (request, reply) => {
      await signOut(ctx.store, request, reply);
      return reply.redirect('/ui/signed-out', 303);
    });

    // A browser session for an API token's holder (deployments without OpenID Connect, the demo):
    // the same failed-login limit as bearer tokens; the session acts as the token (its name, its role).
    ui.post('/ui/sign-in', { config: { role: 'public' }, schema: hidden }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const returnTo = uiPath(body['returnTo']);
      checkLimiter({ store: ctx.store, limiter: ctx.limiter, now: ctx.clock }, request);
      const now = ctx.clock();
      const token =
        typeof body['token'] === 'string' ? await verifyToken(ctx.store, body['token'].trim(), now) : undefined;
      if (token === undefined) {
        ctx.limiter.fail(request.ip, now.getTime());
        throw new HttpProblem(
          401,
          'unauthenticated',
          'Sign-in failed',
          'that token is not valid (unknown, revoked or expired)',
        );
      }
      const cookie = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + ctx.settings.sessionTtlMs);
      await ctx.store.transaction(async (tx) => {
        await tx.access.insertSession(sha256Hex(cookie), {
          subject: `token:${token.id}`,
          displayName: token.name,
          role: token.role,
          groups: [],
          csrfToken: randomBytes(24).toString('base64url'),
          createdAt: now.toISOString(),
          expiresAt: expiresAt.toISOString(),
        });
        await tx.audit.append({
          actor: `token:${token.name}`,
          action: 'api.signed-in',
          subject: `token:${token.name}`,
          details: { role: token.role, via: 'dashboard', expiresAt: expiresAt.toISOString() },
        });
      });
      setSessionCookie(reply, cookie, expiresAt, ctx.publicUrl.startsWith('https:'));
      return reply.redirect(returnTo, 303);
    });

    ui.get('/ui/signed-out', { config: { role: 'public' }, schema: hidden }, async (request, reply) =>
      page(reply, request, '@sign-in', {
        title: 'Signed out',
        signedOut: true,
        oidc: ctx.settings.oidc !== undefined,
        returnTo: '/ui',
      }),
    );

    ui.get('/', { config: { role: 'public' }, schema: hidden }, async (_request, reply) => reply.redirect('/ui', 302));

    // Any other page under /ui is a 404 page people can read (the API's not-found stays JSON).
    // Public: the page says only that nothing is there, and a person signed out learns no more.
    ui.get('/ui/*', { config: { role: 'public' }, schema: hidden }, async (request) => {
      throw notFound(`dashboard page ${request.url.split('?')[0]}`);
    });
  });
}
