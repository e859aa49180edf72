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
 * The first configured rule matching environment, type and kind; else the default: unmanaged
 * resources are pruned (which still needs prune enabled), version drift is notify-only, the rest
 * are reverted. `revertsUnmanaged` types (an attachment on a managed role) revert instead of prune.
 */
export function chooseStrategy(finding: Finding, settings: ReconcileConfig, revertsUnmanaged: boolean): Strategy {
  for (const rule of settings.strategies) {
    if (rule.environment !== undefined && rule.environment !== finding.environment) continue;
    if (!typeMatches(rule.type, finding.resource.type)) continue;
    if (rule.kind !== undefined && rule.kind !== finding.kind) continue;
    return rule.strategy;
  }
  if (finding.kind === 'version') return 'notify';
  if (finding.kind === 'unmanaged') return revertsUnmanaged ? 'revert' : 'prune';
  return 'revert';
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
