/**
 * `driftwarden graph` output: Graphviz DOT (one cluster per environment, nodes filled by their
 * worst finding, reference edges dashed) and JSON (versioned: GRAPH_SCHEMA_VERSION). Every
 * identifier is a quoted DOT string, so addresses with quotes and brackets stay one id, and two
 * addresses never share one (dotId).
 */
import type { Finding } from '../model/finding.js';
import type { DependencyGraph } from '../model/scan-result.js';
import { jsonText, neutralize } from '../model/text.js';
import { SEVERITY_FILL } from './scan/graph-svg.js';

export const GRAPH_FORMATS = ['dot', 'json'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export const GRAPH_SCHEMA_VERSION = '1.0';

/**
 * A DOT quoted string of lines: each line neutralized (control, separator and bidi characters become
 * visible escapes, so `cat graph.dot` cannot drive a terminal and no input line break survives), then
 * `"` escaped and a backslash doubled so it is never a DOT escape; the lines are joined with DOT's `\n`.
 */
export function dotString(...lines: ReadonlyArray<string>): string {
  return `"${lines.map((line) => neutralize(line).replace(/\\/g, '\\\\').replace(/"/g, '\\"')).join('\\n')}"`;
}

/**
 * A node's DOT id: one-to-one with its address. `dotString` alone is not: a raw ESC and the four
 * characters `\x1b` both read `\x1b` once neutralized, and two resources would merge into one node.
 * Here a literal backslash is doubled before neutralizing, so every backslash an escape adds stands
 * alone and every literal one comes in a pair. Only ids: labels stay as a person reads them.
 */
export function dotId(address: string): string {
  return dotString(address.replace(/\\/g, '\\\\'));
}

export function renderDot(graph: DependencyGraph, findings: ReadonlyArray<Finding> = []): string {
  const scores = blastScores(findings);
  const lines = [
    'digraph driftwarden {',
    '  rankdir=BT;',
    '  node [shape=box, style="rounded,filled", fillcolor="#eef1f6", fontname="Helvetica", fontsize=10];',
    '  edge [color="#8a94a6", fontsize=8];',
  ];
  const environments = [...new Set(graph.nodes.map((n) => n.environment))].sort();
  environments.forEach((environment, index) => {
    lines.push(`  subgraph ${dotString(`cluster_${index}`)} {`, `    label=${dotString(environment)};`);
    for (const node of graph.nodes.filter((n) => n.environment === environment)) {
      const attrs = [`label=${dotString(node.address, node.type)}`];
      if (node.worstSeverity) {
        const score = scores.get(node.address);
        attrs.push(`fillcolor=${dotString(SEVERITY_FILL[node.worstSeverity])}`, 'fontcolor="#ffffff"');
        attrs.push(
          `tooltip=${dotString(`${node.findingIds.length} finding(s), worst ${node.worstSeverity}${score !== undefined ? `, blast radius ${score}` : ''}`)}`,
        );
      }
      if (!node.managed) attrs.push('color="#b42318"', 'style="rounded,filled,dashed"');
      lines.push(`    ${dotId(node.address)} [${attrs.join(', ')}];`);
    }
    lines.push('  }');
  });
  for (const edge of graph.edges) {
    const attrs = [`tooltip=${dotString(edge.reason)}`];
    if (edge.source === 'reference') attrs.push('style=dashed');
    lines.push(`  ${dotId(edge.from)} -> ${dotId(edge.to)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The highest blast-radius score per address, for tooltips. */
function blastScores(findings: ReadonlyArray<Finding>): Map<string, number> {
  const scores = new Map<string, number>();
  for (const finding of findings) {
    const score = finding.blastRadius?.score;
    if (score === undefined) continue;
    scores.set(finding.resource.address, Math.max(score, scores.get(finding.resource.address) ?? 0));
  }
  return scores;
}

export function renderGraphJson(graph: DependencyGraph, findings: ReadonlyArray<Finding> = []): string {
  const byId = new Map(findings.map((f) => [f.id, f]));
  const document = {
    graphSchemaVersion: GRAPH_SCHEMA_VERSION,
    nodes: graph.nodes.map((node) => ({
      address: node.address,
      type: node.type,
      environment: node.environment,
      ...(node.id !== undefined ? { id: node.id } : {}),
      managed: node.managed,
      findingIds: [...node.findingIds],
      findings: node.findingIds.map((id) => {
        const finding = byId.get(id);
        return {
          id,
          ...(finding ? { kind: finding.kind, severity: finding.severity } : {}),
          ...(finding?.blastRadius ? { blastRadius: finding.blastRadius.score } : {}),
        };
      }),
      ...(node.worstSeverity ? { worstSeverity: node.worstSeverity } : {}),
    })),
    edges: graph.edges.map((edge) => ({ from: edge.from, to: edge.to, source: edge.source, reason: edge.reason })),
  };
  return `${jsonText(document, 2)}\n`;
}
