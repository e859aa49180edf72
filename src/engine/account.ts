/**
 * Which bucket an unpaired managed recorded resource lands in (src/model/accounting.ts), from the
 * scopes the observation declares. Pure; the order of the questions is the invariant:
 *
 *   1. a failed scope that could hold it          -> unchecked (never missing)
 *   2. a scope listed completely with full fidelity -> missing (checked: its absence was observed)
 *   3. a scope a generic listing covered           -> existence, not seen ("existence unknown")
 *   4. its type was observed, but not where it is  -> not covered, outside the scan
 *   5. nothing observes its type                   -> not covered, no observer
 */
import { providerTypeOf, type ResourceAccount } from '../model/accounting.js';
import { UNKNOWN_ACCOUNT, type IncompleteScope, type Resource, type Scope, type Snapshot } from '../model/resource.js';

function scopeMatches(resource: Resource, scope: Scope): boolean {
  return (
    scope.type === resource.type &&
    (resource.account === undefined || scope.account === resource.account || scope.account === UNKNOWN_ACCOUNT) &&
    (resource.region === undefined || scope.region === resource.region || scope.region === 'global')
  );
}

export interface ScopeIndex {
  /** The failed scope that could hold this resource, if any. */
  incompleteFor(resource: Resource): IncompleteScope | undefined;
  /** How an unpaired resource is accounted for. */
  unpaired(resource: Resource): ResourceAccount | { readonly bucket: 'missing' };
}

export function scopeIndex(observed: Snapshot): ScopeIndex {
  const observedTypes = new Set<string>();
  for (const scope of [...observed.completeScopes, ...observed.incompleteScopes, ...(observed.existenceScopes ?? [])])
    observedTypes.add(scope.type);
  const incompleteFor = (resource: Resource) => observed.incompleteScopes.find((s) => scopeMatches(resource, s));
  return {
    incompleteFor,
    unpaired(resource) {
      // A plan's refresh read every recorded resource: absent from it means gone.
      if (observed.refreshOfRecord) return { bucket: 'missing' };
      const failed = incompleteFor(resource);
      if (failed) return { bucket: 'unchecked', scope: failed };
      if (observed.completeScopes.some((s) => scopeMatches(resource, s))) return { bucket: 'missing' };
      if (observed.existenceScopes?.some((s) => scopeMatches(resource, s))) return { bucket: 'existence', seen: false };
      if (observedTypes.has(resource.type)) {
        return {
          bucket: 'not-covered',
          reason: 'outside-scan',
          why: 'its account or region was not observed in this scan: add it to the scan (--region, --account, or aws: in driftwarden.yaml)',
        };
      }
      return { bucket: 'not-covered', reason: 'no-observer', why: noObserverWhy(resource) };
    },
  };
}

function noObserverWhy(resource: Resource): string {
  const provider = providerTypeOf(resource.provider, resource.type);
  return provider === 'aws'
    ? 'Driftwarden has no observer for this type yet (see the README support table)'
    : `Driftwarden does not observe the ${provider} provider`;
}
