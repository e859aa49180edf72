/**
 * Runs the approved `codify` items through the codify strategy (src/actions/codify): the drift is
 * written into the Terraform code on a new branch instead of being reverted in the cloud. Recorded
 * like every act (`action.planned`, then `action.applied`/`failed`); its outcome comes from the
 * codify result (the cloud is not observed again: it is the code that changed).
 */
import type { AuditLog } from '../store/index.js';
import type { Finding } from '../model/finding.js';
import type { Resource } from '../model/resource.js';
import { codifyFindings } from './codify/index.js';
import { describeError } from './execute.js';
import type { ItemResult, PlanItem, ReconcilePlan } from '../model/reconcile.js';

export async function codifyItems(
  plan: ReconcilePlan,
  items: ReadonlyArray<PlanItem>,
  findings: ReadonlyArray<Finding>,
  codeDir: string | undefined,
  log: AuditLog,
  actor: string,
  observed: ReadonlyMap<string, Resource> = new Map(),
): Promise<ItemResult[]> {
  if (items.length === 0) return [];
  const byId = new Map(findings.map((f) => [f.id, f]));
  for (const item of items) {
    await log.append({
      actor,
      action: 'action.planned',
      subject: item.address,
      details: {
        key: item.idempotencyKey,
        planId: plan.id,
        findingId: item.findingId,
        fingerprint: item.fingerprint,
        strategy: 'codify',
        kind: item.kind,
        resource: { type: item.type, id: item.resourceId ?? null },
        calls: [],
        paths: item.paths,
      },
    });
  }
  const fail = async (item: PlanItem, reason: string): Promise<ItemResult> => {
    await log.append({
      actor,
      action: 'action.failed',
      subject: item.address,
      details: { key: item.idempotencyKey, findingId: item.findingId, reason },
    });
    return {
      findingId: item.findingId,
      address: item.address,
      strategy: 'codify',
      outcome: 'failed',
      reason,
      idempotencyKey: item.idempotencyKey,
    };
  };
  const failAll = async (reason: string): Promise<ItemResult[]> => {
    const out: ItemResult[] = [];
    for (const item of items) out.push(await fail(item, reason));
    return out;
  };
  if (codeDir === undefined) return failAll('codify needs the Terraform code: pass --code DIR (or --repo)');
  try {
    const result = await codifyFindings(items.map((i) => byId.get(i.findingId)!).filter(Boolean), {
      codeDir,
      commit: true,
      observed,
    });
    const out: ItemResult[] = [];
    for (const item of items) {
      const outcome = result.outcomes.find((o) => o.findingId === item.findingId);
      if (!outcome || outcome.status === 'skipped') {
        const detail = outcome?.changes
          .map((c) => (c.status === 'skipped' ? c.detail : ''))
          .filter(Boolean)
          .join('; ');
        out.push(await fail(item, `not codified${detail ? `: ${detail}` : ''}`));
        continue;
      }
      const reason = `${outcome.status === 'partial' ? 'partly ' : ''}written to branch ${result.branch ?? '(none)'}${result.commit ? ` at ${result.commit.slice(0, 12)}` : ''}`;
      await log.append({
        actor,
        action: 'action.applied',
        subject: item.address,
        details: {
          key: item.idempotencyKey,
          findingId: item.findingId,
          branch: result.branch ?? null,
          commit: result.commit ?? null,
        },
      });
      out.push({
        findingId: item.findingId,
        address: item.address,
        strategy: 'codify',
        outcome: 'codified',
        reason,
        idempotencyKey: item.idempotencyKey,
      });
    }
    return out;
  } catch (err) {
    return failAll(describeError(err));
  }
}
