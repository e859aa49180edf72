/**
 * The analysis a scan runs after the engine: cascades, blast radius, and the dependency graph with
 * the findings marked. Pure; run.ts calls `analyzeScan` once, right after `detectDrift`.
 */
import type { ApplyImpact, Finding } from '../model/finding.js';
import { severityRank } from '../model/finding.js';
import type { Snapshot } from '../model/resource.js';
import type { DependencyGraph, GraphNode } from '../model/scan-result.js';
import type { DriftwardenConfig } from '../config/schema.js';
import { analyzeBlastRadius } from './blast-radius.js';
import { buildDependencyGraph, type AnalysisGraph } from './graph.js';

export { analyzeBlastRadius, scoreFinding, levelOf, WEIGHTS } from './blast-radius.js';
export { buildDependencyGraph, transitiveDependents, type AnalysisGraph, type Dependent } from './graph.js';
export { cascadeOf } from './cascade.js';

export interface AnalyzeScanInput {
  readonly findings: ReadonlyArray<Finding>;
  readonly recorded: Snapshot;
  readonly observed: Snapshot;
  readonly config?: DriftwardenConfig | undefined;
  /** The plan's resource_changes by address (empty without a plan). */
  readonly impacts?: ReadonlyMap<string, ApplyImpact>;
}

export interface AnalyzeScanOutput {
  readonly findings: Finding[];
  readonly graph: DependencyGraph;
}

export function analyzeScan(input: AnalyzeScanInput): AnalyzeScanOutput {
  const graph = buildDependencyGraph(input.recorded, input.observed);
  const findings = analyzeBlastRadius({ ...input, graph });
  return { findings, graph: markFindings(graph, findings) };
}

/**
 * The graph as the ScanResult carries it: nodes sorted by address, each with its findings' ids
 * and worst severity. A finding on a resource outside the graph (an unmanaged resource that
 * touches nothing) gets a node of its own, so every drift is on the picture.
 */
export function markFindings(graph: AnalysisGraph, findings: ReadonlyArray<Finding>): DependencyGraph {
  const byAddress = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byAddress.get(finding.resource.address);
    if (list) list.push(finding);
    else byAddress.set(finding.resource.address, [finding]);
  }
  const nodes: GraphNode[] = [...graph.nodes.values()].map((node) => toNode(node, byAddress.get(node.address) ?? []));
  for (const [address, list] of byAddress) {
    if (graph.nodes.has(address)) continue;
    const first = list[0]!;
    nodes.push(
      toNode(
        {
          address,
          type: first.resource.type,
          environment: first.environment,
          ...(first.resource.id !== undefined ? { id: first.resource.id } : {}),
          managed: first.kind !== 'unmanaged',
        },
        list,
      ),
    );
  }
  nodes.sort((left, right) => (left.address < right.address ? -1 : left.address > right.address ? 1 : 0));
  return { nodes, edges: [...graph.edges] };
}

function toNode(node: Omit<GraphNode, 'findingIds' | 'worstSeverity'>, findings: ReadonlyArray<Finding>): GraphNode {
  const worst = findings.reduce<Finding | undefined>(
    (acc, f) => (!acc || severityRank(f.severity) > severityRank(acc.severity) ? f : acc),
    undefined,
  );
  return {
    address: node.address,
    type: node.type,
    environment: node.environment,
    ...(node.id !== undefined ? { id: node.id } : {}),
    managed: node.managed,
    findingIds: findings.map((f) => f.id).sort(),
    ...(worst ? { worstSeverity: worst.severity } : {}),
  };
}
