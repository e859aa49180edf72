/**
 * API tokens: `dw_<id>_<secret>`. The id (8 hex digits) finds the row and is shown in lists; the
 * secret (32 random bytes, base64url) is shown once at creation and stored only as its SHA-256.
 * A fast hash is enough here because the secret is random and long (no dictionary to try), and the
 * comparison is constant-time. Creating and revoking a token are audit entries with the principal.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DriftwardenError } from '../../model/errors.js';
import type { ApiToken, Role, Store } from '../../store/index.js';

const TOKEN_PATTERN = /^dw_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;
export const TOKEN_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface CreatedToken {
  /** The whole token: shown once, never stored. */
  readonly token: string;
  readonly record: ApiToken;
}

export interface CreateTokenRequest {
  readonly name: string;
  readonly role: Role;
  /** Who creates it (audit actor). */
  readonly by: string;
  readonly ttlMs?: number;
}

export async function createToken(store: Store, request: CreateTokenRequest): Promise<CreatedToken> {
  if (!TOKEN_NAME_PATTERN.test(request.name)) {
    throw new DriftwardenError('usage', `invalid token name "${request.name}"`, {
      key: 'name',
      nextStep: 'use letters, digits, ., _ and - (at most 64), for example ci or grafana',
    });
  }
  const id = randomBytes(4).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return store.transaction(async (tx) => {
    if (await tx.access.activeTokenNamed(request.name)) {
      throw new DriftwardenError('usage', `an active token is already named "${request.name}"`, {
        key: 'name',
        nextStep: 'choose another name, or revoke the existing token first',
      });
    }
    const now = tx.now();
    const record: ApiToken = {
      id,
      name: request.name,
      role: request.role,
      createdAt: now.toISOString(),
      createdBy: request.by,
      ...(request.ttlMs !== undefined ? { expiresAt: new Date(now.getTime() + request.ttlMs).toISOString() } : {}),
    };
    await tx.access.insertToken(record, sha256Hex(secret));
    await tx.audit.append({
      actor: request.by,
      action: 'api.token-created',
      subject: `token:${id}`,
      details: { name: record.name, role: record.role, expiresAt: record.expiresAt ?? null },
    });
    return { token: `dw_${id}_${secret}`, record };
  });
}

export async function revokeToken(store: Store, id: string, by: string): Promise<ApiToken | undefined> {
  return store.transaction(async (tx) => {
    if (!(await tx.access.revokeToken(id, tx.now().toISOString()))) return undefined;
    const revoked = (await tx.access.tokenWithHash(id))!.token;
    await tx.audit.append({
      actor: by,
      action: 'api.token-revoked',
      subject: `token:${id}`,
      details: { name: revoked.name, role: revoked.role },
    });
    return revoked;
  });
}

/** The token's record when the text is a valid, active, unexpired token; undefined otherwise. */
export async function verifyToken(store: Store, text: string, now: Date): Promise<ApiToken | undefined> {
  const match = TOKEN_PATTERN.exec(text);
  if (!match) return undefined;
  const found = await store.access.tokenWithHash(match[1]!);
  if (found === undefined) return undefined;
  const given = Buffer.from(sha256Hex(match[2]!), 'hex');
  const stored = Buffer.from(found.secretHash, 'hex');
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) return undefined;
  if (found.token.revokedAt !== undefined) return undefined;
  if (found.token.expiresAt !== undefined && found.token.expiresAt <= now.toISOString()) return undefined;
  return found.token;
}
