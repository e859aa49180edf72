/**
 * The dependency graph as an inline SVG for the HTML report, drawn by a small layered layout (no
 * library, no network): dependencies on top, dependents below, nodes coloured by their worst
 * finding. A large graph is cut to the neighbourhood of the drifted resources (each drifted node,
 * what depends on it, and what it depends on directly), and the picture says so.
 *
 * Layout: layer = longest dependency chain below the node (cycles broken where first met); within
 * a layer, nodes sit at the mean position of their dependencies (one barycentre sweep), which is
 * enough to keep edges short for the graphs a drift report shows.
 */
import type { Severity } from '../../model/finding.js';
import type { DependencyGraph, GraphEdge, GraphNode } from '../../model/scan-result.js';

export const SEVERITY_FILL: Readonly<Record<Severity, string>> = {
  critical: '#b42318',
  high: '#d9480f',
  medium: '#b58100',
  low: '#1c64b8',
};
const CLEAN_FILL = '#eef1f6';

const NODE_WIDTH = 200;
const NODE_HEIGHT = 40;
const GAP_X = 24;
const GAP_Y = 56;
const MARGIN = 16;
const LABEL_CHARS = 28;

export interface GraphPictureOptions {
  /** Above this many nodes only the drifted neighbourhood is drawn (default 60). */
  readonly maxNodes?: number;
}

export interface GraphPicture {
  readonly svg: string;
  readonly shownNodes: number;
  readonly totalNodes: number;
  /** True when only the neighbourhood of drifted resources is drawn. */
  readonly limited: boolean;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `…${text.slice(text.length - max + 1)}`;
}

/** The drifted nodes, their transitive dependents and their direct dependencies, at most `max`. */
export function driftNeighbourhood(graph: DependencyGraph, max: number): Set<string> {
  const dependents = new Map<string, string[]>();
  const dependencies = new Map<string, string[]>();
  for (const edge of graph.edges) {
    push(dependents, edge.to, edge.from);
    push(dependencies, edge.from, edge.to);
  }
  const drifted = graph.nodes.filter((n) => n.findingIds.length > 0).map((n) => n.address);
  const keep = new Set<string>(drifted.slice(0, max));
  // Breadth first from every drifted node at once, so each gets its nearest neighbours first.
  let frontier = [...keep];
  for (const address of [...keep])
    for (const dep of dependencies.get(address) ?? []) if (keep.size < max) keep.add(dep);
  while (frontier.length > 0 && keep.size < max) {
    const next: string[] = [];
    for (const address of frontier) {
      for (const dependent of dependents.get(address) ?? []) {
        if (keep.has(dependent) || keep.size >= max) continue;
        keep.add(dependent);
        next.push(dependent);
      }
    }
    frontier = next;
  }
  return keep;
}

function layers(nodes: ReadonlyArray<GraphNode>, edges: ReadonlyArray<GraphEdge>): Map<string, number> {
  const dependencies = new Map<string, string[]>();
  for (const edge of edges) push(dependencies, edge.from, edge.to);
  const layer = new Map<string, number>();
  const onStack = new Set<string>();
  const visit = (address: string): number => {
    const known = layer.get(address);
    if (known !== undefined) return known;
    onStack.add(address);
    let depth = 0;
    for (const dep of dependencies.get(address) ?? []) {
      if (onStack.has(dep)) continue; // a cycle: this edge is drawn, but does not push the layer
      depth = Math.max(depth, visit(dep) + 1);
    }
    onStack.delete(address);
    layer.set(address, depth);
    return depth;
  };
  for (const node of nodes) visit(node.address);
  return layer;
}

