/**
 * Coordinates for the dependency graph pictures (the HTML report and the dashboard's estate graph),
 * computed at render time in Node so the page carries a static picture that needs no script.
 *
 * Layered layout by @dagrejs/dagre (maintained, MIT, synchronous, ~50 KB with its graphlib):
 * dependencies above their dependents. dagre places every rank on one line, and a drift estate is
 * mostly small islands (a bucket and its policy, a role and its attachments) plus resources with no
 * edge at all; laid out as one graph those islands sit side by side in the top rank and the picture
 * grows thousands of pixels wide. So each connected component is laid out on its own and the
 * components are packed into shelves no wider than the widest component (or TARGET_WIDTH).
 *
 * dagre is loaded on the first layout, not at import: the CLI imports the report module for every
 * command, and start-up must not pay for a library only HTML and the dashboard graph use.
 */
import { createRequire } from 'node:module';
import type * as Dagre from '@dagrejs/dagre';

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 40;
const NODE_GAP = 20;
const RANK_GAP = 48;
const COMPONENT_GAP = 32;
/** Shelves are at most this wide unless one component is wider on its own. */
const TARGET_WIDTH = 1280;
export const MARGIN = 16;

export interface LayoutEdgeInput {
  readonly from: string;
  readonly to: string;
}

export interface PlacedNode {
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
}

export interface PlacedEdge {
  readonly index: number;
  /** From the dependent's border to the dependency's border, bends in between. */
  readonly points: ReadonlyArray<{ readonly x: number; readonly y: number }>;
}

export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: ReadonlyMap<string, PlacedNode>;
  /** One per input edge whose ends are both laid out, in input order. */
  readonly edges: ReadonlyArray<PlacedEdge>;
}

let dagre: typeof Dagre | undefined;
function loadDagre(): typeof Dagre {
  dagre ??= createRequire(import.meta.url)('@dagrejs/dagre') as typeof Dagre;
  return dagre;
}

/** Connected components (edges taken undirected), each in the input's node order, biggest first. */
function components(addresses: ReadonlyArray<string>, edges: ReadonlyArray<LayoutEdgeInput>): string[][] {
  const parent = new Map(addresses.map((a) => [a, a]));
  const root = (a: string): string => {
    let r = a;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(a, r);
    return r;
  };
  for (const edge of edges) {
    if (!parent.has(edge.from) || !parent.has(edge.to)) continue;
    parent.set(root(edge.from), root(edge.to));
  }
  const groups = new Map<string, string[]>();
  for (const address of addresses) {
    const r = root(address);
    const group = groups.get(r);
    if (group) group.push(address);
    else groups.set(r, [address]);
  }
  // Stable: equal sizes keep their first node's input order (the caller's order is meaningful).
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

interface Block {
  readonly width: number;
  readonly height: number;
  readonly nodes: Map<string, PlacedNode>;
  readonly edges: Map<number, Array<{ x: number; y: number }>>;
}

function layoutComponent(addresses: ReadonlyArray<string>, edges: ReadonlyArray<[number, LayoutEdgeInput]>): Block {
  if (addresses.length === 1 && edges.length === 0) {
    return {
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      nodes: new Map([[addresses[0]!, { x: 0, y: 0 }]]),
      edges: new Map(),
    };
  }
  const { graphlib, layout } = loadDagre();
  const g = new graphlib.Graph({ multigraph: true });
  // rankdir BT: an edge runs from a dependent up to its dependency, so dependencies sit on top.
  g.setGraph({ rankdir: 'BT', nodesep: NODE_GAP, edgesep: 10, ranksep: RANK_GAP, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const address of addresses) g.setNode(address, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const [index, edge] of edges) g.setEdge(edge.from, edge.to, {}, String(index));
  layout(g);
  const nodes = new Map<string, PlacedNode>();
  for (const address of addresses) {
    const n = g.node(address);
    nodes.set(address, { x: n.x - NODE_WIDTH / 2, y: n.y - NODE_HEIGHT / 2 });
  }
  const placed = new Map<number, Array<{ x: number; y: number }>>();
  for (const [index, edge] of edges) {
    const label = g.edge({ v: edge.from, w: edge.to, name: String(index) }) as {
      points?: Array<{ x: number; y: number }>;
    };
    placed.set(
      index,
      (label.points ?? []).map((p) => ({ x: p.x, y: p.y })),
    );
  }
  const graph = g.graph();
  return { width: graph.width ?? NODE_WIDTH, height: graph.height ?? NODE_HEIGHT, nodes, edges: placed };
}

/**
 * Lays out `addresses` (in the order given: it decides which islands come first) with `edges` from
 * a dependent to its dependency. Edges to addresses not listed are left out. Deterministic.
 */
export function layoutGraph(addresses: ReadonlyArray<string>, edges: ReadonlyArray<LayoutEdgeInput>): GraphLayout {
  const known = new Set(addresses);
  const kept = edges
    .map((edge, index) => [index, edge] as [number, LayoutEdgeInput])
    .filter(([, e]) => known.has(e.from) && known.has(e.to));
  const groups = components(
    addresses,
    kept.map(([, e]) => e),
  );
  const componentOf = new Map<string, number>();
  groups.forEach((group, index) => group.forEach((a) => componentOf.set(a, index)));
  const edgesOf = groups.map(() => [] as Array<[number, LayoutEdgeInput]>);
  for (const entry of kept) edgesOf[componentOf.get(entry[1].from)!]!.push(entry);
  const blocks = groups.map((group, index) => layoutComponent(group, edgesOf[index]!));

  // Shelf packing: left to right, a new shelf when the next block would pass the shelf width.
  const shelfWidth = Math.max(TARGET_WIDTH - 2 * MARGIN, ...blocks.map((b) => b.width));
  const nodes = new Map<string, PlacedNode>();
  const placedEdges: PlacedEdge[] = [];
  let x = 0;
  let y = 0;
  let shelfHeight = 0;
  let width = 0;
  for (const block of blocks) {
    if (x > 0 && x + block.width > shelfWidth) {
      y += shelfHeight + COMPONENT_GAP;
      x = 0;
      shelfHeight = 0;
    }
    const dx = MARGIN + x;
    const dy = MARGIN + y;
    for (const [address, p] of block.nodes) nodes.set(address, { x: Math.round(p.x + dx), y: Math.round(p.y + dy) });
    for (const [index, points] of block.edges)
      placedEdges.push({ index, points: points.map((p) => ({ x: Math.round(p.x + dx), y: Math.round(p.y + dy) })) });
    x += block.width + COMPONENT_GAP;
    width = Math.max(width, x - COMPONENT_GAP);
    shelfHeight = Math.max(shelfHeight, block.height);
  }
  placedEdges.sort((a, b) => a.index - b.index);
  return {
    width: Math.ceil(width + 2 * MARGIN),
    height: Math.ceil(y + shelfHeight + 2 * MARGIN),
    nodes,
    edges: placedEdges,
  };
}
