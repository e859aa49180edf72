/**
 * Server-side rendering of the dashboard with Eta (a maintained template engine; every `<%= %>`
 * is HTML-escaped). Templates are TypeScript strings loaded once under `@names`, so the build needs
 * no asset copying. Each page gets the principal, the session's CSRF token (for its forms) and a
 * few formatting helpers.
 */
import { Eta } from 'eta';
import { escapeHtml } from '../../report/scan/html-assets.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import { ERROR_PAGE, LAYOUT, SIGN_IN_PAGE } from './layout.js';
import { APPROVALS, AUDIT, BREAKGLASS, SESSION } from './views-ops.js';
import { FINDING, FINDINGS, JOB, OVERVIEW } from './views-findings.js';
import { GRAPH } from './views-graph.js';

// Every `<%= %>` value: unsafe characters (bidi overrides that would reorder an address in the
// browser, control characters) shown as visible escapes first, then HTML-escaped.
const eta = new Eta({
  autoEscape: true,
  autoTrim: [false, 'nl'],
  cache: true,
  escapeFunction: (value: unknown) => escapeHtml(String(value)),
});
const TEMPLATES: Record<string, string> = {
  '@layout': LAYOUT,
  '@error': ERROR_PAGE,
  '@sign-in': SIGN_IN_PAGE,
  '@overview': OVERVIEW,
  '@findings': FINDINGS,
  '@finding': FINDING,
  '@job': JOB,
  '@approvals': APPROVALS,
  '@breakglass': BREAKGLASS,
  '@session': SESSION,
  '@audit': AUDIT,
  '@graph': GRAPH,
};
for (const [name, source] of Object.entries(TEMPLATES)) eta.loadTemplate(name, source);

export type PageName = keyof typeof TEMPLATES;

/** `2026-03-01 10:00 UTC`: one time zone for everyone reading an incident together. */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** What is left until `iso`, from `now`: `1h 59m`, `4m`, or `expired`. */
export function remainingTime(iso: string, now: Date): string {
  const ms = Date.parse(iso) - now.getTime();
  if (ms <= 0) return 'expired';
  const minutes = Math.ceil(ms / 60_000);
  const h = Math.floor(minutes / 60);
  return h > 0 ? `${h}h ${minutes % 60}m` : `${minutes}m`;
}

/** A JSON value shown in a cell, cut at 2,000 characters (the API has the whole value). */
function shortJson(value: unknown): string {
  const text = value === undefined ? '(absent)' : JSON.stringify(value, null, 1);
  return text.length > 2000 ? `${text.slice(0, 2000)}… (cut; the API has the whole value)` : text;
}

export function renderPage(
  reply: FastifyReply,
  request: FastifyRequest,
  page: PageName,
  data: Record<string, unknown>,
  now: Date,
  status = 200,
): FastifyReply {
  const principal: Principal | undefined = request.principal;
  const html = eta.render(page, {
    principal,
    csrf: principal?.csrfToken ?? '',
    canOperate: principal !== undefined && principal.role !== 'viewer',
    time: formatTime,
    remaining: (iso: string) => remainingTime(iso, now),
    json: shortJson,
    ...data,
  });
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .header(
      'Content-Security-Policy',
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self' ; frame-ancestors 'none'",
    )
    .header('X-Content-Type-Options', 'nosniff')
    .send(html);
}
