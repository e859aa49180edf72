/**
 * Builds the reconciliation plan from a scan. Pure: findings, policy and break-glass lookups in,
 * plan out. Each finding passes the gates in this order, and the first that stops it names the
 * reason: incomplete scope, open break-glass session, strategy (notify, codify), prune enabled,
 * revert supported for every changed attribute, blast-radius threshold, per-run budget.
 *
 * Order of items (the order acts run in): reverts of policy drift first (exposure closes first),
 * then other reverts, then prunes (a policy is detached by a revert before it is deleted); then
 * type, then address. Two findings needing the same call (a role's extra attachment and the
 * unmanaged attachment itself) make it once: the later item drops the calls the earlier one makes.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { DriftwardenConfig } from '../config/schema.js';
import { reconcileSettings } from '../config/schema.js';
import type { Finding } from '../model/finding.js';
import type { ScanResult } from '../model/scan-result.js';
import { canonicalJson } from '../audit/canonical.js';
import { coveredPath, type ApiCall, type CatalogueEntry, type PlanContext } from '../model/catalogue.js';
import { entryOf } from '../observers/catalogue.js';
import { PLAN_VERSION, type PlanItem, type ReconcilePlan } from '../model/reconcile.js';
import { blastScore, chooseStrategy, instanceTypeRevertEnabled, pruneEnabled } from './strategy.js';

export interface PlanInput {
  readonly scan: ScanResult;
  readonly config: DriftwardenConfig | undefined;
  /** The id of an open break-glass session covering the finding, if any. */
  readonly sessionCovering: (finding: Finding) => string | undefined;
  readonly defaultRegion: string;
  /** When the plan is made (its `createdAt`). */
  readonly now: Date;
  readonly commit?: string;
  /** Why codify cannot run here, or undefined when it can. */
  readonly codifyUnavailable?: string;
}

export function findingFingerprint(finding: Finding): string {
  const values = {
    id: finding.resource.id ?? null,
    changes: finding.changes.map((c) => ({ path: c.path, recorded: c.recorded ?? null, observed: c.observed ?? null })),
  };
  return `sha256:${createHash('sha256').update(canonicalJson(values)).digest('hex')}`;
}

export function idempotencyKey(findingId: string, fingerprint: string, calls: ReadonlyArray<ApiCall>): string {
  return createHash('sha256')
    .update(`${findingId}\0${fingerprint}\0${canonicalJson(calls)}`)
    .digest('hex')
    .slice(0, 32);
}

function incompleteScopeOf(finding: Finding, scan: ScanResult): string | undefined {
  const scope = scan.scan.incompleteScopes.find(
    (s) =>
      s.type === finding.resource.type &&
      (finding.resource.account === undefined || s.account === finding.resource.account) &&
      (finding.resource.region === undefined || s.region === finding.resource.region),
  );
  return scope ? `scope ${scope.type}/${scope.account}/${scope.region} is incomplete (${scope.reason})` : undefined;
}

const ORDER = (item: PlanItem) =>
  item.strategy === 'revert' ? (item.kind === 'policy' ? 0 : 1) : item.strategy === 'prune' ? 2 : 3;

export function buildPlan(input: PlanInput): ReconcilePlan {
  const { scan, config } = input;
  const settings = reconcileSettings(config);
  const managed = new Map<string, Set<string>>();
  for (const node of scan.graph?.nodes ?? []) {
    if (!node.managed || node.id === undefined) continue;
    if (!managed.has(node.type)) managed.set(node.type, new Set());
    managed.get(node.type)!.add(node.id);
  }
  const items: PlanItem[] = [];
  for (const finding of scan.findings) {
    const ctx: PlanContext = {
      defaultRegion: input.defaultRegion,
      managedIds: (type) => (scan.graph ? (managed.get(type) ?? new Set()) : undefined),
      instanceTypeRevert: instanceTypeRevertEnabled(settings, finding.environment),
      vspherePowerOff: config?.environments[finding.environment]?.vsphere?.allowPowerOff === true,
    };
    const actions = entryOf(finding.resource.type);
    const strategy = chooseStrategy(finding, settings);
    const fingerprint = findingFingerprint(finding);
    const blast = blastScore(finding, config);
    const base = {
      findingId: finding.id,
      fingerprint,
      kind: finding.kind,
      address: finding.resource.address,
      type: finding.resource.type,
      environment: finding.environment,
      ...(finding.resource.id !== undefined ? { resourceId: finding.resource.id } : {}),
      strategy,
      blastScore: blast.score,
      blastSource: blast.source,
      paths: finding.changes.map((c) => c.path),
    };
    const skip = (reason: string): PlanItem => ({
      ...base,
      status: 'skip',
      calls: [],
      reason,
      idempotencyKey: idempotencyKey(finding.id, fingerprint, []),
    });
    const gate = gateOf(finding, input, strategy, settings);
    if (gate) {
      items.push(
        gate === 'notify'
          ? {
              ...base,
              status: 'notify',
              calls: [],
              reason: 'strategy notify',
              idempotencyKey: idempotencyKey(finding.id, fingerprint, []),
            }
          : skip(gate),
      );
      continue;
    }
    const planned = planCalls(finding, strategy, actions, ctx);
    if ('unsupported' in planned) {
      items.push(skip(planned.unsupported));
      continue;
    }
    const needsApproval = blast.score > settings.approvalAbove;
    items.push({
      ...base,
      status: needsApproval ? 'needs-approval' : 'act',
      calls: planned.calls,
      ...(needsApproval
        ? {
            reason: `blast radius ${blast.score} (${blast.source}) is above ${settings.approvalAbove}: approve it by id`,
          }
        : strategy === 'codify'
          ? { reason: 'codify: the observed values are written into the Terraform code on a new branch' }
          : {}),
      idempotencyKey: idempotencyKey(finding.id, fingerprint, planned.calls),
    });
  }
  items.sort((a, b) => ORDER(a) - ORDER(b) || a.type.localeCompare(b.type) || a.address.localeCompare(b.address));
  return {
    version: PLAN_VERSION,
    id: randomUUID(),
    createdAt: input.now.toISOString(),
    scanId: scan.scan.id,
    ...(input.commit !== undefined ? { commit: input.commit } : {}),
    items: applyBudget(dropRepeatedCalls(items), settings.maxActionsPerRun),
  };
}

