/**
 * `driftwarden graph` as a user runs it: the built CLI, real Terraform states and plans
 * (../shared/fixtures/terraform). DOT output is checked by a small parser of the DOT subset the
 * command writes (Graphviz is not required), and, when `dot` happens to be installed, by Graphviz.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/cli.js';
import { fixture } from './support/paths.js';

const lbState = fixture('driftctl/aws_lb_listener/terraform.tfstate');
const countState = fixture('terraform-json/110_sensitive_values/terraform.tfstate');
const driftPlan = fixture('hashicorp-terraform/equivalence-tests/drift_relevant_attributes/plan.json');

interface GraphJson {
  graphSchemaVersion: string;
  nodes: Array<{
    address: string;
    type: string;
    environment: string;
    managed: boolean;
    findingIds: string[];
    findings: Array<{ id: string; severity?: string; blastRadius?: number }>;
    worstSeverity?: string;
  }>;
  edges: Array<{ from: string; to: string; source: string; reason: string }>;
}

interface ParsedDot {
  readonly name: string;
  readonly nodes: Map<string, Record<string, string>>;
  readonly edges: Array<{ from: string; to: string; attrs: Record<string, string> }>;
  readonly clusters: string[];
}

/** Tokens of DOT: quoted strings (with \" escapes), bare ids, and the punctuation the grammar uses. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /\s+|"((?:[^"\\]|\\.)*)"|(->|[{}[\]=;,])|([A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?)|(.)/gsy;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[4] !== undefined) throw new Error(`unexpected character ${JSON.stringify(m[4])} at ${m.index}`);
    if (m[1] !== undefined) tokens.push(`"${m[1]}`);
    else if (m[2] !== undefined) tokens.push(m[2]);
    else if (m[3] !== undefined) tokens.push(m[3]);
  }
  return tokens;
}

/** Parses `digraph ID { stmt* }` with attribute, node, edge and subgraph statements; throws on anything else. */
function parseDot(text: string): ParsedDot {
  const tokens = tokenize(text);
  let i = 0;
  const next = (): string => {
    const token = tokens[i++];
    if (token === undefined) throw new Error('unexpected end of input');
    return token;
  };
  const expect = (token: string): void => {
    const got = next();
    if (got !== token) throw new Error(`expected ${token}, got ${got} (token ${i})`);
  };
  const id = (): string => {
    const token = next();
    if (/^[{}[\]=;,]$|^->$/.test(token)) throw new Error(`expected an id, got ${token}`);
    return token.startsWith('"') ? token.slice(1).replace(/\\"/g, '"').replace(/\\\\/g, '\\') : token;
  };
  const attrList = (): Record<string, string> => {
    const attrs: Record<string, string> = {};
    expect('[');
    while (tokens[i] !== ']') {
      const key = id();
      expect('=');
      attrs[key] = id();
      if (tokens[i] === ',') i++;
    }
    expect(']');
    return attrs;
  };
  const nodes = new Map<string, Record<string, string>>();
  const edges: ParsedDot['edges'] = [];
  const clusters: string[] = [];
  const statements = (): void => {
    expect('{');
    while (tokens[i] !== '}') {
      if (tokens[i] === 'subgraph') {
        i++;
        clusters.push(id());
        statements();
        continue;
      }
      if (tokens[i] === 'node' || tokens[i] === 'edge') {
        i++;
        attrList();
        expect(';');
        continue;
      }
      const first = id();
      if (tokens[i] === '=') {
        i++;
        id();
      } else if (tokens[i] === '->') {
        i++;
        const to = id();
        edges.push({ from: first, to, attrs: tokens[i] === '[' ? attrList() : {} });
      } else {
        nodes.set(first, tokens[i] === '[' ? attrList() : {});
      }
      expect(';');
    }
    expect('}');
  };
  expect('digraph');
  const name = id();
  statements();
  if (i !== tokens.length) throw new Error('text after the closing brace');
  return { name, nodes, edges, clusters };
}

describe('driftwarden graph from states alone (no observation, no findings)', () => {
  test('DOT: parseable, every dependency of the real state is an edge, nodes grouped by environment', async () => {
    const run = await runCli(['graph', '--state', lbState]);
    assert.equal(run.code, 0, run.stderr);
    const dot = parseDot(run.stdout);
    assert.equal(dot.name, 'driftwarden');
    assert.deepEqual(
      [...dot.nodes.keys()].sort(),
      [
        'aws_internet_gateway.gw',
        'aws_lb.test',
        'aws_lb_listener.front_end',
        'aws_lb_target_group.test',
        'aws_security_group.lb_sg',
        'aws_subnet.main-1',
      ],
      'managed resources only: the azurerm data source is not a node',
    );
    const edges = dot.edges.map((e) => `${e.from} -> ${e.to}`);
    assert.ok(edges.includes('aws_lb_listener.front_end -> aws_lb.test'));
    assert.ok(edges.includes('aws_lb_listener.front_end -> aws_lb_target_group.test'));
    assert.ok(edges.includes('aws_lb.test -> aws_security_group.lb_sg'));
    assert.equal(dot.nodes.get('aws_lb.test')?.['label'], 'aws_lb.test\\naws_lb');
    assert.equal(dot.clusters.length, 1);
    assert.ok(
      ![...dot.nodes.values()].some((attrs) => attrs['fillcolor'] && attrs['fillcolor'] !== '#eef1f6'),
      'no finding, no colour',
    );
    const graphviz = spawnSync('dot', ['-Tsvg'], { input: run.stdout, encoding: 'utf8' });
    if (!graphviz.error) assert.equal(graphviz.status, 0, graphviz.stderr);
  });

  test('JSON: two states merged with labels; count instances depend on their dependency; edges say why', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'dw-graph-')), 'graph.json');
    const run = await runCli(['graph', '--format', 'json', '--state', lbState, '--state', countState, '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /json graph written to .*graph\.json \(13 resources, \d+ dependencies\)/);
    const graph = JSON.parse(readFileSync(out, 'utf8')) as GraphJson;
    assert.equal(graph.graphSchemaVersion, '1.0');
    const labels = new Set(graph.nodes.map((n) => n.address.split('/')[0]));
    assert.deepEqual([...labels].sort(), ['110_sensitive_values', 'aws_lb_listener']);
    const bazToFoo = graph.edges.filter(
      (e) => /\/null_resource\.baz\[\d\]$/.test(e.from) && e.to === '110_sensitive_values/null_resource.foo',
    );
    assert.equal(bazToFoo.length, 3, 'each count instance depends on null_resource.foo');
    assert.equal(bazToFoo[0]?.reason, 'depends on 110_sensitive_values/null_resource.foo in state');
    assert.ok(graph.nodes.every((n) => n.findingIds.length === 0 && n.managed));
    assert.doesNotMatch(
      readFileSync(out, 'utf8'),
      /"bar"/,
      'no attribute value, and never the sensitive output, reaches the graph',
    );
  });
});

