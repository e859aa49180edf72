/**
 * Who may use the server: API tokens, browser sessions and OpenID Connect logins in progress.
 * Rows only; the rules (hashing, roles, expiry) are the caller's (src/server/auth). Invariants:
 * a token's or a session's secret is never stored, only its SHA-256 (the caller hashes); a revoked
 * token stays listed (who had access when is part of the record) and never authenticates again.
 */
import type { SqlExecutor } from './sql.js';

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiToken {
  /** The public part of the token (`dw_<id>_...`), shown in lists. */
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly expiresAt?: string;
  readonly lastUsedAt?: string;
  readonly revokedAt?: string;
}

export interface WebSession {
  readonly subject: string;
  readonly displayName: string;
  readonly role: Role;
  readonly groups: ReadonlyArray<string>;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export interface OidcLogin {
  readonly state: string;
  readonly codeVerifier: string;
  readonly nonce: string;
  readonly returnTo: string;
  readonly expiresAt: string;
}

interface TokenRow {
  id: string;
  name: string;
  role: string;
  secret_hash: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

const toToken = (row: TokenRow): ApiToken => ({
  id: row.id,
  name: row.name,
  role: row.role as Role,
  createdAt: row.created_at,
  createdBy: row.created_by,
  ...(row.expires_at !== null ? { expiresAt: row.expires_at } : {}),
  ...(row.last_used_at !== null ? { lastUsedAt: row.last_used_at } : {}),
  ...(row.revoked_at !== null ? { revokedAt: row.revoked_at } : {}),
});

export class AccessStore {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  async insertToken(token: ApiToken, secretHash: string): Promise<void> {
    await this.#sql.run(
      `INSERT INTO api_tokens (id, name, role, secret_hash, created_at, created_by, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [token.id, token.name, token.role, secretHash, token.createdAt, token.createdBy, token.expiresAt ?? null],
    );
  }

  /** The token and its stored hash (the caller compares in constant time), revoked ones included. */
  async tokenWithHash(id: string): Promise<{ token: ApiToken; secretHash: string } | undefined> {
    const row = await this.#sql.get<TokenRow>('SELECT * FROM api_tokens WHERE id = ?', [id]);
    return row === undefined ? undefined : { token: toToken(row), secretHash: row.secret_hash };
  }

  async tokens(): Promise<ApiToken[]> {
    return (await this.#sql.all<TokenRow>('SELECT * FROM api_tokens ORDER BY created_at, id')).map(toToken);
  }

  /** True when a token of this name is active (not revoked). */
  async activeTokenNamed(name: string): Promise<boolean> {
    return (
      (await this.#sql.get('SELECT 1 AS found FROM api_tokens WHERE name = ? AND revoked_at IS NULL', [name])) !==
      undefined
    );
  }

  async touchToken(id: string, at: string): Promise<void> {
    await this.#sql.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [at, id]);
  }

  /** False when there is no such active token. */
  async revokeToken(id: string, at: string): Promise<boolean> {
    return (
      (await this.#sql.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id])) > 0
    );
  }

  async insertSession(idHash: string, session: WebSession): Promise<void> {
    await this.#sql.run(
      `INSERT INTO web_sessions (id_hash, subject, display_name, role, groups, csrf_token, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        idHash,
        session.subject,
        session.displayName,
        session.role,
        JSON.stringify(session.groups),
        session.csrfToken,
        session.createdAt,
        session.expiresAt,
      ],
    );
  }

  /** The session when it exists and has not expired at `now`. */
  async session(idHash: string, now: string): Promise<WebSession | undefined> {
    const row = await this.#sql.get<{
      subject: string;
      display_name: string;
      role: string;
      groups: string;
      csrf_token: string;
      created_at: string;
      expires_at: string;
    }>('SELECT * FROM web_sessions WHERE id_hash = ? AND expires_at > ?', [idHash, now]);
    return row === undefined
      ? undefined
      : {
          subject: row.subject,
          displayName: row.display_name,
          role: row.role as Role,
          groups: JSON.parse(row.groups) as string[],
          csrfToken: row.csrf_token,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
        };
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.#sql.run('DELETE FROM web_sessions WHERE id_hash = ?', [idHash]);
  }

  /** Removes expired sessions and logins; returns how many rows went. */
  async purgeExpired(now: string): Promise<number> {
    return this.#sql.write(
      async (tx) =>
        (await tx.run('DELETE FROM web_sessions WHERE expires_at <= ?', [now])) +
        (await tx.run('DELETE FROM oidc_logins WHERE expires_at <= ?', [now])),
    );
  }

  async insertLogin(login: OidcLogin): Promise<void> {
    await this.#sql.run(
      'INSERT INTO oidc_logins (state, code_verifier, nonce, return_to, expires_at) VALUES (?, ?, ?, ?, ?)',
      [login.state, login.codeVerifier, login.nonce, login.returnTo, login.expiresAt],
    );
  }

  /** Takes a login in progress (each state is used once); undefined when unknown or expired. */
  takeLogin(state: string, now: string): Promise<OidcLogin | undefined> {
    return this.#sql.write(async (tx) => {
      const row = await tx.get<{
        state: string;
        code_verifier: string;
        nonce: string;
        return_to: string;
        expires_at: string;
      }>('SELECT * FROM oidc_logins WHERE state = ?', [state]);
      if (row === undefined) return undefined;
      await tx.run('DELETE FROM oidc_logins WHERE state = ?', [state]);
      if (row.expires_at <= now) return undefined;
      return {
        state: row.state,
        codeVerifier: row.code_verifier,
        nonce: row.nonce,
        returnTo: row.return_to,
        expiresAt: row.expires_at,
      };
    });
  }
}
