/**
 * Request validation (ajv). Query strings and path parameters arrive as text, so they are coerced
 * (`limit=5` is a number, a single `kind=policy` is an array of one); bodies are JSON and are not:
 * `"environments": "prod"` is a 400, not a list of one. Nothing is removed or guessed: an unknown
 * property is a 400 naming it.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function ajvFor(coerceTypes: false | 'array'): Ajv {
  return addFormats(
    new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: false }),
  );
}

export function validatorCompiler(): FastifySchemaCompiler<unknown> {
  const text = ajvFor('array');
  const json = ajvFor(false);
  return ({ schema, httpPart }) =>
    (httpPart === 'body' ? json : text).compile(schema as object) as ValidateFunction & ((data: unknown) => boolean);
}
