/**
 * Recording one scan: its history entry (new and resolved findings within its estate) and its
 * audit entries in ONE transaction, with the config's hash when it changed and the break-glass
 * sessions that expired meanwhile: a crash leaves all of it or none. Used by `scan` and by the
 * scheduler of scans spread over workers (one history entry per run).
 */
import { recordConfigIfChanged, recordScanInAudit } from '../audit/record.js';
import type { ScanHistory, ScanResult } from '../model/scan-result.js';
import type { Estate } from '../scan/estate.js';
import type { Store } from '../store/index.js';
import type { Observation } from '../store/scan-store.js';
import { openBreakglassSessions } from './breakglass/sessions.js';

export interface RecordScanOptions {
  /** The config file, whose hash is audited when it changed. */
  readonly configFile?: string;
  /** Environments the scan was limited to (`--env`); all when undefined. */
  readonly environments?: ReadonlyArray<string>;
  readonly estate: Estate;
  readonly observation: Observation;
}

export function recordScanResult(store: Store, scanned: ScanResult, options: RecordScanOptions): Promise<ScanHistory> {
  const scope = options.environments !== undefined ? { environments: options.environments } : {};
  return store.transaction(async (tx) => {
    if (options.configFile !== undefined) await recordConfigIfChanged(tx, options.configFile);
    await openBreakglassSessions(tx).expireSessions(tx.now());
    const recorded = await tx.history.recordScan(scanned, {
      ...scope,
      estate: options.estate,
      observation: options.observation,
    });
    await recordScanInAudit(tx, scanned, recorded, scope);
    return recorded;
  });
}
