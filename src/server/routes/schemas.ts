/** JSON schema pieces the route modules share. */
import { DRIFT_KINDS, SEVERITIES } from '../../model/finding.js';

/** Error responses every route may give (the problem schema is registered by app.ts). */
export const problemResponses = {
  '4xx': { $ref: 'Problem#' },
  '5xx': { $ref: 'Problem#' },
} as const;

export const idParams = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['id'],
  additionalProperties: false,
} as const;

export const environmentName = { type: 'string', pattern: '^[A-Za-z0-9_-]+$', maxLength: 100 } as const;
export const kindEnum = { type: 'string', enum: DRIFT_KINDS } as const;
export const severityEnum = { type: 'string', enum: SEVERITIES } as const;

/** A free-form JSON object in a response (findings, reports): serialized as is. */
export const anyObject = { type: 'object', additionalProperties: true } as const;
