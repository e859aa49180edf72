/**
 * Findings: a filtered, sorted page (cursor paging, src/store/server-queries.ts) and one finding's
 * detail: what changed, who changed it and how (attribution), what the next apply does (impact),
 * the blast radius with its factors, its history (every scan that saw it) and its audit trail.
 */
import type { FastifyInstance } from 'fastify';
import type { Finding } from '../../model/finding.js';
import { FINDING_SORTS, FINDING_STATUSES, type FindingQuery } from '../../store/index.js';
import type { ServerContext } from '../context.js';
import { notFound } from '../problems.js';
import { anyObject, environmentName, idParams, kindEnum, problemResponses, severityEnum } from './schemas.js';

const listQuery = {
  type: 'object',
  properties: {
    kind: { type: 'array', items: kindEnum, maxItems: 10 },
    severity: { type: 'array', items: severityEnum, maxItems: 10 },
    environment: { type: 'array', items: environmentName, maxItems: 50 },
    type: { type: 'array', items: { type: 'string', pattern: '^[a-z][a-z0-9_]*$', maxLength: 100 }, maxItems: 50 },
    status: { type: 'string', enum: FINDING_STATUSES, default: 'open' },
    q: {
      type: 'string',
      maxLength: 200,
      description:
        'Text: findings whose address, resource id or type contains it, ignoring case. Matched literally: quotes, wildcards (% _ *) and search operators (AND, OR, NEAR) are characters like any other. Three characters or more are looked up in an index (SQLite FTS5 trigram, PostgreSQL pg_trgm); one or two read every finding of the other filters.',
    },
    sort: { type: 'string', enum: FINDING_SORTS, default: '-severity' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    cursor: { type: 'string', maxLength: 1000 },
  },
  additionalProperties: false,
} as const;

const listItem = {
  type: 'object',
  required: ['id', 'kind', 'severity', 'environment', 'address', 'type', 'summary', 'status', 'firstSeen', 'lastSeen'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    severity: { type: 'string' },
    environment: { type: 'string' },
    address: { type: 'string' },
    type: { type: 'string' },
    resourceId: { type: 'string' },
    account: { type: 'string' },
    region: { type: 'string' },
    summary: { type: 'string' },
    status: { type: 'string', enum: FINDING_STATUSES },
    firstSeen: { type: 'string' },
    lastSeen: { type: 'string' },
    resolvedAt: { type: 'string' },
    blastRadius: {
      type: 'object',
      properties: { score: { type: 'number' }, level: { type: 'string' } },
    },
  },
} as const;

export interface ListQuery {
  kind?: FindingQuery['kinds'];
  severity?: FindingQuery['severities'];
  environment?: string[];
  type?: string[];
  status: NonNullable<FindingQuery['status']>;
  q?: string;
  sort: NonNullable<FindingQuery['sort']>;
  limit: number;
  cursor?: string;
}

export function registerFindingRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/v1/findings',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['findings'],
        summary:
          'A page of findings: filter by kind, severity, environment, type, status and text; sort; cursor paging',
        querystring: listQuery,
        response: {
          200: {
            type: 'object',
            required: ['items', 'total', 'asOfScanId'],
            properties: {
              items: { type: 'array', items: listItem },
              nextCursor: { type: 'string' },
              total: {
                type: 'integer',
                description: 'Findings matching the filters, over every page, as of asOfScanId',
              },
              asOfScanId: {
                type: ['string', 'null'],
                description: 'The latest recorded scan when the page was read; statuses and the total are as of it',
              },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const q = request.query as ListQuery;
      return ctx.store.queries.page(findingQueryOf(q));
    },
  );

  app.get(
    '/api/v1/findings/:id',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['findings'],
        summary:
          "A finding's detail: changes, attribution, apply impact, blast-radius factors, history and audit trail",
        params: idParams,
        response: { 200: anyObject, ...problemResponses },
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const detail = await findingDetail(ctx, id);
      if (detail === undefined) throw notFound(`finding ${id}`);
      return detail;
    },
  );
}

/** A finding's detail as the API returns it (and the dashboard shows it); undefined when unknown. */
export async function findingDetail(ctx: ServerContext, id: string) {
  const found = await ctx.store.snapshot(async (tx) => {
    const history = await tx.history.findingHistory(id);
    if (history === undefined) return undefined;
    const status = await tx.queries.status(id);
    const trail = await tx.audit.page({ subject: history.address, limit: 100 });
    return { history, status, trail };
  });
  if (found === undefined) return undefined;
  const { history, status, trail } = found;
  const finding: Finding = history.finding;
  return {
    id: history.id,
    status,
    kind: history.kind,
    severity: history.severity,
    environment: history.environment,
    address: history.address,
    type: history.type,
    resource: finding.resource,
    summary: finding.summary,
    reasons: finding.reasons,
    changes: finding.changes,
    attribution: finding.attribution ?? null,
    impact: finding.impact ?? null,
    blastRadius: finding.blastRadius ?? null,
    facts: finding.facts ?? null,
    history: {
      firstSeen: history.firstSeen,
      lastSeen: history.lastSeen,
      resolvedAt: history.resolvedAt ?? null,
      lastScanId: history.lastScanId,
      sightings: history.sightings,
    },
    // Entries about this resource that concern this finding (or the resource as a whole).
    audit: trail
      .filter((e) => e.details['findingId'] === undefined || e.details['findingId'] === id)
      .map((e) => ({ seq: e.seq, time: e.time, actor: e.actor, action: e.action })),
  };
}

/** The store's query for the API's (or the dashboard's) validated query string. */
export function findingQueryOf(q: Omit<ListQuery, 'limit'> & { limit?: number }): FindingQuery {
  return {
    ...(q.kind ? { kinds: q.kind } : {}),
    ...(q.severity ? { severities: q.severity } : {}),
    ...(q.environment ? { environments: q.environment } : {}),
    ...(q.type ? { types: q.type } : {}),
    status: q.status,
    ...(q.q !== undefined ? { text: q.q } : {}),
    sort: q.sort,
    limit: q.limit ?? 100,
    ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
  };
}
