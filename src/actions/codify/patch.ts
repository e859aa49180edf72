/**
 * Configuration drift into code: for each changed attribute, replace the literal in the resource's
 * `.tf` source with the observed value. Only literals are rewritten (a string, number, bool, a
 * simple list or map, one entry of a `tags = { ... }` map); a value that comes from a variable, a
 * local or any expression is reported with the expression named, because only the person who owns
 * that input can decide where the new value belongs. Secrets are never written.
 *
 * An edit is a text splice at positions the HCL parser gives (every attribute, block and object
 * entry), never a re-print of the file: comments and layout elsewhere stay exactly as the user
 * wrote them.
 */
import { configAddressOf, stripStateLabel } from '../../model/address.js';
import { SENSITIVE, type AttributeChange, type Finding } from '../../model/finding.js';
import { isSecretName } from '../../engine/redact.js';
import type { HclAttribute, HclBlock } from '../../sources/terraform/hcl-parser.js';
import { lineEnd, lineNumberOf, lineStartOf, realignAround } from './hcl-layout.js';
import { isRenderable, parseLiteral, renderKey, renderLiteral } from './hcl-literal.js';
import { entryOf } from '../../observers/catalogue.js';
import type { ChangeOutcome, SkipReason } from './types.js';
import { locateResource, resolveModuleDir, splitConfigAddress, type Workspace } from './workspace.js';

/** `tags["Cost Center"]` -> ['tags', 'Cost Center']; `a[0].b` -> ['a', 0, 'b']. */
export function parseChangePath(path: string): ReadonlyArray<string | number> | undefined {
  const segments: Array<string | number> = [];
  const token = /(?:^|\.)([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let i = 0;
  while (i < path.length) {
    token.lastIndex = i;
    const match = token.exec(path);
    if (!match) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3] ?? '""') as string);
    i = token.lastIndex;
  }
  return segments;
}

function skip(path: string, reason: SkipReason, detail: string, where?: { file: string; line: number }): ChangeOutcome {
  return { status: 'skipped', path, reason, detail, ...(where ?? {}) };
}

/** Patches every change of one configuration or policy finding; each change has its own outcome. */
export async function patchFinding(ws: Workspace, finding: Finding): Promise<ChangeOutcome[]> {
  const unlabelled = stripStateLabel(finding.resource.address);
  const all = (reason: SkipReason, detail: string): ChangeOutcome[] =>
    finding.changes.map((c) => skip(c.path, reason, detail));
  if (unlabelled.includes('[')) {
    return all(
      'instance-key',
      `${unlabelled} is one instance of a count/for_each: its literal is shared by every instance; change it by hand if all of them should follow`,
    );
  }
  const parts = splitConfigAddress(configAddressOf(finding.resource.address));
  if (!parts) return all('unsupported-type', `${unlabelled} is not a managed resource address`);
  const module = await resolveModuleDir(ws, parts.modules);
  if (!module.ok) return all(module.why, module.detail);
  const outcomes: ChangeOutcome[] = [];
  for (const change of finding.changes) {
    const located = await locateResource(ws, module.dir, parts.type, parts.name);
    if (!located) {
      outcomes.push(
        skip(
          change.path,
          'not-in-code',
          `resource "${parts.type}" "${parts.name}" is not in ${ws.display(module.dir) || '.'}`,
        ),
      );
      continue;
    }
    const context: PatchContext = {
      ws,
      file: located.file,
      text: located.text,
      type: parts.type,
      inModule: module.callers.at(-1),
    };
    outcomes.push(patchChange(context, located.block, change));
  }
  return outcomes;
}

/** An attribute, or an entry of an object constructor, where an edit can land. */
interface AttributeSpan {
  readonly name: string;
  /** Start of the line holding the name. */
  readonly lineStart: number;
  readonly nameStart: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly attribute?: HclAttribute;
}

function attributeSpan(text: string, attribute: HclAttribute): AttributeSpan {
  const { name, start, valueStart, valueEnd } = attribute;
  return { name, lineStart: lineStartOf(text, start), nameStart: start, valueStart, valueEnd, attribute };
}

