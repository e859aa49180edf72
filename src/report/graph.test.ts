import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DependencyGraph, GraphNode } from '../model/scan-result.js';
import { dotId, dotString, renderDot } from './graph.js';

const node = (address: string): GraphNode => ({
  address,
  type: 'aws_s3_bucket',
  environment: 'prod',
  managed: true,
  findingIds: [],
});

test('two addresses that read the same once neutralized stay two DOT nodes', () => {
  const raw = 'aws_s3_bucket.b["\u001b"]'; // a raw ESC
  const literal = 'aws_s3_bucket.b["\\x1b"]'; // backslash, x, 1, b
  assert.equal(dotString(raw), dotString(literal), 'the labels read the same (both show \\x1b)');
  assert.notEqual(dotId(raw), dotId(literal));
  const graph: DependencyGraph = {
    nodes: [node(raw), node(literal)],
    edges: [{ from: raw, to: literal, source: 'reference', reason: 'r' }],
  };
  const dot = renderDot(graph);
  const ids = dot
    .split('\n')
    .filter((line) => /^\s+".*\];$/.test(line) && !line.includes('->'))
    .map((line) => line.trim().split(' [')[0]);
  assert.equal(new Set(ids).size, 2, dot);
  assert.ok(dot.includes(`${dotId(raw)} -> ${dotId(literal)}`));
});

test('a DOT id is one quoted line whatever the address holds', () => {
  for (const address of ['a"b', 'a\\', 'a\\"', 'x\n"] -> "y', '\u202e']) {
    const id = dotId(address);
    assert.match(id, /^"(?:[^"\\\n]|\\.)*"$/u, id);
  }
});
