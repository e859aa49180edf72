/**
 * The catalogue: the one list of AWS resource types Driftwarden observes. A type string lives only
 * in its entry; everything else (the observer, the engine's semantics lookup, the reconciler, codify,
 * the README support table) reads this list. The list itself is generated (entries.ts, by
 * `npm run docs:support-table`); index.test.ts fails when an entry file is missing from it.
 */
import { semanticsLookup } from '../../../model/catalogue.js';
import type { SemanticsLookup } from '../../../model/semantics.js';
import type { AnyResourceTypeEntry } from './define.js';
import { ENTRIES } from './entries.js';

const byServiceThenType = (a: AnyResourceTypeEntry, b: AnyResourceTypeEntry): number =>
  a.service < b.service ? -1 : a.service > b.service ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : 0;

/** Every entry, by service then type (entries.ts is generated from the folder's files). */
export const CATALOGUE: ReadonlyArray<AnyResourceTypeEntry> = [...ENTRIES].sort(byServiceThenType);

const BY_TYPE = new Map<string, AnyResourceTypeEntry>(CATALOGUE.map((entry) => [entry.type, entry]));

export function catalogueEntry(type: string): AnyResourceTypeEntry | undefined {
  return BY_TYPE.get(type);
}

export function catalogueTypes(): string[] {
  return CATALOGUE.map((entry) => entry.type);
}

/** The compare semantics of an AWS type, as plain data for the engine (no functions, no I/O). */
export const awsSemantics: SemanticsLookup = semanticsLookup(CATALOGUE);
