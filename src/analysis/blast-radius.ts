/**
 * Blast radius: how far the damage of a drift, and of the apply that puts it right, would spread.
 * A weighted sum of six factors, each 0..1, so every point of a score can be explained (the formula
 * and its reasons are in docs/blast-radius.md; keep the two together):
 *
 *   tier 0.30 · shared 0.10 · centrality 0.20 · severity 0.20 · kind 0.05 · impact 0.15
 *
 * Pure: findings and snapshots in, findings with `blastRadius` (and cascades) out, same order.
 */
import type {
  ApplyImpact,
  BlastRadius,
  BlastRadiusFactor,
  BlastRadiusLevel,
  DriftKind,
  Finding,
  Severity,
} from '../model/finding.js';
import type { Snapshot } from '../model/resource.js';
import type { DriftwardenConfig, Tier } from '../config/schema.js';
import { compileAddressGlob, type AddressMatcher } from '../config/address-glob.js';
import { stripStateLabel } from '../model/address.js';
import { buildDependencyGraph, transitiveDependents, type AnalysisGraph } from './graph.js';
import { withCascade } from './cascade.js';

export interface BlastRadiusInput {
  readonly findings: ReadonlyArray<Finding>;
  readonly recorded: Snapshot;
  readonly observed: Snapshot;
  /** Tiers and shared patterns; without a config every environment counts as unknown (staging-like). */
  readonly config?: DriftwardenConfig | undefined;
  /** The plan's resource_changes by address, when a plan was scanned: they decide the cascade. */
  readonly impacts?: ReadonlyMap<string, ApplyImpact>;
  /** A graph already built from the same snapshots (saves building it twice). */
  readonly graph?: AnalysisGraph;
}

export const WEIGHTS = { tier: 0.3, shared: 0.1, centrality: 0.2, severity: 0.2, kind: 0.05, impact: 0.15 } as const;

const TIER_VALUE: Readonly<Record<Tier, number>> = { development: 0.1, staging: 0.4, production: 0.8, shared: 1 };
/** An environment the config does not name: between staging and production, so it is never ignored. */
const UNKNOWN_TIER_VALUE = 0.5;

const SEVERITY_VALUE: Readonly<Record<Severity, number>> = { low: 0.1, medium: 0.4, high: 0.7, critical: 1 };

const KIND_VALUE: Readonly<Record<DriftKind, { value: number; why: string }>> = {
  policy: { value: 1, why: 'policy drift changes access or exposure' },
  missing: { value: 0.8, why: 'a missing resource breaks whatever uses it' },
  configuration: { value: 0.4, why: 'configuration drift changes behaviour' },
  version: { value: 0.4, why: 'version drift: environments run different code' },
  unmanaged: { value: 0.3, why: 'an unmanaged resource is outside review, but changes nothing managed' },
};

/** Transitive dependents at which centrality saturates: log2(1 + n) / 5 reaches 1 at n = 31. */
const CENTRALITY_SCALE = 5;

export function levelOf(score: number): BlastRadiusLevel {
  if (score >= 75) return 'critical';
  if (score >= 50) return 'high';
  if (score >= 25) return 'medium';
  return 'low';
}

