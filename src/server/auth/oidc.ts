/**
 * Sign-in for people: OpenID Connect, authorization code flow with PKCE (S256), state and nonce,
 * through `openid-client` (which validates the ID token's signature, issuer, audience, expiry and
 * nonce). The login in progress (state, verifier, nonce, where to return) is a store row used once
 * and kept ten minutes; the session is a random cookie (HttpOnly, SameSite=Lax, Secure on HTTPS)
 * stored as its SHA-256, with its own CSRF token. A person's role is the highest role any of their
 * groups (the configured claim) maps to in `server.roles`; no group mapped: no session, and the
 * attempt counts as a failed login. The issuer must be HTTPS, except on a loopback address.
 */
import { randomBytes } from 'node:crypto';
import type {} from '@fastify/cookie'; // its types add cookies to requests and replies
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import type { OidcConfig, ServerConfig } from '../../config/server.js';
import { DriftwardenError } from '../../model/errors.js';
import type { Role, Store } from '../../store/index.js';
import { HttpProblem } from '../problems.js';
import type { FailedLoginLimiter } from './limiter.js';
import { checkLimiter, SESSION_COOKIE } from './principal.js';
import { sha256Hex } from './tokens.js';

const LOGIN_TTL_MS = 10 * 60_000;

export interface OidcDeps {
  readonly store: Store;
  readonly limiter: FailedLoginLimiter;
  readonly now: () => Date;
  readonly settings: ServerConfig;
  readonly oidc: OidcConfig;
  /** The client secret (from the environment variable the config names), if any. */
  readonly clientSecret?: string;
  /** Where people reach this server (scheme, host, port), for the redirect URI. */
  readonly publicUrl: string;
}

/** The highest role any group maps to, or undefined. */
export function roleOfGroups(groups: ReadonlyArray<string>, roles: ServerConfig['roleGroups']): Role | undefined {
  const has = (mapped: ReadonlyArray<string>) => mapped.some((group) => groups.includes(group));
  if (has(roles.admin)) return 'admin';
  if (has(roles.operator)) return 'operator';
  if (has(roles.viewer)) return 'viewer';
  return undefined;
}

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** A path on this server to return to after sign-in; anything else (another site) becomes `/`. */
function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : '/';
}

