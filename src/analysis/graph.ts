/**
 * The dependency graph across every state: who would be touched if a resource were replaced.
 *
 * Edges come from two places, because neither alone is enough:
 * - the state's `dependencies` (configuration addresses such as `module.net.aws_subnet.a`, which
 *   stand for every instance of that resource in the same state);
 * - references: an attribute, recorded or observed, that holds another resource's id or ARN
 *   (`vpc_security_group_ids`, `subnet_id`, `load_balancer_arn`). These cross states (an app
 *   state's instances use the network state's security group) and catch what Terraform never saw
 *   (a hand-made network interface using a managed security group).
 *
 * An edge `from -> to` means `from` depends on `to`. Pure: snapshots in, graph out.
 */
import type { Resource, Snapshot } from '../model/resource.js';
import type { GraphEdge } from '../model/scan-result.js';
import { configAddressOf, stateLabelOf } from '../model/address.js';
import { isSensitivePath } from '../engine/redact.js';

export interface AnalysisNode {
  readonly address: string;
  readonly type: string;
  readonly environment: string;
  readonly id?: string;
  readonly managed: boolean;
}

export interface AnalysisGraph {
  readonly nodes: ReadonlyMap<string, AnalysisNode>;
  readonly edges: ReadonlyArray<GraphEdge>;
  /** Edges into each address, keyed by the dependency (`to`): who depends on it. */
  readonly dependentsOf: ReadonlyMap<string, ReadonlyArray<GraphEdge>>;
}

/** Attributes that name things rather than point at them: a tag value equal to an id is not a dependency. */
const NOT_REFERENCES = new Set(['id', 'arn', 'tags', 'tags_all', 'owner_id', 'name', 'name_prefix', 'description']);

/**
 * An id worth matching: long enough and shaped like a cloud id or ARN. Short names (an IAM role
 * called `web`) would match unrelated strings; the state's `dependencies` cover those.
 */
function isReferenceableId(value: string): boolean {
  return value.length >= 8 && !/^\d+$/.test(value) && (/^[a-z]+-[0-9a-z]+/.test(value) || value.startsWith('arn:'));
}

function instanceGroupKey(address: string): string {
  const label = stateLabelOf(address);
  return label === undefined ? configAddressOf(address) : `${label}/${configAddressOf(address)}`;
}

/** `label/` + dependency, as merged states already write it; dependencies are configuration addresses. */
function dependencyGroupKey(owner: string, dependency: string): string {
  return instanceGroupKey(
    stateLabelOf(dependency) === undefined && stateLabelOf(owner) !== undefined
      ? `${stateLabelOf(owner)}/${dependency}`
      : dependency,
  );
}

function identityKey(type: string, id: string): string {
  return `${type}\u0000${id}`;
}

