/**
 * Gathers the maturity evidence from the shared Driftwarden database (scan history, audit log,
 * break-glass sessions) and the configuration. Read-only as far as data goes: it never expires a
 * session or appends an entry (assessing must not change what it assesses); opening the log and
 * the sessions only creates their empty tables in a store that predates them.
 *
 * Drift episodes come from the audit log: a `finding.opened` entry starts one, the next
 * `finding.resolved` of the same finding id ends it. Both carry the id of the scan that saw it, so
 * durations are measured between scan start times, exactly as the history store measures
 * first_seen and resolved_at. A reconcile `action.applied` entry naming the finding (details
 * `findingId` or `findingIds`) ends the episode earlier when it came first.
 */
import type { AuditEntry } from '../audit/chain.js';
import { openBreakglassSessions } from '../actions/breakglass/sessions.js';
import { ttlCap } from '../actions/breakglass/ttl.js';
import type { DriftwardenConfig } from '../config/schema.js';
import type { ChangeVia } from '../model/finding.js';
import type { Store } from '../store/index.js';
import type {
  DriftEpisode,
  MaturityEvidence,
  MaturityReport,
  ScanEvidence,
  SessionEvidence,
} from '../model/maturity.js';

/** More scans than any window holds in practice; listScans needs a limit. */
const SCAN_LIMIT = 1_000_000;
const VIAS: ReadonlyArray<ChangeVia> = ['console', 'pipeline', 'other'];

export interface GatherOptions {
  readonly store: Store;
  readonly config?: DriftwardenConfig;
  readonly now: Date;
  readonly window: Omit<MaturityReport['window'], 'from' | 'to'>;
}

/**
 * The share of observed resources some state manages. Scans written with report schema 2.x carry
 * it as `managedShare`; 1.x scans called the same figure `coverage` (which now means something else).
 */
function managedShareOf(summary: {
  readonly managedShare?: number | null;
  readonly coverage: number | null;
}): number | null {
  return summary.managedShare !== undefined ? summary.managedShare : summary.coverage;
}

export async function gatherEvidence(options: GatherOptions): Promise<MaturityEvidence> {
  const { store, config, now } = options;
  const log = store.audit;
  const from = new Date(now.getTime() - options.window.ms).toISOString();
  const to = now.toISOString();
  const scans: ScanEvidence[] = (await store.history.listScans(SCAN_LIMIT))
    .map((scan) => ({
      id: scan.id,
      startedAt: scan.startedAt,
      ...(scan.environments !== undefined ? { environments: scan.environments } : {}),
      managed: scan.summary.managed,
      unmanaged: scan.summary.unmanaged,
      coverage: managedShareOf(scan.summary),
    }))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const scanTime = new Map(scans.map((scan) => [scan.id, scan.startedAt]));

  const actionsApplied = await log.entries({ actions: ['action.applied'], from, to });
  const episodes = buildEpisodes(
    await log.entries({ actions: ['finding.opened', 'finding.resolved'] }),
    actionsApplied,
    scanTime,
  );

  const sessions: SessionEvidence[] = (await openBreakglassSessions(store).list({ all: true }))
    .filter((session) => session.openedAt >= from || session.status === 'open')
    .map((session) => ({ ...session, capMs: capFor(config, session.environment) }));

  return {
    now: to,
    window: { ...options.window, from, to },
    store: store.location,
    ...(config
      ? {
          config: {
            file: config.file,
            environments: Object.values(config.environments).map((env) => ({
              name: env.name,
              tier: env.tier,
              mode: env.mode,
              states: env.states.length,
            })),
          },
        }
      : {}),
    scans,
    episodes,
    actionsApplied: actionsApplied.length,
    sessions,
  };
}

function capFor(config: DriftwardenConfig | undefined, environment: string | undefined): number {
  // An environment removed from the config since the session was opened: the strictest cap applies.
  const known = environment !== undefined && config?.environments[environment] !== undefined ? environment : undefined;
  return ttlCap(config, known).maxMs;
}

function text(details: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = details[key];
  return typeof value === 'string' ? value : undefined;
}

function attributionOf(details: Readonly<Record<string, unknown>>): DriftEpisode['attribution'] {
  const raw = details['attribution'];
  if (raw === null || typeof raw !== 'object') return null;
  const record = raw as Record<string, unknown>;
  const via = VIAS.find((v) => v === record['via']);
  if (via === undefined) return null;
  return { via, principal: String(record['principal'] ?? ''), time: String(record['time'] ?? '') };
}

function findingIdsOf(entry: AuditEntry): string[] {
  const single = text(entry.details, 'findingId');
  const many = entry.details['findingIds'];
  return [
    ...(single !== undefined ? [single] : []),
    ...(Array.isArray(many) ? many.filter((id): id is string => typeof id === 'string') : []),
  ];
}

interface OpenEpisode {
  readonly findingId: string;
  readonly environment: string;
  readonly address: string;
  readonly openedAt: string;
  readonly attribution: DriftEpisode['attribution'];
  appliedAt?: string;
}

/** Pairs opened and resolved entries per finding id, in log order. */
export function buildEpisodes(
  entries: ReadonlyArray<AuditEntry>,
  applied: ReadonlyArray<AuditEntry>,
  scanTime: ReadonlyMap<string, string>,
): DriftEpisode[] {
  const timeOf = (entry: AuditEntry) => scanTime.get(text(entry.details, 'scanId') ?? '') ?? entry.time;
  const appliedAt = new Map<string, string[]>();
  for (const entry of applied)
    for (const id of findingIdsOf(entry)) appliedAt.set(id, [...(appliedAt.get(id) ?? []), entry.time]);

  const open = new Map<string, OpenEpisode>();
  const episodes: DriftEpisode[] = [];
  for (const entry of entries) {
    const findingId = text(entry.details, 'findingId');
    if (findingId === undefined) continue;
    if (entry.action === 'finding.opened') {
      open.set(findingId, {
        findingId,
        environment: text(entry.details, 'environment') ?? '',
        address: entry.subject,
        openedAt: timeOf(entry),
        attribution: attributionOf(entry.details),
      });
      continue;
    }
    const episode = open.get(findingId);
    if (episode === undefined) continue; // opened before the audit log existed: its start is unknown
    open.delete(findingId);
    const scanResolvedAt = timeOf(entry);
    const action = (appliedAt.get(findingId) ?? [])
      .filter((t) => t >= episode.openedAt && t <= scanResolvedAt)
      .sort()[0];
    episodes.push({
      findingId,
      environment: episode.environment,
      address: episode.address,
      openedAt: episode.openedAt,
      resolvedAt: action ?? scanResolvedAt,
      resolvedBy: action !== undefined ? 'action' : 'scan',
      attribution: episode.attribution,
    });
  }
  for (const episode of open.values()) {
    episodes.push({
      findingId: episode.findingId,
      environment: episode.environment,
      address: episode.address,
      openedAt: episode.openedAt,
      attribution: episode.attribution,
    });
  }
  return episodes.sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.findingId.localeCompare(b.findingId));
}
