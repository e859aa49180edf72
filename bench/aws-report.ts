/**
 * Pure helpers of the AWS observation benchmark: medians, the per-operation growth check and the
 * Markdown tables. No I/O, so the verdicts are unit-tested (aws-report.test.ts).
 */

export function median(values: ReadonlyArray<number>): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One estate size's measurements. */
export interface SizeResult {
  readonly size: number;
  /** Resources the scan observed (all types, complete scopes). */
  readonly observed: number;
  /** Types among them. */
  readonly observedTypes?: number;
  readonly incompleteScopes: number;
  readonly scanMs: ReadonlyArray<number>;
  readonly bareMs: ReadonlyArray<number>;
  /** CPU time of the benchmark process (the client side only) per run. */
  readonly scanCpuMs: ReadonlyArray<number>;
  readonly bareCpuMs: ReadonlyArray<number>;
  readonly scanCalls: Readonly<Record<string, number>>;
  readonly bareCalls: Readonly<Record<string, number>>;
  /** One full `driftwarden scan --state ... --region ...` run, when measured. */
  readonly cli?: { readonly ms: number; readonly exitCode: number; readonly findings: number };
}

export type Verdict =
  /** Same count at every size. */
  | 'constant'
  /** Grows because a bulk listing needs more pages; the bare listing pages identically. */
  | 'pages'
  /** One call per resource, the bare listing too: the API has no bulk form. */
  | 'per-resource (no bulk API)'
  /** Grows with N without being a known per-resource read, or the scan calls more than the bare listing. */
  | 'FLAG';

export interface OperationCheck {
  readonly operation: string;
  /** Scan calls per size, in size order. */
  readonly scan: ReadonlyArray<number>;
  readonly bare: ReadonlyArray<number>;
  readonly verdict: Verdict;
  readonly why: string;
}

/**
 * Classifies every operation the scan or the bare listing made. An operation is flagged when the
 * scan calls it more often than the bare listing at any size (work the framework adds), or when
 * its count grows with N and it is not a per-resource read the API forces. Growth of a bulk
 * listing that the bare listing shares is pagination: pages are at most N / page size.
 */
export function checkOperations(
  results: ReadonlyArray<SizeResult>,
  perResource: Readonly<Record<string, string>>,
): OperationCheck[] {
  const operations = new Set<string>();
  for (const r of results)
    for (const op of [...Object.keys(r.scanCalls), ...Object.keys(r.bareCalls)]) operations.add(op);
  return [...operations].sort().map((operation) => {
    const scan = results.map((r) => r.scanCalls[operation] ?? 0);
    const bare = results.map((r) => r.bareCalls[operation] ?? 0);
    const grows = scan.some((n, i) => i > 0 && n > scan[i - 1]!);
    const extra = scan.findIndex((n, i) => n > bare[i]!);
    let verdict: Verdict;
    let why: string;
    if (extra >= 0 && operation !== 'sts:GetCallerIdentity') {
      verdict = 'FLAG';
      why = `scan makes ${scan[extra]} calls, the bare listing ${bare[extra]} (at ${results[extra]!.size.toLocaleString('en')})`;
    } else if (!grows) {
      verdict = 'constant';
      why = operation === 'sts:GetCallerIdentity' ? 'resolves the account once per scan' : '';
    } else if (perResource[operation] !== undefined) {
      verdict = 'per-resource (no bulk API)';
      why = perResource[operation]!;
    } else if (scan.every((n, i) => n === bare[i])) {
      verdict = 'pages';
      why = 'bulk listing: more pages, same as the bare listing';
    } else {
      verdict = 'FLAG';
      why = 'grows with N but is not a known per-resource read';
    }
    return { operation, scan, bare, verdict, why };
  });
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const total = (calls: Readonly<Record<string, number>>): number => Object.values(calls).reduce((a, b) => a + b, 0);

/** Wall time ratio of the scan to the bare listing (medians). */
export function ratioOf(result: SizeResult): number {
  return median(result.scanMs) / median(result.bareMs);
}

/** The Markdown report: timings per size, then calls per operation with the growth verdict. */
export function renderReport(
  results: ReadonlyArray<SizeResult>,
  checks: ReadonlyArray<OperationCheck>,
  target: number,
): string {
  const lines: string[] = [];
  lines.push(
    '| resources (target) | observed (types) | incomplete scopes | runs | scan ms (median) | bare ms (median) | scan / bare | scan client CPU ms | bare client CPU ms | scan calls | bare calls | CLI scan ms (exit, findings) |',
  );
  lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const ratio = ratioOf(r);
    const cli = r.cli ? `${fmt(r.cli.ms)} (${r.cli.exitCode}, ${fmt(r.cli.findings)})` : 'n/a';
    lines.push(
      `| ${fmt(r.size)} | ${fmt(r.observed)}${r.observedTypes !== undefined ? ` (${r.observedTypes})` : ''} | ${r.incompleteScopes} | ${r.scanMs.length} | ${fmt(median(r.scanMs))} | ${fmt(median(r.bareMs))} | ${ratio.toFixed(2)}x${ratio > target ? ' (over target)' : ''} | ${fmt(median(r.scanCpuMs))} | ${fmt(median(r.bareCpuMs))} | ${fmt(total(r.scanCalls))} | ${fmt(total(r.bareCalls))} | ${cli} |`,
    );
  }
  lines.push('');
  const sizes = results.map((r) => fmt(r.size));
  lines.push(
    `| operation | ${sizes.map((s) => `scan @${s}`).join(' | ')} | ${sizes.map((s) => `bare @${s}`).join(' | ')} | verdict | why |`,
  );
  lines.push(`| --- | ${sizes.map(() => '---:').join(' | ')} | ${sizes.map(() => '---:').join(' | ')} | --- | --- |`);
  for (const c of checks) {
    lines.push(
      `| ${c.operation} | ${c.scan.map((n) => fmt(n)).join(' | ')} | ${c.bare.map((n) => fmt(n)).join(' | ')} | ${c.verdict} | ${c.why} |`,
    );
  }
  const flagged = checks.filter((c) => c.verdict === 'FLAG');
  lines.push('');
  lines.push(
    flagged.length === 0
      ? 'Per-resource check: no per-resource operation for any bulk-listable type; every growing operation is a read the API has no bulk form for, or pagination.'
      : `Per-resource check: FLAGGED ${flagged.map((c) => c.operation).join(', ')}.`,
  );
  return lines.join('\n');
}
