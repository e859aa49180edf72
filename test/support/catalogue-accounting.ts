/**
 * Observation accounting for catalogue entries, against the Terraform AWS provider's own schema
 * (test/fixtures/provider-schema/aws-5.100.0.json, written by scripts/provider-schema.mjs): every
 * top-level attribute of the provider's type is observed (present in the mapped items of the entry's
 * fixtures), or declared uncompared with a reason (`computed`, `unread`), and every observed name
 * exists in the provider's schema. Each entry's test calls `assertAccounted` on its fixtures;
 * catalogue/index.test.ts fails for an entry test that does not.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ObservedItemBase } from '../../src/model/catalogue.js';
import type { TypeSemantics } from '../../src/model/semantics.js';
import { ownFixture } from './paths.js';

/** Terraform bookkeeping, never an attribute of the resource (engine/diff.ts NOT_COMPARED), and tags_all (compared as tags). */
const BOOKKEEPING = new Set(['id', 'timeouts', 'tags_all']);

let schema: Record<string, Record<string, string>> | undefined;

/** The provider's top-level attribute and block names of a type, with their schema flags. */
export function providerAttributes(type: string): Readonly<Record<string, string>> | undefined {
  schema ??= JSON.parse(readFileSync(ownFixture('provider-schema/aws-5.100.0.json'), 'utf8')) as Record<
    string,
    Record<string, string>
  >;
  return schema[type];
}

export interface Accounting {
  /** Provider attributes neither observed nor declared (`computed`, `unread`). */
  readonly unaccounted: string[];
  /** Observed names the provider's schema does not have (a naming bug: it would never compare). */
  readonly unknown: string[];
}

export function account(entry: TypeSemantics, items: ReadonlyArray<ObservedItemBase>): Accounting {
  const names = providerAttributes(entry.type);
  if (!names) throw new Error(`${entry.type} is not a resource type of the AWS provider 5.100.0`);
  // A key the mapping sets, even to undefined (the API omitted it: the provider keeps null), is observed.
  const observed = new Set(items.flatMap((item) => Object.keys(item.attributes)));
  const declared = new Set([...(entry.computed ?? []), ...(entry.unread ?? []).map((u) => u.path)]);
  return {
    unaccounted: Object.keys(names).filter((n) => !BOOKKEEPING.has(n) && !observed.has(n) && !declared.has(n)),
    unknown: [...observed].filter((n) => !(n in names)),
  };
}

/** Fails naming every attribute skipped without a declared reason, and every name the provider lacks. */
export function assertAccounted(entry: TypeSemantics, items: ReadonlyArray<ObservedItemBase>): void {
  assert.ok(items.length > 0, `${entry.type}: no fixture item to account for`);
  const { unaccounted, unknown } = account(entry, items);
  assert.deepEqual(
    unaccounted,
    [],
    `${entry.type}: provider attributes skipped without a declared reason (observe them, or declare them in computed/unread with why): ${unaccounted.join(', ')}`,
  );
  assert.deepEqual(unknown, [], `${entry.type}: observed names the provider's schema lacks: ${unknown.join(', ')}`);
}

/**
 * Records every item an entry's `observe` maps while a test file runs (entries are plain objects),
 * so that the file's last test accounts for all of its fixtures at once.
 */
export function trackObservations(entry: { observe: (...args: never[]) => ObservedItemBase }): ObservedItemBase[] {
  const items: ObservedItemBase[] = [];
  const observe = entry.observe.bind(entry);
  (entry as { observe: (...args: never[]) => ObservedItemBase }).observe = (...args: never[]) => {
    const item = observe(...args);
    items.push(item);
    return item;
  };
  return items;
}
