/**
 * The overview's data per environment: open findings by severity (from the store's counts), the
 * coverage of the latest recorded scan that covered the environment (its whole-scan summary, said
 * so when that scan covered other environments too), and findings per scan over the last scans that
 * covered it (a scan that did not cover the environment is no point, not a zero).
 */
import { gatherEvidence } from '../../maturity/evidence.js';
import { assessMaturity } from '../../maturity/assess.js';
import { parseWindow } from '../../maturity/window.js';
import type { StoredScan } from '../../store/scan-store.js';
import type { ServerContext } from '../context.js';
import { environmentSummaries } from '../routes/estates.js';
import { lineChart, type ChartPoint } from './chart.js';

/** Scans drawn per chart. */
const SERIES_SCANS = 30;

const covers = (scan: StoredScan, env: string) => scan.environments === undefined || scan.environments.includes(env);

export async function overviewData(ctx: ServerContext) {
  const environments = await environmentSummaries(ctx);
  const scans = (await ctx.store.queries.scans({ limit: SERIES_SCANS })).reverse();
  const perScan = await ctx.store.queries.findingsPerScan(scans.map((s) => s.id));
  const count = new Map(perScan.map((row) => [`${row.scanId}\u0000${row.environment}`, row.count]));
  const rows = environments.map((env) => {
    const covering = scans.filter((s) => covers(s, env.name));
    const series: ChartPoint[] = covering.map((s) => ({
      at: s.finishedAt,
      value: count.get(`${s.id}\u0000${env.name}`) ?? 0,
    }));
    const latest = covering[covering.length - 1];
    return {
      ...env,
      series,
      chart: lineChart(series, { label: `Findings per scan in ${env.name}, oldest to newest` }),
      ...(latest
        ? {
            coverage: {
              scanId: latest.id,
              finishedAt: latest.finishedAt,
              coverage: latest.summary.coverage,
              managedShare: latest.summary.managedShare ?? null,
              managed: latest.summary.managed,
              checked: latest.summary.checked ?? null,
              unmanaged: latest.summary.unmanaged,
              unchecked: latest.summary.unchecked,
              // Scans recorded before the accounting buckets (schema 1.x) lack these: shown as unknown.
              existence: latest.summary.existence ?? null,
              notCovered: latest.summary.notCovered ?? null,
              incompleteScopes: latest.incompleteScopes.length,
              shared: latest.environments === undefined || latest.environments.length > 1,
            },
          }
        : {}),
    };
  });
  const evidence = await gatherEvidence({
    store: ctx.store,
    ...(ctx.config ? { config: ctx.config } : {}),
    now: ctx.clock(),
    window: parseWindow('30d'),
  });
  return {
    environments: rows,
    maturity: assessMaturity(evidence, ctx.toolVersion),
    configured: ctx.config !== undefined,
  };
}