interface PatchContext {
  readonly ws: Workspace;
  readonly file: string;
  readonly text: string;
  readonly type: string;
  /** The module call that passes variables in, when the resource is inside a local module. */
  readonly inModule: { file: string; name: string } | undefined;
}

function isSensitiveChange(change: AttributeChange, segments: ReadonlyArray<string | number>): boolean {
  return (
    change.sensitive ||
    change.observed === SENSITIVE ||
    change.recorded === SENSITIVE ||
    segments.some((s) => typeof s === 'string' && isSecretName(s) && segments[0] !== 'tags')
  );
}

function patchChange(ctx: PatchContext, block: HclBlock, change: AttributeChange): ChangeOutcome {
  const segments = parseChangePath(change.path);
  if (segments && isSensitiveChange(change, segments)) {
    return skip(
      change.path,
      'sensitive',
      'a secret value: never written to code; keep it in a secret store or a sensitive variable',
    );
  }
  if (!segments || segments.length === 0)
    return skip(change.path, 'unsupported-value', `the path ${change.path} cannot be read`);
  if (change.added || change.removed) {
    return skip(change.path, 'unsupported-value', `${change.path} is a set of blocks: edit its elements by hand`);
  }
  const attribute = segments[0] as string;
  const found = block.items.find((a): a is HclAttribute => a.kind === 'attribute' && a.name === attribute);
  const span = found && attributeSpan(ctx.text, found);
  if (segments.length === 1) return patchAttribute(ctx, block, span, change, attribute);
  if (attribute === 'tags' && segments.length === 2 && typeof segments[1] === 'string')
    return patchTag(ctx, block, span, change, segments[1]);
  return skip(
    change.path,
    'unsupported-value',
    `${change.path} is inside a nested block or structure: edit it by hand`,
  );
}

function patchAttribute(
  ctx: PatchContext,
  block: { close: number },
  span: AttributeSpan | undefined,
  change: AttributeChange,
  attribute: string,
): ChangeOutcome {
  const observed = change.observed;
  if (!span) {
    if (observed === undefined || observed === null)
      return skip(change.path, 'already-codified', `${attribute} is not set in the code`);
    if (!writableArguments(ctx.type).has(attribute) || !isRenderable(observed)) {
      return skip(
        change.path,
        'not-in-code',
        `${attribute} is not set in the code (provider default or computed); set it by hand if it belongs there`,
        where(ctx, block.close),
      );
    }
    return insertBeforeClose(
      ctx,
      block.close,
      (indent) => `${attribute} = ${renderLiteral(observed, indent)}`,
      change.path,
    );
  }
  const literal = checkLiteral(ctx, span, change);
  if ('status' in literal) return literal;
  if (observed === undefined || observed === null) {
    return skip(
      change.path,
      'unsupported-value',
      `${attribute} was removed outside Terraform: remove the argument by hand if that is intended`,
      where(ctx, span.nameStart),
    );
  }
  if (!isRenderable(observed))
    return skip(
      change.path,
      'unsupported-value',
      `the observed value of ${attribute} is not a plain literal`,
      where(ctx, span.nameStart),
    );
  const indent = ctx.text.slice(span.lineStart, span.nameStart);
  return splice(
    ctx,
    span.valueStart,
    span.valueEnd,
    renderLiteral(observed, indent),
    `${attribute} = `,
    change.path,
    span.nameStart,
  );
}

