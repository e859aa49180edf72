/**
 * XML for the vim25 SOAP client: request bodies are built from typed values with every text and
 * attribute escaped; responses are parsed by fast-xml-parser into a small element tree.
 *
 * Invariants:
 *   - text and attribute values are always escaped (a VM name like `a<b&c` cannot break a request);
 *   - the xsi type of an element (`xsi:type`, or any `prefix:type`, since vcsim writes
 *     `XMLSchema-instance:type`) is kept apart from a managed-object reference's own `type`
 *     attribute: `<val xsi:type="ManagedObjectReference" type="Folder">group-3</val>`.
 */
import { createRequire } from 'node:module';
import type * as FastXmlParser from 'fast-xml-parser';
import type { XMLParser } from 'fast-xml-parser';

/** One parsed element: its local name, its xsi type, its attributes, its text and its children. */
export interface XmlElement {
  readonly name: string;
  /** The xsi:type, without a namespace prefix (`VirtualDisk`, `int` for `xsd:int`). */
  readonly xsiType?: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Concatenated text directly inside the element ('' when none). */
  readonly text: string;
  readonly children: ReadonlyArray<XmlElement>;
}

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A request value: text, a number or boolean, nested elements, or a managed-object reference. */
export type XmlValue = string | number | boolean | XmlFragment | MoRef | ReadonlyArray<XmlFragment>;

/** Already-serialized, escaped XML (built only by the helpers below). */
export class XmlFragment {
  constructor(readonly xml: string) {}
}

/** A managed-object reference: `{type: 'VirtualMachine', value: 'vm-42'}`. */
export interface MoRef {
  readonly type: string;
  readonly value: string;
}

export function isMoRef(value: unknown): value is MoRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof XmlFragment) &&
    'type' in value &&
    'value' in value &&
    !Array.isArray(value)
  );
}

/** `<name>value</name>`; an array value repeats the element; `undefined` leaves it out. */
export function el(name: string, value: XmlValue | undefined, xsiType?: string): XmlFragment {
  if (value === undefined) return new XmlFragment('');
  const typeAttr = xsiType ? ` xsi:type="${escapeXml(xsiType)}"` : '';
  if (Array.isArray(value))
    return new XmlFragment(`<${name}${typeAttr}>${(value as XmlFragment[]).map((v) => v.xml).join('')}</${name}>`);
  if (value instanceof XmlFragment) return new XmlFragment(`<${name}${typeAttr}>${value.xml}</${name}>`);
  if (isMoRef(value))
    return new XmlFragment(`<${name}${typeAttr} type="${escapeXml(value.type)}">${escapeXml(value.value)}</${name}>`);
  return new XmlFragment(`<${name}${typeAttr}>${escapeXml(String(value))}</${name}>`);
}

/** Several fragments in order (elements of one parent). */
export function seq(...parts: ReadonlyArray<XmlFragment | undefined>): XmlFragment {
  return new XmlFragment(parts.map((p) => p?.xml ?? '').join(''));
}

/** The same element once per value. */
export function each(name: string, values: ReadonlyArray<XmlValue>): XmlFragment {
  return seq(...values.map((v) => el(name, v)));
}

// The parser is loaded on the first response, not with the catalogue entries that use the element
// helpers below: a scan that observes no vSphere never pays for it (about 50 ms of start-up).
const requireModule = createRequire(import.meta.url);
let parser: XMLParser | undefined;
const xmlParser = (): XMLParser =>
  (parser ??= new (requireModule('fast-xml-parser') as typeof FastXmlParser).XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
  }));

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function toElement(node: Ordered): XmlElement | undefined {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (name === undefined || name === '#text' || name.startsWith('?')) return undefined;
  const rawAttributes = node[':@'] ?? {};
  const attributes: Record<string, string> = {};
  let xsiType: string | undefined;
  for (const [key, value] of Object.entries(rawAttributes)) {
    if (key.startsWith('xmlns')) continue;
    if (key.includes(':') && localName(key) === 'type') xsiType = localName(String(value));
    else attributes[localName(key)] = String(value);
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[name] as Ordered[]) ?? []) {
    if ('#text' in child) text += String(child['#text']);
    else {
      const element = toElement(child);
      if (element) children.push(element);
    }
  }
  return { name: localName(name), ...(xsiType !== undefined ? { xsiType } : {}), attributes, text, children };
}

/** Parses a document into its root element; throws on text that is not XML. */
export function parseXml(text: string): XmlElement {
  const nodes = xmlParser().parse(text) as Ordered[];
  for (const node of nodes) {
    const element = toElement(node);
    if (element) return element;
  }
  throw new Error('no root element');
}

/** The first child with this local name. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** Every child with this local name. */
export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/** The text of a child (trimmed), or undefined when absent. */
export function textOf(element: XmlElement | undefined, name: string): string | undefined {
  const c = child(element, name);
  return c === undefined ? undefined : c.text.trim();
}

export function numberOf(element: XmlElement | undefined, name: string): number | undefined {
  const t = textOf(element, name);
  if (t === undefined || t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

export function boolOf(element: XmlElement | undefined, name: string): boolean | undefined {
  const t = textOf(element, name);
  return t === undefined ? undefined : t === 'true';
}

/** A managed-object reference element (`<obj type="VirtualMachine">vm-42</obj>`). */
export function moRefOf(element: XmlElement | undefined): MoRef | undefined {
  if (!element) return undefined;
  const type = element.attributes['type'];
  return type === undefined ? undefined : { type, value: element.text.trim() };
}
