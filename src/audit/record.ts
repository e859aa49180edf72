/**
 * What the scan and the configuration contribute to the audit log. The scan command calls
 * recordScanInAudit right after the history store recorded the scan (it needs the store's
 * ScanHistory: which findings are new, which were resolved).
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Finding } from '../model/finding.js';
import type { ScanHistory, ScanResult } from '../model/scan-result.js';
import { MAX_CONFIG_BYTES, readBoundedBytes } from '../sources/files.js';
import { redactFinding, redactSource } from '../store/redact.js';
import type { Store } from '../store/index.js';
import type { AuditEntry } from './chain.js';

/** The actor of what Driftwarden does by itself (scans, expiries). */
export const SYSTEM_ACTOR = 'driftwarden';

export interface RecordScanAuditOptions {
  /** Who ran the scan; SYSTEM_ACTOR by default. */
  readonly actor?: string;
  /** Environments the scan was limited to (`scan --env`); all when undefined. */
  readonly environments?: ReadonlyArray<string>;
}

/** The finding as the audit log keeps it: redacted, without rendering. */
function findingDetails(finding: Finding): Record<string, unknown> {
  const redacted = redactFinding(finding);
  return {
    findingId: redacted.id,
    kind: redacted.kind,
    severity: redacted.severity,
    environment: redacted.environment,
    resource: redacted.resource,
    summary: redacted.summary,
    reasons: redacted.reasons,
    changes: redacted.changes,
    // Who made the change (CloudTrail), when live observation could tell: the incident report's "who".
    attribution: (redacted as Finding & { readonly attribution?: unknown }).attribution ?? null,
  };
}

/**
 * One `scan.recorded` entry, then one `finding.opened` per new finding and one `finding.resolved`
 * per resolved finding, all in ONE transaction. Idempotent per scan id: a scan already in the log
 * is not recorded twice (returns the entries already there).
 */
export function recordScanInAudit(
  store: Store,
  result: ScanResult,
  history: ScanHistory,
  options: RecordScanAuditOptions = {},
): Promise<AuditEntry[]> {
  const actor = options.actor ?? SYSTEM_ACTOR;
  return store.transaction(async ({ audit: log }) => {
    const existing = await log.lastEntry('scan.recorded', result.scan.id);
    if (existing !== undefined) return [existing];
    const byId = new Map(result.findings.map((finding) => [finding.id, finding]));
    const entries: AuditEntry[] = [
      await log.append({
        actor,
        action: 'scan.recorded',
        subject: result.scan.id,
        details: {
          startedAt: result.scan.startedAt,
          finishedAt: result.scan.finishedAt,
          complete: result.scan.complete,
          incompleteScopes: result.scan.incompleteScopes,
          sources: result.scan.sources.map(redactSource),
          environments: options.environments ?? null,
          findings: result.findings.length,
          opened: history.newFindingIds.length,
          resolved: history.resolved.length,
          summary: result.summary,
          previousScanId: history.previousScanId,
          estate: history.estate ?? null,
          notRechecked: history.notRechecked?.length ?? 0,
        },
      }),
    ];
    for (const id of history.newFindingIds) {
      const finding = byId.get(id);
      if (finding === undefined) continue;
      entries.push(
        await log.append({
          actor,
          action: 'finding.opened',
          subject: finding.resource.address,
          details: { scanId: result.scan.id, ...findingDetails(finding) },
        }),
      );
    }
    for (const gone of history.resolved) {
      entries.push(
        await log.append({
          actor,
          action: 'finding.resolved',
          subject: gone.address,
          details: { scanId: result.scan.id, findingId: gone.id, kind: gone.kind },
        }),
      );
    }
    return entries;
  });
}

export function fileSha256(path: string): string {
  const bytes = readBoundedBytes(path, { what: 'configuration file', maxBytes: MAX_CONFIG_BYTES });
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Records `config.changed` when the configuration file's SHA-256 differs from the last one recorded
 * for the same file (and the first time a file is seen). Only the hash and the path are stored,
 * never the content. Returns the new entry, or undefined when nothing changed.
 */
export function recordConfigIfChanged(
  store: Store,
  configFile: string,
  actor: string = SYSTEM_ACTOR,
): Promise<AuditEntry | undefined> {
  const file = resolve(configFile);
  const sha256 = fileSha256(file);
  return store.transaction(async ({ audit: log }) => {
    const last = await log.lastEntry('config.changed', file);
    const previous = last?.details['sha256'];
    if (previous === sha256) return undefined;
    return log.append({
      actor,
      action: 'config.changed',
      subject: file,
      details: { sha256, previousSha256: typeof previous === 'string' ? previous : null },
    });
  });
}
