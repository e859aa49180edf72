/**
 * Hand-built scan results for tests that need a ScanResult without running a scan: the bucket
 * counts of a scan in which every managed resource was checked, and an empty accounting detail.
 */
import type { Accounting, BucketCounts } from '../../src/model/accounting.js';

export function allChecked(managed: number): BucketCounts & { readonly managedShare: number | null } {
  return {
    managed,
    checked: managed,
    unchecked: 0,
    existence: 0,
    notCovered: 0,
    coverage: managed === 0 ? null : 1,
    existenceCoverage: managed === 0 ? null : 1,
    byType: [],
    managedShare: null,
  };
}

export const NO_ACCOUNTING: Accounting = { notCovered: [], unchecked: [], existence: [] };
