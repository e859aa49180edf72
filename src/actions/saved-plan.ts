/**
 * Saved plans (`reconcile --save-plan FILE`, `--apply-plan FILE`): like a saved Terraform plan, a
 * saved plan is applied only while reality still matches it. Every saved item that would act must
 * find its finding again in a fresh scan with the same fingerprint (the same observed and recorded
 * values) and the same idempotency key (the same API calls); otherwise the whole plan is refused,
 * naming each difference. What runs are the fresh plan's calls, never calls read from the file.
 *
 * Authority: a saved plan never carries more than the approvals recorded for it. Applying a plan
 * approves its `act` items (as `--approve` does in a live run); an item above the blast-radius
 * threshold (`needs-approval` in the fresh plan) runs only when its id was approved by name, at
 * save time (`--save-plan FILE --approve ID`) or at apply time (`--apply-plan FILE --approve ID`).
 * Every approval is an `action.approved` audit entry; one recorded in the file is honoured only
 * when that entry exists with the same approver, ids, time and digest of the approved items.
 */
import { createHash } from 'node:crypto';
import type { AuditLog } from '../store/index.js';
import { canonicalJson } from '../audit/canonical.js';
import { DriftwardenError } from '../model/errors.js';
import { readBoundedText } from '../sources/files.js';
import { parseJsonText } from '../sources/terraform/json-text.js';
import { writeReportFile } from '../report/index.js';
import { PLAN_VERSION, type PlanApproval, type PlanItem, type ReconcilePlan } from '../model/reconcile.js';

/** A saved plan larger than this is not one Driftwarden wrote (a plan item is well under 10 KB). */
const MAX_PLAN_BYTES = 64 * 1024 * 1024;

export async function savePlan(file: string, plan: ReconcilePlan): Promise<void> {
  await writeReportFile(file, `${JSON.stringify(plan, null, 2)}\n`);
}

const nextStepSave = 'pass a file written by `driftwarden reconcile --save-plan`';

export function loadPlan(file: string): ReconcilePlan {
  const text = readBoundedText(file, { what: 'saved plan', maxBytes: MAX_PLAN_BYTES, missingNextStep: nextStepSave });
  const parsed = parseJsonText(text, file, 'saved plan');
  const plan = parsed as Partial<ReconcilePlan> | null;
  if (plan === null || typeof plan !== 'object' || plan.version !== PLAN_VERSION || !Array.isArray(plan.items)) {
    throw new DriftwardenError('input.unsupported-version', `not a Driftwarden plan of version ${PLAN_VERSION}`, {
      file,
      nextStep: 'save the plan again with this version of `driftwarden reconcile --save-plan`',
    });
  }
  const badItem = plan.items.findIndex(
    (item: unknown) =>
      item === null ||
      typeof item !== 'object' ||
      typeof (item as PlanItem).findingId !== 'string' ||
      typeof (item as PlanItem).idempotencyKey !== 'string' ||
      typeof (item as PlanItem).fingerprint !== 'string',
  );
  if (badItem >= 0 || typeof plan.id !== 'string') {
    throw new DriftwardenError('input.invalid', 'the saved plan is damaged', {
      file,
      key: badItem >= 0 ? `items[${badItem}]` : 'id',
      nextStep: nextStepSave,
    });
  }
  if (plan.approvals !== undefined && !Array.isArray(plan.approvals)) {
    throw new DriftwardenError('input.invalid', 'the saved plan is damaged', {
      file,
      key: 'approvals',
      nextStep: nextStepSave,
    });
  }
  return plan as ReconcilePlan;
}

const acting = (item: PlanItem) => item.status === 'act' || item.status === 'needs-approval';

/** Binds an approval to exactly these items of this plan: any edit of an item's calls voids it. */
export function approvalDigest(planId: string, items: ReadonlyArray<PlanItem>): string {
  const bound = items.map((item) => [item.findingId, item.idempotencyKey]);
  return `sha256:${createHash('sha256')
    .update(canonicalJson({ planId, items: bound }))
    .digest('hex')}`;
}

/** Appends the `action.approved` entry for these items and returns the approval it proves. */
export async function recordApproval(
  log: AuditLog,
  plan: ReconcilePlan,
  items: ReadonlyArray<PlanItem>,
  by: string,
  stage: 'save' | 'apply',
): Promise<PlanApproval> {
  const ids = items.map((item) => item.findingId);
  const digest = approvalDigest(plan.id, items);
  const entry = await log.append({
    actor: by,
    action: 'action.approved',
    subject: plan.id,
    details: { ids, digest, stage },
  });
  return { by, ids, at: entry.time, digest, entry: { seq: entry.seq, hash: entry.hash } };
}

