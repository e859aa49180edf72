/**
 * Pinned AMI ids and container image tags found in argument values. Read statically:
 *   - any literal string that is exactly an AMI id (`ami-` and 8 or 17 hex digits), at any path;
 *   - literal strings under an image argument (`image`, `image_uri`, `container_image`);
 *   - JSON documents given as literal strings (heredoc `container_definitions`), walked the same way;
 *   - `image = "repo:tag"` / `"image": "repo:tag"` literals inside a `jsonencode(...)` or
 *     `yamlencode(...)` expression, matched in the expression text (the parser gives expressions
 *     back as text, not as a tree).
 * Not handled, reported as an `expression` note instead: values computed from variables, locals,
 * data sources, `templatefile()`, `file()` or string interpolation; Terraform alone knows those.
 */

export interface PinnedLiteral {
  readonly category: 'ami' | 'image';
  /** Argument path inside the block: `ami`, `container_definitions[0].image`, `container_definitions#1`. */
  readonly path: string;
  /** The AMI id, the image tag, or `@sha256:...`; undefined when the image has no tag. */
  readonly value?: string;
  /** Image repository (without tag or digest). */
  readonly source?: string;
  readonly unpinned: boolean;
  readonly note?: string;
}

export interface LiteralScan {
  readonly literals: PinnedLiteral[];
  /** Paths of AMI or image arguments whose value is an expression. */
  readonly expressions: string[];
}

const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const IMAGE_KEY = /^(?:image|image_uri|container_image)$/i;
const AMI_KEY = /^(?:ami|ami_id|image_id)$/i;
const ENCODED_IMAGE_KEY = /(?:\bimage|"image")\s*[=:]\s*/g;
const QUOTED_LITERAL = /^"([^"$\\]+)"/;

export function emptyScan(): LiteralScan {
  return { literals: [], expressions: [] };
}

export function scanLiterals(value: unknown, path: string, out: LiteralScan): void {
  if (typeof value === 'string') {
    scanString(value, path, out);
  } else if (Array.isArray(value)) {
    value.forEach((element, index) => scanLiterals(element, `${path}[${index}]`, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, element] of Object.entries(value as Record<string, unknown>)) {
      scanLiterals(element, path === '' ? key : `${path}.${key}`, out);
    }
  }
}

function lastSegment(path: string): string {
  return (
    path
      .replace(/\[\d+\]$/, '')
      .split('.')
      .pop() ?? ''
  );
}

function scanString(text: string, path: string, out: LiteralScan): void {
  const key = lastSegment(path);
  if (text.includes('${')) {
    const encoded = /\$\{\s*(?:jsonencode|yamlencode)\(/.test(text);
    if (encoded) {
      // Each `image =` in the expression: a quoted literal is read, anything else is computed.
      const values = [...text.matchAll(ENCODED_IMAGE_KEY)].map(
        (match) => QUOTED_LITERAL.exec(text.slice((match.index ?? 0) + match[0].length))?.[1],
      );
      values.forEach((image, index) => {
        const at = values.length === 1 ? path : `${path}#${index}`;
        if (image === undefined) out.expressions.push(at);
        else out.literals.push(imageLiteral(image, at));
      });
    } else if (IMAGE_KEY.test(key) || AMI_KEY.test(key)) {
      out.expressions.push(path);
    }
    return;
  }
  if (AMI_ID.test(text)) {
    out.literals.push({ category: 'ami', path, value: text, unpinned: false });
  } else if (IMAGE_KEY.test(key)) {
    out.literals.push(imageLiteral(text, path));
  } else if (/^\s*[[{]/.test(text)) {
    const document = parseJson(text);
    if (document !== undefined) scanLiterals(document, path, out);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `repo[:tag][@digest]`: the tag is after the last `:` that follows the last `/` (a registry may have a port). */
export function parseImageReference(reference: string): { repository: string; tag?: string; digest?: string } {
  const at = reference.indexOf('@');
  const digest = at >= 0 ? reference.slice(at + 1) : undefined;
  const name = at >= 0 ? reference.slice(0, at) : reference;
  const colon = name.lastIndexOf(':');
  const hasTag = colon > name.lastIndexOf('/');
  const repository = hasTag ? name.slice(0, colon) : name;
  const tag = hasTag ? name.slice(colon + 1) : undefined;
  return { repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

function imageLiteral(reference: string, path: string): PinnedLiteral {
  const { repository, tag, digest } = parseImageReference(reference.trim());
  if (digest) return { category: 'image', path, value: `@${digest}`, source: repository, unpinned: false };
  if (tag === undefined)
    return { category: 'image', path, source: repository, unpinned: true, note: 'no tag (means latest)' };
  if (tag === 'latest')
    return { category: 'image', path, value: tag, source: repository, unpinned: true, note: ':latest moves' };
  return { category: 'image', path, value: tag, source: repository, unpinned: false };
}
