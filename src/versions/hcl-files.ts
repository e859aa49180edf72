/**
 * Parsing for the version analysis, with the same parser and the same syntax-error shape as the
 * recorded-side reader (src/sources/terraform/hcl.ts). A syntax error is returned as a value, not
 * thrown: one broken file must not stop the comparison of the other environments.
 */
import { isDriftwardenError, type DriftwardenError } from '../model/errors.js';
import { hclSyntaxError, loadHclParser, readTerraformFile, refuseForbiddenKeys } from '../sources/terraform/hcl.js';

export type ParsedFile =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly error: DriftwardenError };

export async function parseHclFile(file: string): Promise<ParsedFile> {
  const parse = await loadHclParser();
  let content: string;
  try {
    content = await readTerraformFile(file);
  } catch (err) {
    if (isDriftwardenError(err)) return { ok: false, error: err };
    throw err;
  }
  try {
    const body = await parse(file, content);
    refuseForbiddenKeys(body, file);
    return { ok: true, body };
  } catch (err) {
    if (isDriftwardenError(err)) return { ok: false, error: err };
    return { ok: false, error: hclSyntaxError(file, err) };
  }
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** A literal string; `${...}` marks an expression Terraform evaluates later, unknown here. */
export function literalString(value: unknown): string | undefined {
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}
