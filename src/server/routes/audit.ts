/** The audit log: pages (newest first), verification of the whole chain, and export as JSON lines. */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import { anyObject, problemResponses } from './schemas.js';

const isoTime = { type: 'string', format: 'date-time' } as const;

export function registerAuditRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/v1/audit',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['audit'],
        summary: 'A page of audit entries, newest first (pass nextBefore as before for the next page)',
        querystring: {
          type: 'object',
          properties: {
            before: { type: 'integer', minimum: 1, description: 'only entries with a smaller seq' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
            action: {
              type: 'array',
              items: { type: 'string', pattern: '^[a-z-]+(\\.[a-z-]+)*$', maxLength: 64 },
              maxItems: 20,
            },
            subject: { type: 'string', maxLength: 500 },
            from: isoTime,
            to: isoTime,
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: { items: { type: 'array', items: anyObject }, nextBefore: { type: 'integer' } },
          },
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const q = request.query as {
        before?: number;
        limit: number;
        action?: string[];
        subject?: string;
        from?: string;
        to?: string;
      };
      const items = await ctx.store.audit.page({
        limit: q.limit,
        ...(q.before !== undefined ? { beforeSeq: q.before } : {}),
        ...(q.action ? { actions: q.action } : {}),
        ...(q.subject !== undefined ? { subject: q.subject } : {}),
        ...(q.from !== undefined ? { from: new Date(q.from).toISOString() } : {}),
        ...(q.to !== undefined ? { to: new Date(q.to).toISOString() } : {}),
      });
      const last = items[items.length - 1];
      return { items, ...(items.length === q.limit && last && last.seq > 1 ? { nextBefore: last.seq } : {}) };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['audit'],
        summary: 'Check every entry against the hash chain and the head; names the first bad entry',
        response: { 200: anyObject, ...problemResponses },
      },
    },
    async () => ctx.store.audit.verify(),
  );

  app.get(
    '/api/v1/audit/export',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['audit'],
        summary: 'Every entry as JSON lines (application/x-ndjson), in order, with its hashes',
      },
    },
    async (request, reply) => {
      const stream = new PassThrough();
      ctx.store.audit.exportJsonLines(stream).then(
        () => stream.end(),
        (err: unknown) => {
          request.log.error({ err }, 'audit export failed');
          stream.destroy(err as Error);
        },
      );
      return reply
        .type('application/x-ndjson')
        .header('Content-Disposition', 'attachment; filename="audit.jsonl"')
        .send(stream);
    },
  );
}
