/** Builders for engine tests and the benchmark: plain objects, no I/O. */
import type { Resource, Scope, Snapshot } from '../../src/model/resource.js';
import { liveAddress } from '../../src/model/address.js';

export function resource(partial: Partial<Resource> & Pick<Resource, 'address' | 'type'>): Resource {
  return {
    mode: 'managed',
    provider: 'provider["registry.terraform.io/hashicorp/aws"]',
    attributes: {},
    sensitivePaths: [],
    dependencies: [],
    environment: 'default',
    ...partial,
  };
}

export function recordedSnapshot(resources: Resource[]): Snapshot {
  return { layer: 'recorded', resources, completeScopes: [], incompleteScopes: [] };
}

export function observedSnapshot(
  resources: Resource[],
  completeScopes: Scope[] = [],
  incomplete: Snapshot['incompleteScopes'] = [],
): Snapshot {
  return { layer: 'observed', resources, completeScopes, incompleteScopes: incomplete };
}

/** An observed copy of a recorded resource as a live listing would produce it. */
export function observedCopy(
  rec: Resource,
  attributes: Record<string, unknown> = rec.attributes as Record<string, unknown>,
): Resource {
  return {
    ...rec,
    address: liveAddress(rec.type, rec.id ?? rec.address),
    attributes,
    sensitivePaths: [],
    dependencies: [],
  };
}
