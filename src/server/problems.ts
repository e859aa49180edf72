/**
 * Every error the server answers is an RFC 9457 problem document (application/problem+json):
 * `type`, `title`, `status`, `detail`, plus `code` (Driftwarden's error code), `nextStep` and, for
 * bad input, `errors` (each with the JSON pointer of what was wrong). Invariant: no stack trace, no
 * file path of the server and no message of an unexpected error ever reaches a client; those are
 * logged, and the client gets a 500 naming the request id to quote.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDriftwardenError, type ErrorCode } from '../model/errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types are URNs: they name the kind of problem, they are not web pages. */
const typeUri = (slug: string) => `urn:driftwarden:problem:${slug}`;

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly code?: string;
  readonly nextStep?: string;
  readonly errors?: ReadonlyArray<{ readonly pointer: string; readonly detail: string }>;
  readonly [extension: string]: unknown;
}

/** An error a handler throws to answer with a problem (404, 409, ...). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }
}

export const notFound = (what: string) => new HttpProblem(404, 'not-found', 'Not found', `there is no ${what}`);

const STATUS_OF_CODE: Partial<Record<ErrorCode, number>> = {
  usage: 400,
  'input.invalid': 400,
  'input.parse': 400,
  'config.invalid': 400,
  'input.missing-file': 404,
  'store.lease-held': 409,
  'store.unavailable': 503,
  'backend.unreachable': 502,
  'aws.endpoint': 502,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
};

/** The JSON pointer of an ajv error, in the request part it concerns (`/query/limit`, `/body/ttl`). */
function pointerOf(error: { instancePath?: string; params?: Record<string, unknown> }, part: string): string {
  const extra =
    typeof error.params?.['additionalProperty'] === 'string'
      ? `/${error.params['additionalProperty']}`
      : typeof error.params?.['missingProperty'] === 'string'
        ? `/${error.params['missingProperty']}`
        : '';
  return `/${part}${error.instancePath ?? ''}${extra}`;
}

export function problemOf(
  err: unknown,
  request: FastifyRequest,
): ProblemDocument & { headers?: Record<string, string> } {
  const instance = request.url.split('?')[0];
  if (err instanceof HttpProblem) {
    return {
      type: typeUri(err.slug),
      title: err.title,
      status: err.status,
      ...(err.detail !== undefined ? { detail: err.detail } : {}),
      instance,
      ...err.extensions,
      headers: err.headers,
    };
  }
  if (isDriftwardenError(err)) {
    const status = STATUS_OF_CODE[err.code] ?? 500;
    if (status >= 500 && status !== 502 && status !== 503) return internal(request);
    return {
      type: typeUri(err.code.replace('.', '-')),
      title: TITLES[status] ?? 'Error',
      status,
      detail: err.message,
      instance,
      code: err.code,
      ...(err.details.key !== undefined ? { errors: [{ pointer: `/${err.details.key}`, detail: err.message }] } : {}),
      ...(err.details.nextStep !== undefined ? { nextStep: err.details.nextStep } : {}),
    };
  }
  const fe = err as FastifyError;
  if (Array.isArray(fe.validation)) {
    const part = fe.validationContext ?? 'request';
    return {
      type: typeUri('invalid-request'),
      title: 'Bad request',
      status: 400,
      detail: `the request's ${part} does not match the API (see /openapi.json)`,
      instance,
      errors: fe.validation.map((v) => ({
        pointer: pointerOf(v as { instancePath?: string; params?: Record<string, unknown> }, part),
        detail: v.message ?? 'invalid',
      })),
    };
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    // Fastify's own 4xx errors (body too large, bad JSON, unsupported media type) say what was wrong.
    return {
      type: typeUri(
        fe.code
          ? fe.code
              .toLowerCase()
              .replace(/^fst_err_/, '')
              .replace(/_/g, '-')
          : 'bad-request',
      ),
      title: TITLES[status] ?? 'Bad request',
      status,
      detail: fe.message,
      instance,
    };
  }
  return internal(request);
}

function internal(request: FastifyRequest): ProblemDocument {
  return {
    type: typeUri('internal'),
    title: 'Internal server error',
    status: 500,
    detail: `the server failed on this request; the server log has it under request id ${request.id}`,
    instance: request.url.split('?')[0],
    requestId: request.id,
  };
}

export function sendProblem(reply: FastifyReply, problem: ProblemDocument & { headers?: Record<string, string> }) {
  const { headers, ...body } = problem;
  for (const [name, value] of Object.entries(headers ?? {})) void reply.header(name, value);
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** Error and not-found handlers: every failure becomes a problem document. */
export function registerProblems(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const problem = problemOf(err, request);
    if (problem.status >= 500) request.log.error({ err }, 'request failed');
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: typeUri('not-found'),
      title: 'Not found',
      status: 404,
      detail: `no route ${request.method} ${request.url.split('?')[0]}`,
      instance: request.url.split('?')[0],
    }),
  );
}

/** The problem document schema, shared by every route's error responses in the OpenAPI document. */
export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string' },
    nextStep: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { pointer: { type: 'string' }, detail: { type: 'string' } },
      },
    },
  },
  additionalProperties: true,
} as const;