describe('driftwarden graph with a plan (findings marked)', () => {
  test('JSON: the drifted resource carries its finding, severity and blast radius; the dependent edge is there', async () => {
    const run = await runCli(['graph', '--format', 'json', '--plan', driftPlan]);
    assert.equal(run.code, 0, run.stderr);
    const graph = JSON.parse(run.stdout) as GraphJson;
    const base = graph.nodes.find((n) => n.address === 'tfcoremock_simple_resource.base');
    const dependent = graph.nodes.find((n) => n.address === 'tfcoremock_simple_resource.dependent');
    assert.equal(base?.findingIds.length, 1);
    assert.ok(base?.worstSeverity);
    assert.equal(typeof base?.findings[0]?.blastRadius, 'number');
    assert.deepEqual(dependent?.findingIds, [], 'the dependent did not drift');
    assert.deepEqual(graph.edges, [
      {
        from: 'tfcoremock_simple_resource.dependent',
        to: 'tfcoremock_simple_resource.base',
        source: 'state',
        reason: 'depends on tfcoremock_simple_resource.base in state',
      },
    ]);
  });

  test('DOT: the drifted node is filled with its severity colour and says its blast radius', async () => {
    const run = await runCli(['graph', '--plan', driftPlan, '--format', 'dot']);
    assert.equal(run.code, 0, run.stderr);
    const dot = parseDot(run.stdout);
    const base = dot.nodes.get('tfcoremock_simple_resource.base');
    assert.match(base?.['fillcolor'] ?? '', /^#(b42318|d9480f|b58100|1c64b8)$/);
    assert.match(base?.['tooltip'] ?? '', /1 finding\(s\), worst \w+, blast radius \d+/);
    assert.equal(dot.nodes.get('tfcoremock_simple_resource.dependent')?.['fillcolor'], undefined);
  });
});

describe('driftwarden graph: bad input', () => {
  test('an unknown format and nothing to draw are usage errors with a next step, exit 1', async () => {
    const format = await runCli(['graph', '--format', 'png', '--state', lbState]);
    assert.equal(format.code, 1);
    assert.match(format.stderr, /unknown graph format "png".*\n\s+next step: use one of: dot, json/);
    const empty = await runCli(['graph'], { cwd: mkdtempSync(join(tmpdir(), 'dw-graph-empty-')) });
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /no state to draw/);
    assert.doesNotMatch(empty.stderr, /\n\s+at /, 'no stack trace');
  });
});
