/**
 * Pure helpers for IAM policy documents, shared by the IAM repository and the IAM catalogue entries.
 * Apart from iam.ts so that the catalogue can be loaded without the IAM SDK package.
 */

/**
 * IAM returns policy documents URL-encoded. JSON text always starts with `{` (after whitespace),
 * an encoded document with `%7B`: decode only then, so a document that is already plain JSON and
 * contains a literal `%` is left untouched.
 */
export function decodePolicyDocument(document: string | undefined): string | undefined {
  if (document === undefined) return undefined;
  if (document.trimStart().startsWith('{')) return document;
  try {
    return decodeURIComponent(document);
  } catch {
    return document;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * JSON text compacted with keys sorted: the shape the provider stores for policy documents nested
 * in blocks (aws_iam_role.inline_policy[].policy, through structure.NormalizeJsonString), where
 * the engine's top-level JSON canonicalizer does not reach. Text that is not JSON is returned as is.
 */
export function normalizeJsonText(text: string | undefined): string {
  if (text === undefined) return '';
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)));
  } catch {
    return text;
  }
}
