/**
 * The dependency graph as an SVG with static coordinates (the HTML report inlines it, the dashboard's
 * estate graph serves it): dependencies on top, dependents below, nodes coloured by their worst
 * finding, laid out by ../graph-layout.ts (dagre per connected component, islands packed into
 * shelves). A large graph is cut to the neighbourhood of the drifted resources (each drifted node,
 * what depends on it, and what it depends on directly), and the picture says so. Every text is
 * XML-escaped; pan and zoom are added by graph-view.ts and are not needed to read the picture.
 */
import { severityRank, type Severity } from '../../model/finding.js';
import type { DependencyGraph, GraphNode } from '../../model/scan-result.js';
import { NODE_HEIGHT, NODE_WIDTH, layoutGraph } from '../graph-layout.js';
// The page's escaping (control and bidi characters shown as visible escapes): the SVG is inline in it.
import { escapeHtml as escapeXml } from './html-assets.js';

export const SEVERITY_FILL: Readonly<Record<Severity, string>> = {
  critical: '#b42318',
  high: '#d9480f',
  medium: '#b58100',
  low: '#1c64b8',
};
const CLEAN_FILL = '#eef1f6';

const LABEL_CHARS = 28;

export interface GraphPictureOptions {
  /** Above this many nodes only the drifted neighbourhood is drawn (default 60). */
  readonly maxNodes?: number;
  /** Where a node leads (the dashboard: its finding's page); a node without one is not a link. */
  readonly link?: (node: GraphNode) => string | undefined;
}

export interface GraphPicture {
  readonly svg: string;
  readonly shownNodes: number;
  readonly totalNodes: number;
  /** True when only the neighbourhood of drifted resources is drawn. */
  readonly limited: boolean;
  /** The picture's own size in px (the page scales it down to fit). */
  readonly width: number;
  readonly height: number;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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

/** Drifted first (worst severity first), then the rest, each in the graph's order: the first islands drawn. */
function drawingOrder(nodes: ReadonlyArray<GraphNode>): string[] {
  const rank = (node: GraphNode) => (node.worstSeverity ? severityRank(node.worstSeverity) : 0);
  return nodes
    .map((node, index) => ({ node, index }))
    .sort((a, b) => rank(b.node) - rank(a.node) || a.index - b.index)
    .map(({ node }) => node.address);
}

/** A smooth path through dagre's bend points: quadratic curves between the midpoints of the legs. */
function edgePath(points: ReadonlyArray<{ x: number; y: number }>): string {
  if (points.length === 0) return '';
  const at = (p: { x: number; y: number }) => `${p.x},${p.y}`;
  let d = `M${at(points[0]!)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const q = points[i + 1]!;
    d += ` Q${at(p)} ${(p.x + q.x) / 2},${(p.y + q.y) / 2}`;
  }
  if (points.length > 1) d += ` L${at(points[points.length - 1]!)}`;
  return d;
}

export function renderGraphSvg(graph: DependencyGraph, options: GraphPictureOptions = {}): GraphPicture {
  const max = options.maxNodes ?? 60;
  const limited = graph.nodes.length > max;
  const keep = limited ? driftNeighbourhood(graph, max) : new Set(graph.nodes.map((n) => n.address));
  const nodes = graph.nodes.filter((n) => keep.has(n.address));
  const edges = graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to));
  const layout = layoutGraph(drawingOrder(nodes), edges);
  const width = Math.max(layout.width, 320);
  const height = layout.height;
  const title = limited
    ? `Dependency graph: ${nodes.length} of ${graph.nodes.length} resources, the neighbourhood of drifted resources`
    : `Dependency graph: ${nodes.length} resources`;

  const parts: string[] = [];
  // Linked nodes make the picture interactive: a group whose links a keyboard and a screen reader
  // reach; without links it is one image whose text alternative is the title.
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="dependency-graph" role="${options.link ? 'group' : 'img'}" aria-label="${escapeXml(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<title>${escapeXml(title)}</title>`,
    '<defs><marker id="dw-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8a94a6"/></marker></defs>',
  );
  for (const placed of layout.edges) {
    const edge = edges[placed.index]!;
    parts.push(
      `<path class="edge" d="${edgePath(placed.points)}" fill="none" stroke="#8a94a6" stroke-width="1.2"` +
        `${edge.source === 'reference' ? ' stroke-dasharray="4 3"' : ''} marker-end="url(#dw-arrow)"><title>${escapeXml(`${edge.from} → ${edge.to}: ${edge.reason}`)}</title></path>`,
    );
  }
  for (const node of nodes) {
    const { x, y } = layout.nodes.get(node.address)!;
    const fill = node.worstSeverity ? SEVERITY_FILL[node.worstSeverity] : CLEAN_FILL;
    const ink = node.worstSeverity ? '#ffffff' : '#1d2433';
    const tip = `${node.address} (${node.type}, ${node.environment}${node.managed ? '' : ', unmanaged'})${
      node.findingIds.length > 0 ? `: ${node.findingIds.length} finding(s), worst ${node.worstSeverity}` : ''
    }`;
    const group =
      `<g class="node${node.findingIds.length > 0 ? ' drifted' : ''}" data-address="${escapeXml(node.address)}"${node.worstSeverity ? ` data-severity="${node.worstSeverity}"` : ''}>` +
      `<title>${escapeXml(tip)}</title>` +
      `<rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6" fill="${fill}" stroke="${node.managed ? '#5b6577' : '#b42318'}"${node.managed ? '' : ' stroke-dasharray="3 2"'}/>` +
      `<text x="${x + 8}" y="${y + 16}" font-size="11" font-family="ui-monospace, Menlo, Consolas, monospace" fill="${ink}">${escapeXml(cut(node.address, LABEL_CHARS))}</text>` +
      `<text x="${x + 8}" y="${y + 31}" font-size="10" font-family="sans-serif" fill="${ink}" opacity="0.85">${escapeXml(cut(`${node.type} · ${node.environment}`, LABEL_CHARS + 4))}</text>` +
      '</g>';
    const href = options.link?.(node);
    parts.push(
      href === undefined
        ? group
        : `<a class="node-link" href="${escapeXml(href)}" aria-label="${escapeXml(tip)}">${group}</a>`,
    );
  }
  parts.push('</svg>');
  return { svg: parts.join('\n'), shownNodes: nodes.length, totalNodes: graph.nodes.length, limited, width, height };
}
