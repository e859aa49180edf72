import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DependencyGraph, GraphEdge, GraphNode } from '../../model/scan-result.js';
import { driftNeighbourhood, renderGraphSvg } from './graph-svg.js';
import { dotId, dotString, renderDot } from '../graph.js';

const node = (address: string, extra: Partial<GraphNode> = {}): GraphNode => ({
  address,
  type: address.split('.')[0]!.replace(/^.*\//, ''),
  environment: 'prod',
  managed: true,
  findingIds: [],
  ...extra,
});
const edge = (from: string, to: string): GraphEdge => ({ from, to, source: 'state', reason: 'depends on it in state' });

/** One VPC, 20 subnets, 10 instances per subnet: 221 nodes; one subnet drifted. */
function largeEstate(): DependencyGraph {
  const nodes: GraphNode[] = [node('aws_vpc.main')];
  const edges: GraphEdge[] = [];
  for (let s = 0; s < 20; s++) {
    const subnet = `aws_subnet.s[${s}]`;
    nodes.push(node(subnet, s === 7 ? { findingIds: ['f-subnet'], worstSeverity: 'high' } : {}));
    edges.push(edge(subnet, 'aws_vpc.main'));
    for (let i = 0; i < 10; i++) {
      const instance = `aws_instance.web_${s}[${i}]`;
      nodes.push(node(instance));
      edges.push(edge(instance, subnet));
    }
  }
  return { nodes, edges };
}

test('a large graph is cut to the drifted neighbourhood, and the picture says so', () => {
  const graph = largeEstate();
  const keep = driftNeighbourhood(graph, 60);
  assert.ok(keep.has('aws_subnet.s[7]'));
  assert.ok(keep.has('aws_vpc.main'), 'its direct dependency');
  for (let i = 0; i < 10; i++) assert.ok(keep.has(`aws_instance.web_7[${i}]`), 'its dependents');
  assert.ok(!keep.has('aws_instance.web_3[0]'), 'nothing unrelated');
  const picture = renderGraphSvg(graph, { maxNodes: 60 });
  assert.equal(picture.limited, true);
  assert.equal(picture.totalNodes, 221);
  assert.equal(picture.shownNodes, keep.size);
  assert.match(
    picture.svg,
    /<title>Dependency graph: 12 of 221 resources, the neighbourhood of drifted resources<\/title>/,
  );
  assert.equal([...picture.svg.matchAll(/<g class="node/g)].length, 12);
});

test('layers: dependencies above dependents; a cycle does not loop forever', () => {
  const graph: DependencyGraph = {
    nodes: [
      node('aws_vpc.a'),
      node('aws_subnet.b'),
      node('aws_instance.c'),
      node('aws_security_group.x'),
      node('aws_security_group.y'),
    ],
    edges: [
      edge('aws_subnet.b', 'aws_vpc.a'),
      edge('aws_instance.c', 'aws_subnet.b'),
      edge('aws_security_group.x', 'aws_security_group.y'),
      edge('aws_security_group.y', 'aws_security_group.x'),
    ],
  };
  const svg = renderGraphSvg(graph).svg;
  const y = (address: string) =>
    Number(
      new RegExp(
        `data-address="${address.replace(/[.[\]]/g, '\\$&')}"><title>[^<]*</title><rect x="\\d+" y="(\\d+)"`,
      ).exec(svg)?.[1],
    );
  assert.ok(y('aws_vpc.a') < y('aws_subnet.b') && y('aws_subnet.b') < y('aws_instance.c'));
  assert.ok(Number.isFinite(y('aws_security_group.x')) && Number.isFinite(y('aws_security_group.y')));
});

test('hostile addresses stay text in SVG and one quoted id in DOT', () => {
  const address = 'module.x["<script>\\"q\\""].aws_s3_bucket.b';
  const graph: DependencyGraph = {
    nodes: [node(address, { findingIds: ['f'], worstSeverity: 'critical' })],
    edges: [],
  };
  const svg = renderGraphSvg(graph).svg;
  assert.doesNotMatch(svg, /<script>/);
  assert.match(svg, /&lt;script&gt;/);
  assert.equal(dotString('a"b\\c'), '"a\\"b\\\\c"');
  assert.ok(renderDot(graph).includes(`${dotId(address)} [`));
});
