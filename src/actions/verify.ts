/**
 * After acting: observe again and say what became of each item. A drift is gone when the fresh
 * scan has no finding of the same kind on the same resource touching any of the same attributes
 * (finding ids depend on the set of paths, so a partial fix would get a new id: compare paths).
 */
import type { Finding } from '../model/finding.js';
import type { ScanResult } from '../model/scan-result.js';
import type { Outcome, PlanItem } from '../model/reconcile.js';

/** The finding in `scan` that is still this item's drift, if any. */
export function remainingDrift(
  item: Pick<PlanItem, 'address' | 'kind' | 'paths'>,
  scan: ScanResult,
): Finding | undefined {
  return scan.findings.find((f) => {
    if (f.resource.address !== item.address) return false;
    if (item.kind === 'unmanaged' || item.kind === 'missing') return f.kind === item.kind;
    if (f.kind !== 'configuration' && f.kind !== 'policy') return false;
    return f.changes.some((c) => item.paths.includes(c.path));
  });
}

/** True when the fresh scan could not look at this item's type (then nothing can be concluded). */
export function unobservable(item: Pick<PlanItem, 'type'>, scan: ScanResult): boolean {
  return scan.scan.incompleteScopes.some((s) => s.type === item.type);
}

export function successOutcome(item: Pick<PlanItem, 'strategy'>): Outcome {
  return item.strategy === 'prune'
    ? 'pruned'
    : item.strategy === 'codify'
      ? 'codified'
      : item.strategy === 'notify'
        ? 'notified'
        : 'reverted';
}

export function verifyItem(item: PlanItem, scan: ScanResult): { outcome: Outcome; reason?: string } {
  if (unobservable(item, scan)) return { outcome: 'failed', reason: `could not observe ${item.type} again to verify` };
  const left = remainingDrift(item, scan);
  if (!left) return { outcome: successOutcome(item) };
  const still = left.changes
    .filter((c) => item.paths.includes(c.path))
    .map((c) => `${c.path} is ${JSON.stringify(c.observed)} (recorded ${JSON.stringify(c.recorded)})`);
  return { outcome: 'failed', reason: `still drifted after acting${still.length > 0 ? `: ${still.join('; ')}` : ''}` };
}
