/** Notifications: the dead letters (deliveries that failed every attempt), newest first. */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import { problemResponses } from './schemas.js';

export function registerNotificationRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/v1/notifications/dead-letters',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['notifications'],
        summary: 'Notifications that failed every attempt: webhook, event, body as sent, attempts, last error',
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'webhook', 'auditSeq', 'event', 'attempts', 'lastError', 'failedAt'],
                  properties: {
                    id: { type: 'string' },
                    webhook: { type: 'string' },
                    auditSeq: { type: 'integer' },
                    event: { type: 'string' },
                    body: { type: 'object', additionalProperties: true },
                    attempts: { type: 'integer' },
                    lastError: { type: 'string' },
                    failedAt: { type: 'string' },
                  },
                },
              },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const { limit } = request.query as { limit: number };
      return { items: await ctx.store.notifications.deadLetters(limit) };
    },
  );
}