function factor(name: keyof typeof WEIGHTS, value: number, why: string): BlastRadiusFactor {
  const weight = WEIGHTS[name];
  return { name, value: round(value, 2), weight, contribution: round(value * weight * 100, 1), why };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function impactFactor(impact: ApplyImpact | undefined, kind: DriftKind): BlastRadiusFactor {
  if (!impact) {
    return factor(
      'impact',
      kind === 'unmanaged' ? 0.2 : 0.5,
      kind === 'unmanaged' ? 'no apply touches an unmanaged resource' : 'apply impact unknown',
    );
  }
  const cascade = impact.cascade?.length ?? 0;
  switch (impact.action) {
    case 'replace':
      return cascade > 0
        ? factor('impact', 1, `replace with a cascade to ${cascade} dependent resource${cascade === 1 ? '' : 's'}`)
        : factor('impact', 0.7, `replace (${impact.replacePaths.join(', ') || 'forced'}), nothing depends on it`);
    case 'delete':
      return factor('impact', 0.7, 'the next apply deletes it');
    case 'create':
      return factor('impact', 0.5, 'the next apply creates it again (new id)');
    case 'update':
      return factor('impact', 0.3, 'in-place update, the id stays');
    case 'no-op':
      return factor('impact', 0, 'the next apply changes nothing (ignore_changes or already in line)');
    case 'unknown':
      return factor('impact', 0.5, 'the plan does not say what the apply does');
  }
}

export interface SharedMatcher {
  readonly env: string | undefined;
  readonly pattern: string;
  readonly matches: AddressMatcher;
}

function sharedMatchers(config: DriftwardenConfig | undefined): SharedMatcher[] {
  const out: SharedMatcher[] = [];
  for (const env of Object.values(config?.environments ?? {})) {
    for (const pattern of env.shared) {
      try {
        out.push({ env: env.name, pattern, matches: compileAddressGlob(pattern) });
      } catch {
        // The config loader already rejected invalid patterns with their key; nothing to add here.
      }
    }
  }
  return out;
}

/** Scores one finding; `dependents` is its number of transitive dependents across every state. */
export function scoreFinding(
  finding: Finding,
  dependents: number,
  config: DriftwardenConfig | undefined,
  shared: ReadonlyArray<SharedMatcher> = sharedMatchers(config),
): BlastRadius {
  const env = config?.environments[finding.environment];
  const tier = env
    ? factor('tier', TIER_VALUE[env.tier], `environment ${finding.environment} is ${env.tier}`)
    : factor(
        'tier',
        UNKNOWN_TIER_VALUE,
        `environment ${finding.environment} has no tier in the configuration (counted between staging and production)`,
      );
  const address = finding.resource.address;
  const hit = shared.find(
    (m) =>
      (env ? m.env === env.name : true) &&
      (m.matches(address, finding.resource.type) || m.matches(stripStateLabel(address), finding.resource.type)),
  );
  const sharedFactor = hit
    ? factor('shared', 1, `marked shared by pattern ${hit.pattern} (environments.${hit.env}.shared)`)
    : factor('shared', 0, 'not marked shared');
  const centrality = factor(
    'centrality',
    Math.min(1, Math.log2(1 + dependents) / CENTRALITY_SCALE),
    dependents === 0
      ? 'nothing depends on it'
      : `${dependents} resource${dependents === 1 ? '' : 's'} depend on it, transitively, across states`,
  );
  const severity = factor('severity', SEVERITY_VALUE[finding.severity], `${finding.severity} severity`);
  const kind = factor('kind', KIND_VALUE[finding.kind].value, KIND_VALUE[finding.kind].why);
  const factors = [tier, sharedFactor, centrality, severity, kind, impactFactor(finding.impact, finding.kind)];
  const score = Math.max(0, Math.min(100, Math.round(factors.reduce((sum, f) => sum + f.value * f.weight * 100, 0))));
  return { score, level: levelOf(score), factors };
}

/**
 * Every finding with its cascade (replacements only) and its blast radius. The graph spans every
 * state and the observation, so a security group's dependents in another state count.
 */
export function analyzeBlastRadius(input: BlastRadiusInput): Finding[] {
  const graph = input.graph ?? buildDependencyGraph(input.recorded, input.observed);
  const planImpacts = input.impacts ?? new Map<string, ApplyImpact>();
  const shared = sharedMatchers(input.config);
  const dependentCounts = new Map<string, number>();
  const countDependents = (address: string): number => {
    let count = dependentCounts.get(address);
    if (count === undefined) {
      count = graph.nodes.has(address) ? transitiveDependents(graph, address).length : 0;
      dependentCounts.set(address, count);
    }
    return count;
  };
  return input.findings.map((finding) => {
    const address = finding.resource.address;
    const impact = withCascade(address, finding.impact, graph, planImpacts);
    const withImpact: Finding = impact === finding.impact || !impact ? finding : { ...finding, impact };
    return { ...withImpact, blastRadius: scoreFinding(withImpact, countDependents(address), input.config, shared) };
  });
}