export function registerOidc(app: FastifyInstance, deps: OidcDeps): void {
  const issuer = new URL(deps.oidc.issuer);
  if (issuer.protocol !== 'https:' && !isLoopback(issuer)) {
    throw new DriftwardenError('config.invalid', `the OpenID Connect issuer ${deps.oidc.issuer} is not HTTPS`, {
      key: 'server.oidc.issuer',
      nextStep: 'use the https:// issuer URL of the identity provider',
    });
  }
  const redirectUri = `${deps.publicUrl}/auth/callback`;
  const secure = deps.publicUrl.startsWith('https:');
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= oidc
      .discovery(
        issuer,
        deps.oidc.clientId,
        deps.clientSecret,
        deps.clientSecret === undefined ? oidc.None() : oidc.ClientSecretPost(deps.clientSecret),
        issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {},
      )
      .catch((err: unknown) => {
        discovered = undefined; // the next sign-in tries discovery again
        throw err;
      });
    return discovered;
  };

  const failed = (request: FastifyRequest, detail: string) => {
    deps.limiter.fail(request.ip, deps.now().getTime());
    return new HttpProblem(403, 'login-failed', 'Sign-in failed', detail);
  };

  app.get(
    '/auth/login',
    {
      config: { role: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Start signing in with OpenID Connect (redirects to the identity provider)',
        querystring: {
          type: 'object',
          properties: { returnTo: { type: 'string', maxLength: 2048 } },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      checkLimiter(deps, request);
      let config: oidc.Configuration;
      try {
        config = await configuration();
      } catch (err) {
        request.log.warn({ err }, 'OpenID Connect discovery failed');
        throw new HttpProblem(
          502,
          'oidc-unavailable',
          'Bad gateway',
          `the identity provider ${deps.oidc.issuer} did not answer discovery`,
        );
      }
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      await deps.store.access.insertLogin({
        state,
        codeVerifier,
        nonce,
        returnTo: safeReturnTo((request.query as { returnTo?: string }).returnTo),
        expiresAt: new Date(deps.now().getTime() + LOGIN_TTL_MS).toISOString(),
      });
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: deps.oidc.scopes.join(' '),
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return reply.redirect(url.href, 302);
    },
  );

  app.get(
    '/auth/callback',
    {
      config: { role: 'public' },
      schema: {
        tags: ['auth'],
        summary: "The identity provider's redirect back (authorization code); sets the session cookie",
        querystring: {
          type: 'object',
          properties: {
            state: { type: 'string', maxLength: 512 },
            code: { type: 'string', maxLength: 4096 },
            error: { type: 'string', maxLength: 256 },
            error_description: { type: 'string', maxLength: 1024 },
            iss: { type: 'string', maxLength: 2048 },
            session_state: { type: 'string', maxLength: 1024 },
          },
          required: ['state'],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      checkLimiter(deps, request);
      const query = request.query as { state: string; error?: string };
      const login = await deps.store.access.takeLogin(query.state, deps.now().toISOString());
      if (login === undefined) throw failed(request, 'unknown or expired sign-in; start again at /auth/login');
      if (query.error !== undefined) throw failed(request, `the identity provider refused: ${query.error}`);
      const config = await configuration();
      let claims: Record<string, unknown>;
      let accessToken: string;
      try {
        const currentUrl = new URL(request.url, deps.publicUrl);
        const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: login.codeVerifier,
          expectedState: login.state,
          expectedNonce: login.nonce,
          idTokenExpected: true,
        });
        claims = { ...(tokens.claims() ?? {}) };
        accessToken = tokens.access_token;
      } catch (err) {
        request.log.warn({ err }, 'OpenID Connect code exchange failed');
        throw failed(request, 'the identity provider did not confirm this sign-in');
      }
      if (claims[deps.oidc.groupsClaim] === undefined) {
        const info = await oidc.fetchUserInfo(config, accessToken, String(claims['sub']));
        claims = { ...info, ...claims };
      }
      const rawGroups = claims[deps.oidc.groupsClaim];
      const groups = Array.isArray(rawGroups) ? rawGroups.filter((g): g is string => typeof g === 'string') : [];
      const role = roleOfGroups(groups, deps.settings.roleGroups);
      const name = String(claims['email'] ?? claims['preferred_username'] ?? claims['sub']);
      if (role === undefined) {
        throw failed(request, `${name} is in no group that server.roles maps to a role`);
      }
      const cookie = randomBytes(32).toString('base64url');
      const now = deps.now();
      const expiresAt = new Date(now.getTime() + deps.settings.sessionTtlMs);
      await deps.store.transaction(async (tx) => {
        await tx.access.insertSession(sha256Hex(cookie), {
          subject: `${deps.oidc.issuer}#${String(claims['sub'])}`,
          displayName: name,
          role,
          groups,
          csrfToken: randomBytes(24).toString('base64url'),
          createdAt: now.toISOString(),
          expiresAt: expiresAt.toISOString(),
        });
        await tx.audit.append({
          actor: `oidc:${name}`,
          action: 'api.signed-in',
          subject: `oidc:${name}`,
          details: { role, groups, expiresAt: expiresAt.toISOString() },
        });
      });
      setSessionCookie(reply, cookie, expiresAt, secure);
      return reply.redirect(login.returnTo, 303);
    },
  );
}

export function setSessionCookie(reply: FastifyReply, value: string, expires: Date, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires });
}

/** POST /auth/logout: ends the cookie session (the route is registered by the routes module). */
export async function signOut(store: Store, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const hash = request.principal?.sessionHash;
  if (hash !== undefined) await store.access.deleteSession(hash);
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
