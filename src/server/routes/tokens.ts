/** API tokens (admin): list, create (the token is in this one answer only), revoke. */
import type { FastifyInstance } from 'fastify';
import { parseDuration } from '../../config/schema.js';
import { ROLES } from '../../store/index.js';
import { principalOf } from '../auth/principal.js';
import { createToken, revokeToken } from '../auth/tokens.js';
import type { ServerContext } from '../context.js';
import { notFound } from '../problems.js';
import { anyObject, problemResponses } from './schemas.js';

export function registerTokenRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/v1/tokens',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['tokens'],
        summary: 'Every API token (never its secret), revoked ones included',
        response: {
          200: { type: 'object', properties: { items: { type: 'array', items: anyObject } } },
          ...problemResponses,
        },
      },
    },
    async () => ({ items: await ctx.store.access.tokens() }),
  );

  app.post(
    '/api/v1/tokens',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['tokens'],
        summary: 'Create a token; the answer is the only time its secret is shown',
        body: {
          type: 'object',
          required: ['name', 'role'],
          properties: {
            name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
            role: { type: 'string', enum: ROLES },
            ttl: {
              type: 'string',
              pattern: '^(?:\\d+[smhd])+$',
              description: 'expires after this long (default: never)',
            },
          },
          additionalProperties: false,
        },
        response: { 201: anyObject, ...problemResponses },
      },
    },
    async (request, reply) => {
      const body = request.body as { name: string; role: (typeof ROLES)[number]; ttl?: string };
      const created = await createToken(ctx.store, {
        name: body.name,
        role: body.role,
        by: principalOf(request).id,
        ...(body.ttl !== undefined ? { ttlMs: parseDuration(body.ttl) } : {}),
      });
      return reply.code(201).send({ ...created.record, token: created.token });
    },
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['tokens'],
        summary: 'Revoke a token (it stays listed, and never authenticates again)',
        params: {
          type: 'object',
          properties: { id: { type: 'string', pattern: '^[0-9a-f]{8}$' } },
          required: ['id'],
          additionalProperties: false,
        },
        response: { 200: anyObject, ...problemResponses },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const revoked = await revokeToken(ctx.store, id, principalOf(request).id);
      if (revoked === undefined) throw notFound(`active token ${id}`);
      return revoked;
    },
  );
}
