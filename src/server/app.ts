/**
 * The server as a Fastify application, without listening (start.ts listens; tests call
 * `app.inject` or listen on port 0). Order matters: problems first (every failure is a problem
 * document), then cookies, access control (every route declares its role), the OpenAPI generator
 * (it must see every route registered after it), metrics hooks, and the routes.
 *
 * Structure, for the dashboard built on top: JSON API under /api/v1 (routes/*.ts, one module per
 * resource, each route with its JSON schema, which is also its OpenAPI entry); sign-in under
 * /auth; /healthz, /readyz, /metrics, /openapi.json at the root. A web UI is one more plugin
 * registered here (server-rendered pages or a static bundle under /ui) that calls the same API with
 * the session cookie and the CSRF token from GET /api/v1/session.
 */
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServerContext } from './context.js';
import { validatorCompiler } from './validation.js';
import { registerAccessControl } from './auth/principal.js';
import { registerOidc, signOut } from './auth/oidc.js';
import { OPENAPI_INFO } from './openapi.js';
import { problemSchema, registerProblems } from './problems.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerBreakglassRoutes } from './routes/breakglass.js';
import { registerEstateRoutes } from './routes/estates.js';
import { registerFindingRoutes } from './routes/findings.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerInsightRoutes } from './routes/insights.js';
import { registerNotificationRoutes } from './routes/notifications.js';
import { registerReconcileRoutes } from './routes/reconcile.js';
import { registerScanRoutes } from './routes/scans.js';
import { registerTokenRoutes } from './routes/tokens.js';
import { registerDashboard } from './ui/plugin.js';

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  /** Left out of the OpenAPI document (the document's own route). */
  readonly hidden: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route of the app, as registered (the OpenAPI test compares them with the document). */
    registeredRoutes: ReadonlyArray<RegisteredRoute>;
  }
}

/** Request bodies larger than this are refused with 413 (every body of this API is small). */
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface BuildAppOptions {
  readonly logger?: FastifyServerOptions['logger'];
  readonly https?: { readonly cert: Buffer; readonly key: Buffer };
  /** The OIDC client secret, read from the environment by the caller. */
  readonly oidcClientSecret?: string;
}

export async function buildApp(ctx: ServerContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    ...(options.https ? { https: { cert: options.https.cert, key: options.https.key } } : {}),
    return503OnClosing: true,
  }) as unknown as FastifyInstance;
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      routes.push({ method, url: route.url, hidden: route.schema?.hide === true });
  });
  app.decorate('registeredRoutes', routes);
  registerProblems(app);
  app.setValidatorCompiler(validatorCompiler());
  // JSON bodies only: any other media type is a 415, never a string the schema then half-accepts.
  app.removeContentTypeParser('text/plain');
  app.addSchema(problemSchema);
  await app.register(cookie);
  registerAccessControl(app, { store: ctx.store, limiter: ctx.limiter, now: ctx.clock });
  await app.register(swagger, { openapi: OPENAPI_INFO });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    ctx.metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    ctx.metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  registerHealthRoutes(app, ctx);
  app.get(
    '/openapi.json',
    { config: { role: 'public' }, schema: { hide: true } },
    async () => app.swagger() as unknown as Record<string, unknown>,
  );
  registerEstateRoutes(app, ctx);
  registerScanRoutes(app, ctx);
  registerFindingRoutes(app, ctx);
  registerInsightRoutes(app, ctx);
  registerReconcileRoutes(app, ctx);
  registerBreakglassRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerTokenRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  await registerDashboard(app, ctx);

  app.get(
    '/api/v1/session',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['auth'],
        summary: 'Who is calling, their role, and (for a browser session) the CSRF token to send with mutating calls',
      },
    },
    async (request) => {
      const principal = request.principal!;
      return {
        principal: principal.id,
        kind: principal.kind,
        role: principal.role,
        ...(principal.csrfToken !== undefined ? { csrfToken: principal.csrfToken } : {}),
      };
    },
  );
  app.post(
    '/auth/logout',
    { config: { role: 'viewer' }, schema: { tags: ['auth'], summary: 'End the browser session' } },
    async (request, reply) => {
      await signOut(ctx.store, request, reply);
      return reply.code(204).send();
    },
  );
  const oidc = ctx.settings.oidc;
  if (oidc !== undefined) {
    registerOidc(app, {
      store: ctx.store,
      limiter: ctx.limiter,
      now: ctx.clock,
      settings: ctx.settings,
      oidc,
      ...(options.oidcClientSecret !== undefined ? { clientSecret: options.oidcClientSecret } : {}),
      publicUrl: ctx.publicUrl,
    });
  }
  await app.ready();
  return app;
}
