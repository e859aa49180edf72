/**
 * Who is calling, and whether they may. Every route declares the least role it needs in its
 * config (`config: { role: 'operator' }`, or `'public'`); a route that declares nothing needs
 * `admin` (closed by default). Order of checks, per request:
 *   1. too many failed logins from this address: 429 (Retry-After), before any credential is read;
 *   2. credentials: `Authorization: Bearer dw_...` (an API token) or the `dw_session` cookie (a
 *      person signed in through OpenID Connect); none or invalid: 401 (a wrong token counts as a
 *      failed login);
 *   3. role: viewer < operator < admin; too low: 403;
 *   4. a cookie session on a mutating method must echo its CSRF token in `X-CSRF-Token`, or, on the
 *      dashboard's form routes (`config: { csrf: 'form' }`), in the form field `_csrf` (checked once
 *      the body is parsed, before validation): 403 otherwise (tokens are exempt: a browser never
 *      sends them by itself);
 *   5. after validation, before the handler: every mutating call is an `api.request` audit entry
 *      with the principal; when it cannot be written, the call is refused (fails closed).
 */
import { timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie'; // its types add cookies to requests
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiToken, Role, Store, WebSession } from '../../store/index.js';
import { HttpProblem } from '../problems.js';
import type { FailedLoginLimiter } from './limiter.js';
import { sha256Hex, verifyToken } from './tokens.js';

export const SESSION_COOKIE = 'dw_session';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

export type RouteRole = Role | 'public';

export interface Principal {
  /** As the audit log names them: `token:<name>` or `oidc:<email or subject>`. */
  readonly id: string;
  readonly kind: 'token' | 'session';
  readonly role: Role;
  readonly name: string;
  /** Sessions only: the CSRF token mutating calls must echo. */
  readonly csrfToken?: string;
  readonly tokenId?: string;
  readonly sessionHash?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role the route needs; `public`: no authentication. Undefined means admin. */
    role?: RouteRole;
    /** `form`: a dashboard form route; a cookie session's CSRF token comes in the `_csrf` field. */
    csrf?: 'header' | 'form';
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function roleAllows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

export function tokenPrincipal(token: ApiToken): Principal {
  return { id: `token:${token.name}`, kind: 'token', role: token.role, name: token.name, tokenId: token.id };
}

export function sessionPrincipal(session: WebSession, sessionHash: string): Principal {
  return {
    // A session opened with an API token (the dashboard's token sign-in) acts as that token.
    id: session.subject.startsWith('token:') ? `token:${session.displayName}` : `oidc:${session.displayName}`,
    kind: 'session',
    role: session.role,
    name: session.displayName,
    csrfToken: session.csrfToken,
    sessionHash,
  };
}

const unauthenticated = (detail: string) =>
  new HttpProblem(
    401,
    'unauthenticated',
    'Authentication required',
    detail,
    {},
    {
      'WWW-Authenticate': 'Bearer realm="driftwarden"',
    },
  );

export interface AuthDeps {
  readonly store: Store;
  readonly limiter: FailedLoginLimiter;
  readonly now: () => Date;
}

/** Writes last_used_at at most once a minute per token, so reads do not queue behind writes. */
class TokenTouches {
  readonly #last = new Map<string, number>();
  due(id: string, now: number): boolean {
    if (now - (this.#last.get(id) ?? 0) < 60_000) return false;
    this.#last.set(id, now);
    return true;
  }
}

export function checkLimiter(deps: AuthDeps, request: FastifyRequest): void {
  const wait = deps.limiter.retryAfterMs(request.ip, deps.now().getTime());
  if (wait > 0) {
    throw new HttpProblem(
      429,
      'too-many-failed-logins',
      'Too many requests',
      'too many failed logins from this address; try again later',
      {},
      { 'Retry-After': String(Math.ceil(wait / 1000)) },
    );
  }
}

async function authenticate(deps: AuthDeps, touches: TokenTouches, request: FastifyRequest): Promise<Principal> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    checkLimiter(deps, request);
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const now = deps.now();
    const token = match ? await verifyToken(deps.store, match[1]!, now) : undefined;
    if (token === undefined) {
      deps.limiter.fail(request.ip, now.getTime());
      throw unauthenticated('the bearer token is not valid (unknown, revoked or expired)');
    }
    if (touches.due(token.id, now.getTime())) await deps.store.access.touchToken(token.id, now.toISOString());
    return tokenPrincipal(token);
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie !== undefined && cookie !== '') {
    const hash = sha256Hex(cookie);
    const session = await deps.store.access.session(hash, deps.now().toISOString());
    if (session !== undefined) return sessionPrincipal(session, hash);
    throw unauthenticated('the session has expired or was signed out; sign in again at /auth/login');
  }
  throw unauthenticated('send an API token (Authorization: Bearer dw_...) or sign in at /auth/login');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function registerAccessControl(app: FastifyInstance, deps: AuthDeps): void {
  const touches = new TokenTouches();
  app.decorateRequest('principal', undefined);

  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const needed = request.routeOptions.config?.role ?? 'admin';
    if (needed === 'public') return;
    const principal = await authenticate(deps, touches, request);
    if (!roleAllows(principal.role, needed)) {
      throw new HttpProblem(
        403,
        'forbidden',
        'Forbidden',
        `this needs the ${needed} role; ${principal.id} has ${principal.role}`,
      );
    }
    const inForm = request.routeOptions.config?.csrf === 'form';
    if (principal.kind === 'session' && !SAFE_METHODS.has(request.method) && !inForm) {
      const given = request.headers[CSRF_HEADER];
      if (typeof given !== 'string' || !sameSecret(given, principal.csrfToken!)) {
        throw new HttpProblem(
          403,
          'csrf',
          'Forbidden',
          `a signed-in browser must send the session's CSRF token in the ${CSRF_HEADER} header (GET /api/v1/session gives it)`,
        );
      }
    }
    request.principal = principal;
  });

  app.addHook('preValidation', async (request) => {
    const principal = request.principal;
    if (principal?.kind !== 'session' || SAFE_METHODS.has(request.method)) return;
    if (request.routeOptions.config?.csrf !== 'form') return;
    const given = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    if (typeof given !== 'string' || !sameSecret(given, principal.csrfToken!)) {
      throw new HttpProblem(
        403,
        'csrf',
        'Forbidden',
        "the form did not carry this session's CSRF token; reload the page",
      );
    }
  });

  app.addHook('preHandler', async (request) => {
    const principal = request.principal;
    if (principal === undefined || SAFE_METHODS.has(request.method)) return;
    await deps.store.audit.append({
      actor: principal.id,
      action: 'api.request',
      subject: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
      details: {
        principal: { kind: principal.kind, role: principal.role },
        params: (request.params ?? {}) as Record<string, unknown>,
        requestId: request.id,
      },
    });
  });
}

/** The principal of a route that needs one (set by the onRequest hook). */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === undefined) throw new Error('route without authentication asked for a principal');
  return request.principal;
}