function patchTag(
  ctx: PatchContext,
  block: { close: number },
  span: AttributeSpan | undefined,
  change: AttributeChange,
  key: string,
): ChangeOutcome {
  const observed = change.observed;
  if (!span) {
    if (observed === undefined || change.recorded !== undefined) {
      return skip(
        change.path,
        'not-in-code',
        `tag ${key} is not in the resource's tags (set by the provider's default_tags?): change it where it is set`,
        where(ctx, block.close),
      );
    }
    return insertBeforeClose(
      ctx,
      block.close,
      (indent) => `tags = ${renderLiteral({ [key]: observed }, indent)}`,
      change.path,
    );
  }
  const raw = ctx.text.slice(span.valueStart, span.valueEnd);
  if (!raw.startsWith('{')) return expressionSkip(ctx, span, change.path, raw);
  const entry = span.attribute?.entries?.find((e) => e.key === key);
  if (!entry) {
    if (observed === undefined) return skip(change.path, 'already-codified', `tag ${key} is not in the code`);
    if (change.recorded !== undefined) {
      return skip(
        change.path,
        'not-in-code',
        `tag ${key} is not in this tags map (set by the provider's default_tags or a merge?): change it where it is set`,
        where(ctx, span.nameStart),
      );
    }
    if (!isRenderable(observed))
      return skip(change.path, 'unsupported-value', `the observed value of tag ${key} is not a plain literal`);
    const multiLine = ctx.text.slice(span.valueStart, span.valueEnd).includes('\n');
    if (!multiLine) {
      const current = parseLiteral(raw);
      if (!current.ok) return expressionSkip(ctx, span, change.path, raw);
      const indent = ctx.text.slice(span.lineStart, span.nameStart);
      const merged = { ...(current.value as Record<string, unknown>), [key]: observed };
      return splice(
        ctx,
        span.valueStart,
        span.valueEnd,
        renderLiteral(merged, indent),
        `tags.${key}: `,
        change.path,
        span.nameStart,
        renderLiteral(observed, ''),
      );
    }
    const closeLine = lineStartOf(ctx.text, span.valueEnd - 1);
    const indent = `${ctx.text.slice(span.lineStart, span.nameStart)}  `;
    const line = `${indent}${renderKey(key)} = ${renderLiteral(observed, indent)}\n`;
    return applyEdit(
      ctx,
      closeLine,
      closeLine,
      line,
      closeLine,
      `tags.${renderKey(key)} = ${renderLiteral(observed, '')}`,
      change.path,
    );
  }
  const entryLineStart = lineStartOf(ctx.text, entry.keyStart);
  const entrySpan: AttributeSpan = {
    name: key,
    lineStart: entryLineStart,
    nameStart: entry.keyStart,
    valueStart: entry.valueStart,
    valueEnd: entry.valueEnd,
  };
  const literal = checkLiteral(ctx, entrySpan, change);
  if ('status' in literal) return literal;
  if (observed === undefined || observed === null) {
    const ownLine =
      ctx.text.slice(entryLineStart, entry.keyStart).trim() === '' &&
      /^[ \t,\r]*$/.test(ctx.text.slice(entry.valueEnd, lineEnd(ctx.text, entry.valueEnd)));
    if (!ownLine)
      return skip(
        change.path,
        'unsupported-value',
        `tag ${key} was removed outside Terraform: remove it from the tags by hand`,
        where(ctx, entry.keyStart),
      );
    const end = ctx.text.indexOf('\n', entry.valueEnd) + 1;
    return applyEdit(
      ctx,
      entryLineStart,
      end,
      '',
      entryLineStart,
      `tags.${renderKey(key)} removed`,
      change.path,
      Math.max(0, entryLineStart - 1),
    );
  }
  if (!isRenderable(observed))
    return skip(change.path, 'unsupported-value', `the observed value of tag ${key} is not a plain literal`);
  return splice(
    ctx,
    entry.valueStart,
    entry.valueEnd,
    renderLiteral(observed, ''),
    `tags.${renderKey(key)} = `,
    change.path,
    entry.keyStart,
  );
}

/** The value at `span` as a literal that still holds the recorded value, or the reason not to touch it. */
function checkLiteral(
  ctx: PatchContext,
  span: AttributeSpan,
  change: AttributeChange,
): { value: unknown } | ChangeOutcome {
  const raw = ctx.text.slice(span.valueStart, span.valueEnd);
  if (raw.startsWith('<<'))
    return skip(
      change.path,
      'unsupported-value',
      `${span.name} is a heredoc: edit it by hand`,
      where(ctx, span.nameStart),
    );
  const parsed = parseLiteral(raw);
  if (!parsed.ok) return expressionSkip(ctx, span, change.path, raw);
  if (looselyEqual(parsed.value, change.observed))
    return skip(change.path, 'already-codified', `the code already says ${oneLine(raw)}`, where(ctx, span.nameStart));
  if (change.recorded !== undefined && !looselyEqual(parsed.value, change.recorded)) {
    return skip(
      change.path,
      'code-differs',
      `the code says ${oneLine(raw)}, which is neither the recorded nor the observed value: an un-applied change; apply or resolve it first`,
      where(ctx, span.nameStart),
    );
  }
  return { value: parsed.value };
}