/** The first gate that stops a finding: a reason, 'notify', or undefined when it may be planned. */
function gateOf(
  finding: Finding,
  input: PlanInput,
  strategy: string,
  settings: ReturnType<typeof reconcileSettings>,
): string | undefined {
  const incomplete = incompleteScopeOf(finding, input.scan);
  if (incomplete) return incomplete;
  const session = input.sessionCovering(finding);
  if (session) return `break-glass session ${session} is open over it: recorded, reconciled when it closes`;
  if (strategy === 'notify') return 'notify';
  if (strategy === 'codify') return input.codifyUnavailable;
  if (strategy === 'prune' && finding.kind !== 'unmanaged')
    return `prune applies to unmanaged resources only, not ${finding.kind} drift`;
  if (strategy === 'prune' && !pruneEnabled(settings, finding.resource.type, finding.environment)) {
    return `prune not enabled for ${finding.resource.type} in environment ${finding.environment} (reconcile.prune)`;
  }
  if (strategy === 'revert' && finding.kind === 'missing')
    return 'a missing resource is recreated by `terraform apply`, not by a revert';
  return undefined;
}

function planCalls(
  finding: Finding,
  strategy: string,
  actions: CatalogueEntry | undefined,
  ctx: PlanContext,
): { calls: ReadonlyArray<ApiCall> } | { unsupported: string } {
  // Codify changes code, not the cloud: no API calls (codify-run.ts writes the branch).
  if (strategy === 'codify') return { calls: [] };
  if (strategy === 'prune') {
    if (!actions?.prune) return { unsupported: `prune is not supported for ${finding.resource.type}` };
    return actions.prune.plan(finding, ctx);
  }
  const revert = actions?.revert;
  if (!revert) return { unsupported: `revert is not supported for ${finding.resource.type}` };
  if (finding.kind === 'unmanaged' && !revert.unmanaged)
    return { unsupported: `an unmanaged ${finding.resource.type} is pruned, not reverted` };
  const sensitive = finding.changes.find((c) => c.sensitive);
  if (sensitive)
    return { unsupported: `${sensitive.path} is sensitive: its recorded value is not available to revert` };
  const unsupported = finding.changes.filter((c) => !coveredPath(c.path, revert.attributes)).map((c) => c.path);
  if (unsupported.length > 0)
    return { unsupported: `revert not supported for ${unsupported.join(', ')} of ${finding.resource.type}` };
  const planned = revert.plan(finding, ctx);
  if ('calls' in planned && planned.calls.length === 0 && finding.kind !== 'unmanaged')
    return { unsupported: 'nothing to call: the recorded values are already in place' };
  return planned;
}

function dropRepeatedCalls(items: PlanItem[]): PlanItem[] {
  const made = new Map<string, string>();
  return items.map((item) => {
    if (item.status !== 'act' && item.status !== 'needs-approval') return item;
    const own = item.calls.filter((call) => !made.has(canonicalJson(call)));
    const repeated = item.calls.length - own.length;
    const coveredBy = item.calls.map((call) => made.get(canonicalJson(call))).find((id) => id !== undefined);
    for (const call of own) made.set(canonicalJson(call), item.findingId);
    if (repeated === 0) return item;
    return { ...item, calls: own, reason: `${repeated} call(s) already made for finding ${coveredBy}` };
  });
}

function applyBudget(items: PlanItem[], budget: number): PlanItem[] {
  let used = 0;
  return items.map((item) => {
    if (item.status !== 'act' && item.status !== 'needs-approval') return item;
    if (item.calls.length === 0) return item;
    used += 1;
    if (used <= budget) return item;
    return {
      ...item,
      status: 'skip',
      reason: `action budget exceeded (${budget} per run: reconcile.max_actions_per_run); next run`,
    };
  });
}
