/**
 * What an observation holds where the API omitted a field: the choice is made at each mapping site,
 * by what the Terraform AWS provider's read function does with the same absence (read it through
 * the search tools: `internal/service/<svc>/<resource>.go`):
 *
 *   - `zeroWhenOmitted(v, zero)`: the read does `d.Set(x, aws.ToBool(v))` (ToString, ToInt32, a
 *     flattener of a nil list, ...), so the state holds the zero value. The observation holds it
 *     too, and it is compared: parity, not a guess.
 *   - `keptWhenOmitted(v)`: the read sets the attribute only when the API returned it, so the state
 *     keeps the recorded value (null, or what an older apply wrote). An omitted value is NOT
 *     observed: the engine does not compare it, and lists it as a `not-returned:<path>` suppression
 *     (`scan --verbose`, counted in the JSON report) whenever the record holds a value there.
 *
 * A bare `?? false` / `?? 0` / `?? ''` / `?? []` / `?? {}` in a mapping hides which of the two it
 * is; catalogue/fallbacks.test.ts fails on new ones (docs/adding-a-resource-type.md).
 *
 * Invariant: a NotReturned marker never leaves the AWS observer. observe.ts splits it out of the
 * attributes (`splitNotReturned`) into Resource.notReturned before a resource is built.
 */
import type { AttributePath, NotReturnedPath } from '../../model/resource.js';

/** Why a kept-when-omitted value is not compared (the suppression's reason). */
export const KEPT_WHEN_OMITTED =
  'not compared: the API returned no value, and the provider then keeps the recorded one (it sets the attribute only when returned)';

/** The marker `keptWhenOmitted` leaves in a mapping where the API returned nothing. */
export class NotReturned {
  constructor(readonly why: string) {}
}

/**
 * The provider stores its zero value when the API omits the field (`aws.ToBool(nil)` is false):
 * the observation holds the same zero and it is compared.
 */
export function zeroWhenOmitted<V>(value: V | null | undefined, zero: V): V {
  return value ?? zero;
}

/**
 * The provider sets the attribute only when the API returns it: an omitted value is not observed.
 * `detail` says, where it helps, when the API omits it (`only TCP/UDP target groups have it`).
 * Not for elements of a set attribute (a set is compared as a whole).
 */
export function keptWhenOmitted<V>(value: V | null | undefined, detail?: string): V | NotReturned {
  if (value !== undefined && value !== null) return value;
  return new NotReturned(detail ? `${KEPT_WHEN_OMITTED}; ${detail}` : KEPT_WHEN_OMITTED);
}

/**
 * The attributes with every NotReturned marker replaced by `undefined` (the key stays: the mapping
 * accounted for it), and the paths of the markers (`connection_termination`, `block[0].field`) with
 * their reasons. Copies only what holds a marker. (A JSON round trip, as the distributed observer
 * makes, drops the undefined keys; the engine reads `notReturned`, never the keys.)
 */
export function splitNotReturned(attributes: Record<string, unknown>): {
  attributes: Record<string, unknown>;
  notReturned: NotReturnedPath[];
} {
  const notReturned: NotReturnedPath[] = [];
  const walk = (value: unknown, path: AttributePath): unknown => {
    if (value instanceof NotReturned) {
      notReturned.push({ path, why: value.why });
      return undefined;
    }
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((element, i) => {
        const next = walk(element, [...path, i]);
        if (next !== element) (copy ??= [...value])[i] = next;
      });
      return copy ?? value;
    }
    if (isPlainRecord(value)) {
      const record = value;
      let copy: Record<string, unknown> | undefined;
      for (const key of Object.keys(record)) {
        const next = walk(record[key], [...path, key]);
        if (next !== record[key]) (copy ??= { ...record })[key] = next;
      }
      return copy ?? value;
    }
    return value;
  };
  const out = walk(attributes, []) as Record<string, unknown>;
  return { attributes: out, notReturned };
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