/** Why a recorded approval cannot be honoured, or undefined when the audit log proves it. */
async function approvalProblem(
  log: AuditLog,
  saved: ReconcilePlan,
  approval: PlanApproval,
): Promise<string | undefined> {
  if (
    approval === null ||
    typeof approval !== 'object' ||
    !Array.isArray(approval.ids) ||
    typeof approval.entry !== 'object' ||
    approval.entry === null
  )
    return 'it is not an approval Driftwarden recorded';
  // Each entry is checked against the chain around it: an approval edited into the database is refused too.
  const checked = (await log.checkedEntries({ actions: ['action.approved'], subject: saved.id })).find(
    (c) => c.entry.seq === approval.entry.seq && c.entry.hash === approval.entry.hash,
  );
  if (!checked)
    return `no matching action.approved entry (seq ${String(approval.entry.seq)}) in the audit log ${log.location}`;
  if (checked.problem !== undefined) return checked.problem;
  const entry = checked.entry;
  const details = entry.details as { ids?: unknown; digest?: unknown };
  if (
    entry.actor !== approval.by ||
    entry.time !== approval.at ||
    details.digest !== approval.digest ||
    canonicalJson(details.ids) !== canonicalJson(approval.ids)
  )
    return `it differs from the audit entry ${entry.seq} that recorded it`;
  const items = approval.ids.map((id) => saved.items.find((item) => item.findingId === id));
  if (items.some((item) => item === undefined) || approvalDigest(saved.id, items as PlanItem[]) !== approval.digest)
    return 'the approved items were edited after the approval';
  return undefined;
}

export interface SavedPlanSelection {
  /** Fresh plan items to act on (their calls equal the saved ones). */
  readonly approved: PlanItem[];
  /** Acting items without the approval they need. */
  readonly pending: PlanItem[];
}

/**
 * The items of a saved plan to act on now: refuses (throws) when reality moved or when a recorded
 * approval is not proven by the audit log; `explicitIds` are the ids approved by name now.
 */
export async function selectSavedPlan(
  saved: ReconcilePlan,
  fresh: ReconcilePlan,
  file: string,
  log: AuditLog,
  explicitIds: ReadonlyArray<string>,
): Promise<SavedPlanSelection> {
  const current = new Map(fresh.items.map((item) => [item.findingId, item]));
  const differences: string[] = [];
  const matched: PlanItem[] = [];
  for (const item of saved.items.filter(acting)) {
    const now = current.get(item.findingId);
    if (!now) differences.push(`${item.findingId} (${item.address}): the drift is gone or changed attributes`);
    else if (now.fingerprint !== item.fingerprint)
      differences.push(`${item.findingId} (${item.address}): the observed values changed`);
    else if (!acting(now))
      differences.push(`${item.findingId} (${item.address}): now skipped: ${now.reason ?? now.status}`);
    else if (now.idempotencyKey !== item.idempotencyKey)
      differences.push(`${item.findingId} (${item.address}): its API calls differ from the ones planned now`);
    else matched.push(now);
  }
  if (differences.length > 0) {
    throw new DriftwardenError(
      'usage',
      `the saved plan no longer matches reality, nothing was applied:\n  ${differences.join('\n  ')}`,
      { file, nextStep: 'run `driftwarden reconcile` again to review a fresh plan' },
    );
  }
  const refused: Array<{ i: number; problem: string }> = [];
  for (const [i, approval] of (saved.approvals ?? []).entries()) {
    const problem = await approvalProblem(log, saved, approval);
    if (problem !== undefined) refused.push({ i, problem });
  }
  if (refused.length > 0) {
    throw new DriftwardenError(
      'usage',
      `the saved plan carries approvals the audit log does not prove, nothing was applied:\n  ${refused.map((r) => `approvals[${r.i}]: ${r.problem}`).join('\n  ')}`,
      {
        file,
        key: `approvals[${refused[0]!.i}]`,
        nextStep: 'save the plan again, and approve items by id with --approve ID (at save or apply time)',
      },
    );
  }
  const unknown = explicitIds.filter((id) => !matched.some((item) => item.findingId === id));
  if (unknown.length > 0) {
    throw new DriftwardenError(
      'usage',
      `--approve names finding(s) the saved plan does not act on: ${unknown.join(', ')}`,
      {
        file,
        key: '--approve',
        nextStep: 'approve ids of the saved plan whose status is act or needs-approval',
      },
    );
  }
  const byName = new Set([...(saved.approvals ?? []).flatMap((a) => a.ids), ...explicitIds]);
  const approved = matched.filter((item) => item.status === 'act' || byName.has(item.findingId));
  const pending = matched.filter((item) => !approved.includes(item));
  return { approved, pending };
}
