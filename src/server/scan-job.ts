/**
 * A scan started through the API: the same pipeline as `driftwarden scan` (options from the
 * configuration, runScan, then history and audit entries in one transaction), run as a background
 * job. The principal who asked is the audit actor of what the scan records.
 */
import { Writable } from 'node:stream';
import { openBreakglassSessions } from '../actions/breakglass/sessions.js';
import { silentProgress } from '../actions/reconcile.js';
import { recordConfigIfChanged, recordScanInAudit } from '../audit/record.js';
import { scanOptionsFromFlags, type SourceFlags } from '../cli/source-options.js';
import type { Io } from '../cli/io.js';
import { estateOf, observationOf } from '../scan/estate.js';
import type { Snapshot } from '../model/resource.js';
import { runScan, type ScanOptions } from '../scan/run.js';
import type { ServerContext } from './context.js';

/** The flags of `driftwarden scan --env ...` with nothing else given: everything comes from the config. */
export function configOnlyFlags(environments: ReadonlyArray<string>): SourceFlags {
  return {
    state: [],
    ignore: [],
    env: [...environments],
    region: [],
    account: [],
    type: [],
    tag: [],
    attribution: true,
  };
}

/** Io for library calls that want one: no terminal, this process's environment, the server's clock. */
export function quietIo(ctx: ServerContext): Io {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  return { stdout: sink, stderr: sink, env: ctx.env, clock: ctx.clock };
}

export function scanOptionsFor(ctx: ServerContext, environments: ReadonlyArray<string>): Promise<ScanOptions> {
  return scanOptionsFromFlags(configOnlyFlags(environments), ctx.config, quietIo(ctx));
}

export async function runScanJob(
  ctx: ServerContext,
  options: ScanOptions,
  actor: string,
): Promise<Record<string, unknown>> {
  const started = Date.now();
  let outcome = 'failed';
  try {
    let observed: Snapshot | undefined;
    const result = await runScan({ ...options, onObserved: (snapshot) => (observed = snapshot) }, silentProgress);
    for (const [call, count] of Object.entries(result.scan.apiCalls ?? {}))
      ctx.metrics.scanApiCalls.inc({ call }, count);
    const scope = options.environments !== undefined ? { environments: options.environments } : {};
    const history = await ctx.store.transaction(async (tx) => {
      if (ctx.config) await recordConfigIfChanged(tx, ctx.config.file);
      await openBreakglassSessions(tx).expireSessions(tx.now());
      const recorded = await tx.history.recordScan(result, {
        ...scope,
        estate: estateOf(options),
        observation: observationOf(observed),
      });
      await recordScanInAudit(tx, result, recorded, { ...scope, actor });
      return recorded;
    });
    outcome = result.scan.complete ? 'complete' : 'incomplete';
    return {
      scanId: result.scan.id,
      complete: result.scan.complete,
      incompleteScopes: result.scan.incompleteScopes.length,
      findings: result.findings.length,
      new: history.newFindingIds.length,
      resolved: history.resolved.length,
    };
  } finally {
    ctx.metrics.scanDuration.observe({ outcome }, (Date.now() - started) / 1000);
  }
}
