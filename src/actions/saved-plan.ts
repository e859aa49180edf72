/**
 * Saved plans (`reconcile --save-plan FILE`, `--apply-plan FILE`): like a saved Terraform plan, a
 * saved plan is applied only while reality still matches it. Every saved item that would act must
 * find its finding again in a fresh scan with the same fingerprint (the same observed and recorded
 * values); otherwise the whole plan is refused, naming each difference.
 */
import { readFileSync } from 'node:fs';
import { DriftwardenError } from '../model/errors.js';
import { writeReportFile } from '../report/index.js';
import { PLAN_VERSION, type PlanItem, type ReconcilePlan } from '../model/reconcile.js';

export async function savePlan(file: string, plan: ReconcilePlan): Promise<void> {
  await writeReportFile(file, `${JSON.stringify(plan, null, 2)}\n`);
}

export function loadPlan(file: string): ReconcilePlan {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DriftwardenError('input.parse', 'cannot read the saved plan', {
      file,
      cause: err,
      nextStep: 'pass a file written by `driftwarden reconcile --save-plan`',
    });
  }
  const plan = parsed as Partial<ReconcilePlan>;
  if (plan.version !== PLAN_VERSION || !Array.isArray(plan.items)) {
    throw new DriftwardenError('input.unsupported-version', `not a Driftwarden plan of version ${PLAN_VERSION}`, {
      file,
      nextStep: 'save the plan again with this version of `driftwarden reconcile --save-plan`',
    });
  }
  return plan as ReconcilePlan;
}

const acting = (item: PlanItem) => item.status === 'act' || item.status === 'needs-approval';

/** The saved items to act on, when the fresh plan still shows the same drift; else refuses. */
export function checkSavedPlan(saved: ReconcilePlan, fresh: ReconcilePlan, file: string): PlanItem[] {
  const current = new Map(fresh.items.map((item) => [item.findingId, item]));
  const differences: string[] = [];
  for (const item of saved.items.filter(acting)) {
    const now = current.get(item.findingId);
    if (!now) differences.push(`${item.findingId} (${item.address}): the drift is gone or changed attributes`);
    else if (now.fingerprint !== item.fingerprint)
      differences.push(`${item.findingId} (${item.address}): the observed values changed`);
    else if (!acting(now))
      differences.push(`${item.findingId} (${item.address}): now skipped: ${now.reason ?? now.status}`);
  }
  if (differences.length > 0) {
    throw new DriftwardenError(
      'usage',
      `the saved plan no longer matches reality, nothing was applied:\n  ${differences.join('\n  ')}`,
      {
        file,
        nextStep: 'run `driftwarden reconcile` again to review a fresh plan',
      },
    );
  }
  return saved.items.filter(acting);
}
