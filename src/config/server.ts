/**
 * `server:` in driftwarden.yaml: where `driftwarden server` listens, its TLS files, OpenID Connect
 * for people and how their groups map to roles. Secrets never live in the file: the OIDC client
 * secret comes from the environment variable the file names. The raw schema is schema.ts's
 * `server:` entry; this module resolves it.
 */
import { resolve } from 'node:path';
import { parseDuration, type RawConfig } from './schema.js';

export type RawServerConfig = NonNullable<RawConfig['server']>;

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  /** The environment variable holding the client secret; undefined: a public client (PKCE only). */
  readonly clientSecretEnv?: string;
  readonly scopes: ReadonlyArray<string>;
  /** The ID token / userinfo claim holding the person's groups. */
  readonly groupsClaim: string;
}

export interface ServerConfig {
  readonly listen?: string;
  readonly publicUrl?: string;
  /** Absolute paths. */
  readonly tls?: { readonly cert: string; readonly key: string };
  readonly sessionTtlMs: number;
  readonly oidc?: OidcConfig;
  /** OIDC groups per role; a person gets the highest role any of their groups maps to. */
  readonly roleGroups: {
    readonly admin: ReadonlyArray<string>;
    readonly operator: ReadonlyArray<string>;
    readonly viewer: ReadonlyArray<string>;
  };
}

export const DEFAULT_SESSION_TTL_MS = 8 * 3_600_000;

export function resolveServerConfig(raw: RawServerConfig | undefined, baseDir: string): ServerConfig {
  return {
    ...(raw?.listen !== undefined ? { listen: raw.listen } : {}),
    ...(raw?.public_url !== undefined ? { publicUrl: raw.public_url.replace(/\/+$/, '') } : {}),
    ...(raw?.tls ? { tls: { cert: resolve(baseDir, raw.tls.cert), key: resolve(baseDir, raw.tls.key) } } : {}),
    sessionTtlMs: raw?.session_ttl !== undefined ? parseDuration(raw.session_ttl) : DEFAULT_SESSION_TTL_MS,
    ...(raw?.oidc
      ? {
          oidc: {
            issuer: raw.oidc.issuer.replace(/\/+$/, ''),
            clientId: raw.oidc.client_id,
            ...(raw.oidc.client_secret_env !== undefined ? { clientSecretEnv: raw.oidc.client_secret_env } : {}),
            scopes: raw.oidc.scopes ?? ['openid', 'profile', 'email'],
            groupsClaim: raw.oidc.groups_claim ?? 'groups',
          },
        }
      : {}),
    roleGroups: {
      admin: raw?.roles?.admin ?? [],
      operator: raw?.roles?.operator ?? [],
      viewer: raw?.roles?.viewer ?? [],
    },
  };
}
