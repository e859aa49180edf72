/**
 * Policy lookups: which strategy a finding gets, whether pruning is on for its type and
 * environment, and its blast-radius score for the approval threshold.
 */
import type { DriftwardenConfig, ReconcileConfig, Strategy, Tier } from '../config/schema.js';
import type { Finding } from '../model/finding.js';

function typeMatches(pattern: string | undefined, type: string): boolean {
  if (pattern === undefined) return true;
  return pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
}

/**
 * The first configured rule matching environment, type and kind; else `notify`. The default never
 * acts: reverting, pruning or codifying is something a team opts into in `reconcile.strategies`
 * (README, docs/driftwarden.example.yaml). An unmanaged finding of a type that reverts unmanaged
 * resources (a hand-made attachment on a managed role is detached) needs a `revert` rule for it.
 */
export function chooseStrategy(finding: Finding, settings: ReconcileConfig): Strategy {
  for (const rule of settings.strategies) {
    if (rule.environment !== undefined && rule.environment !== finding.environment) continue;
    if (!typeMatches(rule.type, finding.resource.type)) continue;
    if (rule.kind !== undefined && rule.kind !== finding.kind) continue;
    return rule.strategy;
  }
  return 'notify';
}

export function pruneEnabled(settings: ReconcileConfig, type: string, environment: string): boolean {
  return settings.prune.some(
    (rule) =>
      (rule.environment === undefined || rule.environment === environment) &&
      rule.types.some((t) => typeMatches(t, type)),
  );
}

export function instanceTypeRevertEnabled(settings: ReconcileConfig, environment: string): boolean {
  const value = settings.revertInstanceType;
  return typeof value === 'boolean' ? value : value.includes(environment);
}

/** Until the analysis provides a score, the tier stands in for it. */
const TIER_SCORE: Readonly<Record<Tier, number>> = { development: 10, staging: 40, production: 70, shared: 85 };

export function blastScore(
  finding: Finding,
  config: DriftwardenConfig | undefined,
): { score: number; source: 'analysis' | 'tier' } {
  if (finding.blastRadius) return { score: finding.blastRadius.score, source: 'analysis' };
  const tier = config?.environments[finding.environment]?.tier ?? 'development';
  return { score: TIER_SCORE[tier], source: 'tier' };
}