/** Names the expression and says where its value can be changed instead. */
function expressionSkip(ctx: PatchContext, span: AttributeSpan, path: string, raw: string): ChangeOutcome {
  const expression = oneLine(raw);
  const variable = /^var\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(expression)?.[1];
  const local = /^local\.([A-Za-z_][A-Za-z0-9_-]*)$/.test(expression);
  let next: string;
  if (variable && ctx.inModule)
    next = `change the variable's value: the "${variable}" argument of module "${ctx.inModule.name}" in ${ctx.ws.display(ctx.inModule.file)}`;
  else if (variable) next = "change the variable's value (terraform.tfvars or the caller)";
  else if (local) next = 'change the local value where it is defined';
  else next = 'change its inputs';
  return skip(path, 'expression', `comes from ${expression}: ${next}`, where(ctx, span.nameStart));
}

function oneLine(raw: string): string {
  const flat = raw.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

function where(ctx: PatchContext, offset: number): { file: string; line: number } {
  return { file: ctx.ws.display(ctx.file), line: lineNumberOf(ctx.text, offset) };
}

function splice(
  ctx: PatchContext,
  start: number,
  end: number,
  replacement: string,
  label: string,
  path: string,
  at: number,
  shown = replacement,
): ChangeOutcome {
  return applyEdit(ctx, start, end, replacement, at, `${label}${shown.includes('\n') ? oneLine(shown) : shown}`, path);
}

/** Adds an argument as the last line of the block (`render` gets the argument's indentation). */
function insertBeforeClose(
  ctx: PatchContext,
  close: number,
  render: (indent: string) => string,
  path: string,
): ChangeOutcome {
  const closeLine = lineStartOf(ctx.text, close);
  const indent = `${ctx.text.slice(closeLine, close)}  `;
  const line = render(indent);
  return applyEdit(ctx, closeLine, closeLine, `${indent}${line}\n`, closeLine, oneLine(line), path);
}

/** Replaces [start, end) and keeps the neighbouring `=` aligned as `terraform fmt` would. */
function applyEdit(
  ctx: PatchContext,
  start: number,
  end: number,
  replacement: string,
  at: number,
  written: string,
  path: string,
  realignAt = at,
): ChangeOutcome {
  let text = ctx.text.slice(0, start) + replacement + ctx.text.slice(end);
  text = realignAround(text, realignAt);
  if (realignAt !== at) text = realignAround(text, at);
  ctx.ws.write(ctx.file, text);
  return { status: 'codified', path, file: ctx.ws.display(ctx.file), line: lineNumberOf(text, at), written };
}

/** Equal as Terraform would see it: numbers and their strings alike, lists in any order (sets). */
function looselyEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (
    (typeof left === 'number' || typeof left === 'string') &&
    (typeof right === 'number' || typeof right === 'string')
  )
    return String(left) === String(right);
  if (Array.isArray(left) && Array.isArray(right)) {
    if (left.length !== right.length) return false;
    const sortedRight = right.map((v) => JSON.stringify(v)).sort();
    return left
      .map((v) => JSON.stringify(v))
      .sort()
      .every((v, n) => v === sortedRight[n]);
  }
  if (
    left &&
    right &&
    typeof left === 'object' &&
    typeof right === 'object' &&
    !Array.isArray(left) &&
    !Array.isArray(right)
  ) {
    const l = left as Record<string, unknown>;
    const r = right as Record<string, unknown>;
    const keys = new Set([...Object.keys(l), ...Object.keys(r)]);
    return [...keys].every((k) => looselyEqual(l[k], r[k]));
  }
  return false;
}

/** The argument names of a type that may be written into a resource block (its entry's `codify`). */
function writableArguments(type: string): ReadonlySet<string> {
  return new Set(
    entryOf(type)
      ?.codify?.arguments.filter((a) => !a.block)
      .map((a) => a.name) ?? [],
  );
}
