/**
 * Text rendering of a plan and its outcomes, in the spirit of `terraform plan`. Each line is built
 * whole and then neutralized (model/text.ts): addresses, reasons and call inputs come from state and
 * API answers, and none of Driftwarden's own text holds a control character.
 */
import type { ApiCall } from '../model/catalogue.js';
import type { ItemResult, PlanItem, ReconcilePlan } from '../model/reconcile.js';
import type { RecoveryResult } from '../actions/recovery.js';
import { neutralize } from '../model/text.js';

/** `autoscaling:UpdateAutoScalingGroup {AutoScalingGroupName: app, DesiredCapacity: 3}` */
export function formatCall(call: ApiCall): string {
  const value = (v: unknown): string =>
    Array.isArray(v)
      ? `[${v.map(value).join(', ')}]`
      : v !== null && typeof v === 'object'
        ? `{${Object.entries(v)
            .map(([k, x]) => `${k}: ${value(x)}`)
            .join(', ')}}`
        : String(v);
  return `${call.service}:${call.operation} ${value(call.input)}${call.note ? ` (${call.note})` : ''}`;
}

const MARK: Readonly<Record<PlanItem['status'], string>> = { act: '~', 'needs-approval': '!', skip: '-', notify: 'i' };

export function renderPlan(plan: ReconcilePlan): string {
  if (plan.items.length === 0) return 'Reconciliation plan: no drift, nothing to do.\n';
  const lines = [
    `Reconciliation plan ${plan.id} (scan ${plan.scanId}${plan.commit ? `, commit ${plan.commit}` : ''}):`,
    '',
  ];
  for (const item of plan.items) {
    lines.push(
      `${MARK[item.status]} ${item.findingId}  ${item.kind} ${item.address} [${item.environment}]  strategy: ${item.strategy}, ${item.status}`,
    );
    for (const call of item.calls) lines.push(`      ${formatCall(call)}`);
    if (item.reason) lines.push(`      ${item.status === 'skip' ? 'skipped: ' : ''}${item.reason}`);
  }
  const count = (s: PlanItem['status']) => plan.items.filter((i) => i.status === s).length;
  lines.push(
    '',
    `Plan: ${count('act')} to act, ${count('needs-approval')} need approval, ${count('skip')} skipped, ${count('notify')} notify only.`,
  );
  return `${lines.map(neutralize).join('\n')}\n`;
}

export function renderResults(
  results: ReadonlyArray<ItemResult>,
  recovery: ReadonlyArray<RecoveryResult> = [],
): string {
  const lines: string[] = [];
  for (const r of recovery)
    lines.push(`recovered ${r.address} (${r.key}): ${r.result}${r.reason ? `: ${r.reason}` : ''}`);
  for (const r of results)
    lines.push(`${r.outcome.padEnd(8)} ${r.findingId} ${r.address}${r.reason ? `: ${r.reason}` : ''}`);
  return lines.length > 0 ? `${lines.map(neutralize).join('\n')}\n` : '';
}