export function renderGraphSvg(graph: DependencyGraph, options: GraphPictureOptions = {}): GraphPicture {
  const max = options.maxNodes ?? 60;
  const limited = graph.nodes.length > max;
  const keep = limited ? driftNeighbourhood(graph, max) : new Set(graph.nodes.map((n) => n.address));
  const nodes = graph.nodes.filter((n) => keep.has(n.address));
  const edges = graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to));
  const layerOf = layers(nodes, edges);

  const rows: GraphNode[][] = [];
  for (const node of nodes) (rows[layerOf.get(node.address) ?? 0] ??= []).push(node);
  const position = new Map<string, { x: number; y: number }>();
  const dependencies = new Map<string, string[]>();
  for (const edge of edges) push(dependencies, edge.from, edge.to);
  let width = 0;
  rows.forEach((row = [], index) => {
    const mean = (node: GraphNode): number => {
      const xs = (dependencies.get(node.address) ?? [])
        .map((d) => position.get(d)?.x)
        .filter((x): x is number => x !== undefined);
      return xs.length === 0 ? Number.MAX_SAFE_INTEGER : xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    row.sort((a, b) => mean(a) - mean(b) || (a.address < b.address ? -1 : 1));
    row.forEach((node, column) => {
      position.set(node.address, {
        x: MARGIN + column * (NODE_WIDTH + GAP_X),
        y: MARGIN + index * (NODE_HEIGHT + GAP_Y),
      });
    });
    width = Math.max(width, MARGIN * 2 + row.length * (NODE_WIDTH + GAP_X) - GAP_X);
  });
  const height = MARGIN * 2 + Math.max(1, rows.length) * (NODE_HEIGHT + GAP_Y) - GAP_Y;
  width = Math.max(width, 320);

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="dependency-graph" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(limited ? `Dependency graph: ${nodes.length} of ${graph.nodes.length} resources, the neighbourhood of drifted resources` : `Dependency graph: ${nodes.length} resources`)}</title>`,
    '<defs><marker id="dw-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8a94a6"/></marker></defs>',
  );
  for (const edge of edges) {
    const from = position.get(edge.from)!;
    const to = position.get(edge.to)!;
    // Dependent (lower) to dependency (upper); an edge within one layer (a cycle) bends sideways.
    const x1 = from.x + NODE_WIDTH / 2;
    const y1 = from.y;
    const x2 = to.x + NODE_WIDTH / 2;
    const y2 = to.y + NODE_HEIGHT;
    const bend = Math.max(24, Math.abs(y1 - y2) / 2);
    parts.push(
      `<path class="edge" d="M${x1},${y1} C${x1},${y1 - bend} ${x2},${y2 + bend} ${x2},${y2}" fill="none" stroke="#8a94a6" stroke-width="1.2"` +
        `${edge.source === 'reference' ? ' stroke-dasharray="4 3"' : ''} marker-end="url(#dw-arrow)"><title>${escapeXml(`${edge.from} → ${edge.to}: ${edge.reason}`)}</title></path>`,
    );
  }
  for (const node of nodes) {
    const { x, y } = position.get(node.address)!;
    const fill = node.worstSeverity ? SEVERITY_FILL[node.worstSeverity] : CLEAN_FILL;
    const ink = node.worstSeverity ? '#ffffff' : '#1d2433';
    const tip = `${node.address} (${node.type}, ${node.environment}${node.managed ? '' : ', unmanaged'})${
      node.findingIds.length > 0 ? `: ${node.findingIds.length} finding(s), worst ${node.worstSeverity}` : ''
    }`;
    parts.push(
      `<g class="node${node.findingIds.length > 0 ? ' drifted' : ''}" data-address="${escapeXml(node.address)}"${node.worstSeverity ? ` data-severity="${node.worstSeverity}"` : ''}>` +
        `<title>${escapeXml(tip)}</title>` +
        `<rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6" fill="${fill}" stroke="${node.managed ? '#5b6577' : '#b42318'}"${node.managed ? '' : ' stroke-dasharray="3 2"'}/>` +
        `<text x="${x + 8}" y="${y + 16}" font-size="11" font-family="ui-monospace, Menlo, Consolas, monospace" fill="${ink}">${escapeXml(cut(node.address, LABEL_CHARS))}</text>` +
        `<text x="${x + 8}" y="${y + 31}" font-size="10" font-family="sans-serif" fill="${ink}" opacity="0.85">${escapeXml(cut(`${node.type} · ${node.environment}`, LABEL_CHARS + 4))}</text>` +
        '</g>',
    );
  }
  parts.push('</svg>');
  return { svg: parts.join('\n'), shownNodes: nodes.length, totalNodes: graph.nodes.length, limited };
}
