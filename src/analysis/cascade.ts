/**
 * Cascades: a replacement gives the resource a new id, so everything that depends on it
 * (transitively, across states) has to change too. With a plan, Terraform already computed which
 * dependents change: its resource_changes win, and a dependent the plan leaves alone is not in the
 * cascade. Without a plan, every transitive dependent is (Driftwarden's rules: the safe side).
 */
import type { ApplyImpact } from '../model/finding.js';
import { transitiveDependents, type AnalysisGraph } from './graph.js';

export interface Cascade {
  readonly cascade: string[];
  readonly cascadeReasons: Record<string, string>;
}

/**
 * The cascade of one impact on the resource at `address`, or undefined when the action is not a
 * replacement (an in-place update keeps the id, so nothing downstream has to change).
 * `planImpacts` holds the plan's resource_changes by address (empty without a plan).
 */
export function cascadeOf(
  address: string,
  impact: ApplyImpact | undefined,
  graph: AnalysisGraph,
  planImpacts: ReadonlyMap<string, ApplyImpact>,
): Cascade | undefined {
  if (impact?.action !== 'replace') return undefined;
  const cascade: string[] = [];
  const cascadeReasons: Record<string, string> = {};
  for (const dependent of transitiveDependents(graph, address)) {
    const edge = dependent.via === address ? dependent.reason : `${dependent.reason}, via ${dependent.via}`;
    if (impact.source === 'plan') {
      const planned = planImpacts.get(dependent.address);
      if (!planned || planned.action === 'no-op') continue;
      cascadeReasons[dependent.address] =
        `plan: ${planned.action}${planned.reason ? ` (${planned.reason})` : ''}; ${edge}`;
    } else {
      cascadeReasons[dependent.address] = edge;
    }
    cascade.push(dependent.address);
  }
  return { cascade, cascadeReasons };
}

/** The impact with its cascade attached (unchanged when there is none to add). */
export function withCascade(
  address: string,
  impact: ApplyImpact | undefined,
  graph: AnalysisGraph,
  planImpacts: ReadonlyMap<string, ApplyImpact>,
): ApplyImpact | undefined {
  const found = cascadeOf(address, impact, graph, planImpacts);
  if (!impact || !found) return impact;
  return { ...impact, cascade: found.cascade, cascadeReasons: found.cascadeReasons };
}
