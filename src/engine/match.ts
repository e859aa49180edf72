/**
 * Pairing recorded with observed resources. Two strategies, never mixed:
 *
 *   - identity (every live listing): by type plus cloud id, else the type's identity attributes,
 *     else (existence-only observations) the ARN; region and account must agree where both sides
 *     know them. An address is never used: a live resource's synthetic address is not a Terraform
 *     address, and an unmanaged bucket named `logs` must never pair with `aws_s3_bucket.logs`.
 *   - address (a plan's refresh only, `Snapshot.refreshOfRecord`): Terraform itself read each
 *     recorded resource keyed by its address, so the address IS the identity there.
 */
import type { Resource, Snapshot } from '../model/resource.js';
import type { SemanticsLookup } from '../model/semantics.js';

export type Pairing = (recorded: Resource) => Resource | undefined;

/** Region and account must agree where both sides know them (the same id can exist in two regions). */
function sameScope(recorded: Resource, observed: Resource): boolean {
  if (recorded.account && observed.account && recorded.account !== observed.account) return false;
  if (recorded.region && observed.region && recorded.region !== observed.region) return false;
  return true;
}

function push<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/**
 * `type|value|value` from the identity attributes, or undefined when one is missing. Numbers and
 * booleans count (a network ACL rule is its ACL, rule number and direction); `""` and null do not.
 */
export function attributeIdentity(resource: Resource, attributes: ReadonlyArray<string>): string | undefined {
  const values: string[] = [];
  for (const name of attributes) {
    const value = resource.attributes[name];
    if (typeof value === 'number' || typeof value === 'boolean') values.push(String(value));
    else if (typeof value === 'string' && value !== '') values.push(value);
    else return undefined;
  }
  return `${resource.type}\u0000${values.join('\u0000')}`;
}

function arnOf(resource: Resource): string | undefined {
  const arn = resource.attributes['arn'];
  if (typeof arn === 'string' && arn.startsWith('arn:')) return arn;
  return resource.id?.startsWith('arn:') ? resource.id : undefined;
}

/** Pairs by address: only for a plan's refresh of the record. */
export function pairByAddress(observed: Snapshot): Pairing {
  const byAddress = new Map<string, Resource>();
  for (const resource of observed.resources) byAddress.set(resource.address, resource);
  return (recorded) => {
    const found = byAddress.get(recorded.address);
    return found && found.type === recorded.type ? found : undefined;
  };
}

/**
 * Pairs by cloud identity. An observed resource already paired is not paired again through its
 * identity attributes (two recorded rule resources never share one live rule); pairing by id may
 * repeat, so two states recording the same object both see it.
 */
export function pairByIdentity(observed: Snapshot, lookup: SemanticsLookup): Pairing {
  const byId = new Map<string, Resource[]>();
  const byAttributes = new Map<string, Resource[]>();
  const byArn = new Map<string, Resource[]>();
  for (const resource of observed.resources) {
    if (resource.fidelity === 'existence') {
      const arn = arnOf(resource);
      if (arn !== undefined) push(byArn, `${resource.type}\u0000${arn}`, resource);
      // The tier observes a recorded resource under the record's own type and id (its ARN may be
      // derived from the id where the provider stores none): the id pairs it.
      if (resource.id !== undefined) push(byId, `${resource.type}\u0000${resource.id}`, resource);
      continue;
    }
    if (resource.id !== undefined) push(byId, `${resource.type}\u0000${resource.id}`, resource);
    const attributes = lookup(resource.type)?.identityAttributes;
    const key = attributes ? attributeIdentity(resource, attributes) : undefined;
    if (key !== undefined) push(byAttributes, key, resource);
  }
  const paired = new Set<Resource>();
  const pair = (found: Resource | undefined): Resource | undefined => {
    if (found) paired.add(found);
    return found;
  };
  return (recorded) => {
    if (recorded.id !== undefined) {
      const found = byId.get(`${recorded.type}\u0000${recorded.id}`)?.find((c) => sameScope(recorded, c));
      if (found) return pair(found);
    }
    const attributes = lookup(recorded.type)?.identityAttributes;
    const key = attributes ? attributeIdentity(recorded, attributes) : undefined;
    if (key !== undefined) {
      const found = byAttributes.get(key)?.find((c) => sameScope(recorded, c) && !paired.has(c));
      if (found) return pair(found);
    }
    const arn = arnOf(recorded);
    if (arn === undefined) return undefined;
    return pair(byArn.get(`${recorded.type}\u0000${arn}`)?.find((c) => sameScope(recorded, c)));
  };
}

export function pairingFor(observed: Snapshot, lookup: SemanticsLookup): Pairing {
  return observed.refreshOfRecord ? pairByAddress(observed) : pairByIdentity(observed, lookup);
}
