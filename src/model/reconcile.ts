/**
 * The reconciliation plan and its outcomes: data only (render.ts prints them). A plan is what
 * `terraform plan` is to apply: per finding, the strategy, the exact API calls, or why nothing
 * will be done. Saved to a file it carries each finding's fingerprint, so applying it later can
 * refuse when reality moved.
 */
import type { DriftKind } from './finding.js';
import type { Strategy } from '../config/schema.js';
import type { ApiCall } from './catalogue.js';

export const PLAN_VERSION = 1;

/**
 * `act`: calls ready, waiting for approval (or enforce mode). `needs-approval`: above the
 * blast-radius threshold, acted on only when its id is approved explicitly. `skip`: nothing will
 * be done (see `reason`). `notify`: the strategy is notify: reported only.
 */
export type ItemStatus = 'act' | 'needs-approval' | 'skip' | 'notify';

export interface PlanItem {
  readonly findingId: string;
  /** sha256 over the finding's resource id and every change's recorded and observed values. */
  readonly fingerprint: string;
  /** Finding id + fingerprint + calls: the same act planned twice has the same key. */
  readonly idempotencyKey: string;
  readonly kind: DriftKind;
  readonly address: string;
  readonly type: string;
  readonly environment: string;
  readonly resourceId?: string;
  readonly strategy: Strategy;
  readonly status: ItemStatus;
  readonly calls: ReadonlyArray<ApiCall>;
  readonly reason?: string;
  /** Blast-radius score used for the threshold, and where it came from. */
  readonly blastScore: number;
  readonly blastSource: 'analysis' | 'tier';
  /** Changed attribute paths (to recognize the drift again when verifying). */
  readonly paths: ReadonlyArray<string>;
}

export interface ReconcilePlan {
  readonly version: typeof PLAN_VERSION;
  readonly id: string;
  readonly createdAt: string;
  readonly scanId: string;
  /** The Git commit enforced (controller --repo), when known. */
  readonly commit?: string;
  readonly items: ReadonlyArray<PlanItem>;
  /**
   * Approvals recorded with a saved plan (`--save-plan FILE --approve ID`). A saved plan carries
   * no authority beyond these: each is re-checked against the audit log when the plan is applied.
   */
  readonly approvals?: ReadonlyArray<PlanApproval>;
}

/** Who approved which items of a plan, when; the audit entry that recorded it proves it. */
export interface PlanApproval {
  readonly by: string;
  /** Finding ids approved by name. */
  readonly ids: ReadonlyArray<string>;
  /** ISO 8601, the time of the audit entry. */
  readonly at: string;
  /** sha256 over the plan id and each approved item's finding id and idempotency key (its calls). */
  readonly digest: string;
  /** The `action.approved` audit entry that recorded this approval. */
  readonly entry: { readonly seq: number; readonly hash: string };
}

export type Outcome = 'reverted' | 'pruned' | 'codified' | 'notified' | 'failed' | 'skipped';

export interface ItemResult {
  readonly findingId: string;
  readonly address: string;
  readonly strategy: Strategy;
  readonly outcome: Outcome;
  readonly reason?: string;
  readonly idempotencyKey: string;
}
