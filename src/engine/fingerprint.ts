/**
 * Stable finding ids. The same drift seen in two scans has the same id: the id depends on the kind,
 * the resource's identity and the set of drifted attribute paths, never on values, time or order.
 * A drift that changes its values (desired 3, seen 10, then 12) stays the same finding; a drift that
 * spreads to another attribute becomes a new one.
 */
import { createHash } from 'node:crypto';
import type { DriftKind } from '../model/finding.js';

export function fingerprint(kind: DriftKind, identity: string, paths: ReadonlyArray<string> = []): string {
  const hash = createHash('sha256');
  hash.update(kind);
  hash.update('\0');
  hash.update(identity);
  for (const path of [...paths].sort()) {
    hash.update('\0');
    hash.update(path);
  }
  return `dw-${hash.digest('hex').slice(0, 16)}`;
}