export function buildDependencyGraph(recorded: Snapshot, observed: Snapshot): AnalysisGraph {
  const nodes = new Map<string, AnalysisNode>();
  const byGroup = new Map<string, string[]>();
  const byId = new Map<string, string>();
  const byTypeId = new Map<string, string>();
  const addIds = (resource: Resource, address: string): void => {
    for (const candidate of [resource.id, resource.attributes['arn']]) {
      if (typeof candidate === 'string' && isReferenceableId(candidate) && !byId.has(candidate))
        byId.set(candidate, address);
    }
  };

  const managed = recorded.resources.filter((r) => r.mode === 'managed');
  for (const resource of managed) {
    nodes.set(resource.address, node(resource, true));
    const group = instanceGroupKey(resource.address);
    const list = byGroup.get(group);
    if (list) list.push(resource.address);
    else byGroup.set(group, [resource.address]);
    addIds(resource, resource.address);
    if (resource.id !== undefined) byTypeId.set(identityKey(resource.type, resource.id), resource.address);
  }
  // An observed resource is the recorded node with its type and id (or address, in plan mode);
  // otherwise it is live-only, and becomes a node only if it touches the recorded graph.
  const liveOnly: Resource[] = [];
  const observedAddress = new Map<Resource, string>();
  for (const resource of observed.resources) {
    if (resource.mode !== 'managed') continue;
    const matched =
      (nodes.has(resource.address) && nodes.get(resource.address)!.type === resource.type
        ? resource.address
        : undefined) ?? (resource.id !== undefined ? byTypeId.get(identityKey(resource.type, resource.id)) : undefined);
    if (matched !== undefined) observedAddress.set(resource, matched);
    else liveOnly.push(resource);
  }
  for (const resource of liveOnly) addIds(resource, resource.address);

  const edges = new Map<string, GraphEdge>();
  const addEdge = (edge: GraphEdge): void => {
    if (edge.from === edge.to) return;
    const key = `${edge.from}\u0000${edge.to}`;
    const existing = edges.get(key);
    // A state dependency is the stronger evidence; keep one edge per pair.
    if (!existing || (existing.source === 'reference' && edge.source === 'state')) edges.set(key, edge);
  };
  for (const resource of managed) {
    for (const dependency of resource.dependencies) {
      for (const target of byGroup.get(dependencyGroupKey(resource.address, dependency)) ?? []) {
        addEdge({ from: resource.address, to: target, source: 'state', reason: `depends on ${dependency} in state` });
      }
    }
    for (const ref of references(resource, byId)) addEdge({ from: resource.address, ...ref });
  }
  for (const [resource, address] of observedAddress) {
    for (const ref of references(resource, byId))
      addEdge({ from: address, ...ref, reason: `${ref.reason} (observed)` });
  }
  for (const resource of liveOnly) {
    const refs = references(resource, byId);
    if (refs.length === 0) continue;
    nodes.set(resource.address, node(resource, false));
    for (const ref of refs) addEdge({ from: resource.address, ...ref, reason: `${ref.reason} (observed, unmanaged)` });
  }
  // Live-only resources that others reference (a hand-made security group an instance uses).
  for (const edge of edges.values()) {
    if (!nodes.has(edge.to)) {
      const target = liveOnly.find((r) => r.address === edge.to);
      if (target) nodes.set(target.address, node(target, false));
    }
  }

  const sorted = [...edges.values()].filter((e) => nodes.has(e.from) && nodes.has(e.to)).sort(compareEdges);
  const dependentsOf = new Map<string, GraphEdge[]>();
  for (const edge of sorted) {
    const list = dependentsOf.get(edge.to);
    if (list) list.push(edge);
    else dependentsOf.set(edge.to, [edge]);
  }
  return { nodes, edges: sorted, dependentsOf };
}

function node(resource: Resource, managed: boolean): AnalysisNode {
  return {
    address: resource.address,
    type: resource.type,
    environment: resource.environment,
    ...(resource.id !== undefined ? { id: resource.id } : {}),
    managed,
  };
}

function compareEdges(left: GraphEdge, right: GraphEdge): number {
  return left.from < right.from
    ? -1
    : left.from > right.from
      ? 1
      : left.to < right.to
        ? -1
        : left.to > right.to
          ? 1
          : 0;
}

/** Every id or ARN of another resource found in this resource's attributes, one per target. */
function references(resource: Resource, byId: ReadonlyMap<string, string>): Array<Omit<GraphEdge, 'from'>> {
  const found = new Map<string, Omit<GraphEdge, 'from'>>();
  const visit = (value: unknown, path: ReadonlyArray<string | number>, depth: number): void => {
    if (depth > 6) return;
    if (typeof value === 'string') {
      const target = byId.get(value);
      if (target !== undefined && target !== resource.address && !found.has(target)) {
        found.set(target, { to: target, source: 'reference', reason: `${String(path[0])} = ${value}` });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i], depth + 1));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key], depth + 1);
    }
  };
  for (const [name, value] of Object.entries(resource.attributes)) {
    // Secrets are never read for references: a reason text must not carry them.
    if (NOT_REFERENCES.has(name) || isSensitivePath([name], [resource])) continue;
    visit(value, [name], 0);
  }
  return [...found.values()];
}

export interface Dependent {
  readonly address: string;
  /** 1 for a direct dependent. */
  readonly depth: number;
  /** Why it is affected: the edge that reached it. */
  readonly reason: string;
  /** The address it depends on along that edge. */
  readonly via: string;
}

/** Every resource that depends on `address`, transitively, breadth first (nearest first, then by address). */
export function transitiveDependents(graph: AnalysisGraph, address: string): Dependent[] {
  const seen = new Set<string>([address]);
  const out: Dependent[] = [];
  let frontier = [address];
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const current of frontier) {
      for (const edge of graph.dependentsOf.get(current) ?? []) {
        if (seen.has(edge.from)) continue;
        seen.add(edge.from);
        next.push(edge.from);
        out.push({ address: edge.from, depth, reason: edge.reason, via: current });
      }
    }
    next.sort();
    frontier = next;
  }
  return out;
}
