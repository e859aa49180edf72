/**
 * `driftwarden reconcile`: scan, show the reconciliation plan, and act only on approval
 * (`--approve` for every item the plan marks to act, `--approve ID,ID` for exactly those, or
 * `--apply-plan FILE` for a saved plan that still matches reality, with no more authority than the
 * approvals recorded for it, see actions/saved-plan.ts). Dry run by default.
 * Exit codes: 0 nothing to do or everything acted on succeeded; 2 the plan has actions that were
 * not applied; 1 an error or a failed action.
 */
import { resolve } from 'node:path';
import { userInfo } from 'node:os';
import { parseDuration } from '../config/schema.js';
import { DriftwardenError } from '../model/errors.js';
import { createProgress } from '../report/index.js';
import { EXIT_DRIFT, EXIT_ERROR, EXIT_NO_DRIFT, type ExitCode } from '../scan/fail-on.js';
import { runReconcile, type Approval } from '../actions/reconcile.js';
import { loadPlan, savePlan } from '../actions/saved-plan.js';
import { renderPlan, renderResults } from '../report/reconcile-plan.js';
import { resolveSourceConfig, scanOptionsFromFlags, storeLocationFor, type SourceFlags } from './source-options.js';
import type { Io } from './io.js';
import { human, jsonText } from '../model/text.js';

export interface ReconcileFlags extends SourceFlags {
  readonly approve?: string | boolean;
  readonly savePlan?: string;
  readonly applyPlan?: string;
  readonly output: string;
  readonly by?: string;
  readonly leaseWait: string;
}

function durationFlag(text: string, flag: string): number {
  if (!/^(?:\d+[smh])+$/.test(text.trim())) {
    throw new DriftwardenError('usage', `invalid duration "${text}" for ${flag}`, {
      key: flag,
      nextStep: 'write a duration such as 30s, 10m or 1h (0s: do not wait)',
    });
  }
  return parseDuration(text.trim());
}

export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function approvedIds(flags: ReconcileFlags): ReadonlyArray<string> | 'all' | undefined {
  if (flags.approve === undefined) return undefined;
  if (flags.approve === true) return 'all';
  const ids = String(flags.approve)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0)
    throw new DriftwardenError('usage', '--approve needs finding ids, or no value to approve every item', {
      key: '--approve',
    });
  return ids;
}

function approvalOf(flags: ReconcileFlags): Approval {
  const ids = approvedIds(flags);
  if (flags.applyPlan !== undefined) {
    if (ids === 'all')
      throw new DriftwardenError(
        'usage',
        "--apply-plan already approves the saved plan's act items; --approve takes the ids of items that need approval",
        { key: '--approve', nextStep: '--apply-plan FILE --approve dw-ID,dw-ID' },
      );
    const file = resolve(flags.applyPlan);
    return { kind: 'saved', plan: loadPlan(file), file, ids: ids ?? [] };
  }
  // Saving a plan is for acting later: --approve then records the approval with it.
  if (flags.savePlan !== undefined && ids !== undefined) return { kind: 'record', ids };
  if (ids === undefined) return { kind: 'none' };
  return ids === 'all' ? { kind: 'all' } : { kind: 'ids', ids };
}

export async function reconcileCommand(flags: ReconcileFlags, io: Io): Promise<ExitCode> {
  if (flags.output !== 'text' && flags.output !== 'json') {
    throw new DriftwardenError('usage', `unknown output format "${flags.output}"`, {
      key: '--output',
      nextStep: 'use text or json',
    });
  }
  const config = await resolveSourceConfig(flags);
  const approval = approvalOf(flags);
  const leaseWaitMs = durationFlag(flags.leaseWait, '--lease-wait');
  const scanOptions = await scanOptionsFromFlags(flags, config, io);
  const progress = createProgress({
    tty: Boolean(io.stderr.isTTY),
    stream: io.stderr,
    verbose: flags.verbose ?? false,
  });
  let result;
  try {
    result = await runReconcile({
      scanOptions,
      config,
      storeLocation: storeLocationFor(flags, config, io.env),
      approval,
      actor: flags.by ?? osUser(),
      clock: io.clock,
      ...(io.checkpoint ? { checkpoint: io.checkpoint } : {}),
      progress,
      leaseWait: {
        waitMs: leaseWaitMs,
        onWait: (held) =>
          io.stderr.write(
            human`driftwarden: ${held.name} is held by ${held.owner} (another reconcile or the controller) until ${held.expiresAt}${leaseWaitMs === 0 ? '' : `; waiting up to ${flags.leaseWait}`}\n`,
          ),
      },
      warn: (line) => io.stderr.write(human`driftwarden: warning: ${line}\n`),
    });
  } finally {
    progress.stop();
  }
  if (result === undefined) {
    // --lease-wait 0s and another process holds the lease: nothing was scanned or done.
    io.stderr.write(
      'driftwarden: reconcile skipped: another reconcile or the controller is acting on these environments\n',
    );
    return EXIT_ERROR;
  }
  if (flags.savePlan !== undefined) {
    await savePlan(resolve(flags.savePlan), result.plan);
    const recorded = result.plan.approvals?.at(-1);
    io.stderr.write(
      recorded
        ? human`driftwarden: plan written to ${flags.savePlan} with the approval of ${recorded.ids.length} item(s) by ${recorded.by} (audit entry ${recorded.entry.seq}); nothing was changed\n`
        : human`driftwarden: plan written to ${flags.savePlan}\n`,
    );
  }
  if (flags.output === 'json') {
    io.stdout.write(
      `${jsonText({ plan: result.plan, results: result.results, recovery: result.recovery, pending: result.pending.map((i) => i.findingId) }, 2)}\n`,
    );
  } else {
    io.stdout.write(renderPlan(result.plan));
    const outcome = renderResults(result.results, result.recovery);
    if (outcome) io.stdout.write(`\nOutcome:\n${outcome}`);
    if ((approval.kind === 'none' || approval.kind === 'record') && result.pending.length > 0) {
      io.stdout.write(
        `\nDry run: nothing was changed. Act with --approve, or --approve ${result.pending[0]!.findingId} for one item.\n`,
      );
    }
  }
  for (const failed of result.results.filter((r) => r.outcome === 'failed')) {
    io.stderr.write(human`driftwarden: ${failed.address}: ${failed.reason ?? 'failed'}\n`);
  }
  if (result.results.some((r) => r.outcome === 'failed') || result.recovery.some((r) => r.result === 'failed'))
    return EXIT_ERROR;
  if (result.pending.length > 0) return EXIT_DRIFT;
  return EXIT_NO_DRIFT;
}
