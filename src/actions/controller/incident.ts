/**
 * The incident report of a break-glass session, written when the controller reconciles its scope
 * after it closed or expired: every change made inside the scope during the window (what, who,
 * when) and what happened to it. Stored as JSON under `<store folder>/incidents/<session>.json`
 * and announced by an `action.incident-report` audit entry.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ItemResult, ReconcilePlan } from '../../model/reconcile.js';
import type { Store } from '../../store/index.js';
import { SYSTEM_ACTOR } from '../../audit/record.js';
import type { BreakglassSession, BreakglassSessions } from '../breakglass/sessions.js';
import { scopeCovers } from '../breakglass/scope.js';
import { openBreakglassSessions, sessionScope } from '../breakglass/sessions.js';
import { writeReportFile } from '../../report/index.js';

export interface IncidentChange {
  readonly findingId: string;
  readonly address: string;
  readonly kind: string;
  readonly what: ReadonlyArray<{ readonly path: string; readonly recorded: unknown; readonly observed: unknown }>;
  readonly who: string;
  readonly when: string;
  readonly outcome: string;
  readonly reason?: string;
}

export interface IncidentReport {
  readonly session: BreakglassSession;
  readonly window: { readonly from: string; readonly to: string };
  readonly commit?: string;
  readonly changes: ReadonlyArray<IncidentChange>;
  readonly writtenAt: string;
}

/** Reconciles every session awaiting it: writes its report, records it, marks it reconciled. */
export async function reportSessions(
  store: Store,
  sessions: BreakglassSessions,
  incidentsDir: string,
  plan: ReconcilePlan,
  results: ReadonlyArray<ItemResult>,
): Promise<Array<{ session: BreakglassSession; file: string; outcome: string }>> {
  const written: Array<{ session: BreakglassSession; file: string; outcome: string }> = [];
  const byFinding = new Map(results.map((r) => [r.findingId, r]));
  for (const session of await sessions.awaitingReconciliation()) {
    const window = await sessions.sessionWindowReport(session.id);
    const scope = sessionScope(session);
    const changes: IncidentChange[] = window.findings.map((f) => {
      const result = byFinding.get(f.id);
      const item = plan.items.find((i) => i.findingId === f.id);
      const outcome =
        result?.outcome ?? (f.resolvedAt ? 'resolved' : item ? `not acted (${item.status})` : 'no longer drifted');
      const reason = result?.reason ?? (result ? undefined : item?.reason);
      return {
        findingId: f.id,
        address: f.address,
        kind: f.kind,
        what: f.finding.changes.map((c) => ({
          path: c.path,
          recorded: c.recorded ?? null,
          observed: c.observed ?? null,
        })),
        who: f.finding.attribution?.principal ?? 'unknown (no CloudTrail attribution)',
        when: f.finding.attribution?.time ?? f.firstSeen,
        outcome,
        ...(reason !== undefined ? { reason } : {}),
      };
    });
    // Acts of this run inside the scope whose finding the history did not list yet.
    for (const result of results) {
      const item = plan.items.find((i) => i.findingId === result.findingId);
      if (!item || changes.some((c) => c.findingId === result.findingId)) continue;
      if (!scopeCovers(scope, item.address, item.environment, item.type)) continue;
      changes.push({
        findingId: item.findingId,
        address: item.address,
        kind: item.kind,
        what: [],
        who: 'unknown',
        when: window.window.to,
        outcome: result.outcome,
        ...(result.reason ? { reason: result.reason } : {}),
      });
    }
    const failed = changes.filter((c) => c.outcome === 'failed' || c.outcome.startsWith('not acted')).length;
    const outcome =
      changes.length === 0
        ? 'no drift in scope'
        : failed === 0
          ? `reconciled ${changes.length} change(s)`
          : `${failed} of ${changes.length} change(s) not reconciled`;
    const report: IncidentReport = {
      session,
      window: { from: window.window.from, to: window.window.to },
      ...(plan.commit !== undefined ? { commit: plan.commit } : {}),
      changes,
      writtenAt: store.now().toISOString(),
    };
    const file = join(incidentsDir, `${session.id}.json`);
    mkdirSync(dirname(file), { recursive: true });
    await writeReportFile(file, `${JSON.stringify(report, null, 2)}\n`);
    await store.transaction(async (tx) => {
      await tx.audit.append({
        actor: SYSTEM_ACTOR,
        action: 'action.incident-report',
        subject: session.id,
        details: { file, changes: changes.length, outcome },
      });
      await openBreakglassSessions(tx).markReconciled(session.id, outcome);
    });
    written.push({ session, file, outcome });
  }
  return written;
}
