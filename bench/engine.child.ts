/**
 * One benchmark measurement in a fresh process (so peak RSS belongs to it alone):
 *   node engine.child.js time   STATE OBSERVED RUNS  -> medians of bare JSON.parse and of the whole engine
 *   node engine.child.js rss    STATE OBSERVED MODE  -> peak RSS of one run of MODE (parse | engine)
 * "The whole engine" is what a scan does with the inputs: parse the state into resources, read the
 * observed listing into resources, and run detectDrift (normalize, match, diff, classify, suppress).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { detectDrift } from '../src/engine/engine.js';
import { parseState } from '../src/sources/terraform/state.js';
import type { Resource, Snapshot } from '../src/model/resource.js';
import { median } from './aws-report.js';
import { awsSemantics } from '../src/observers/aws/catalogue/index.js';

interface ObservedRow {
  type: string;
  id: string;
  account: string;
  region: string;
  attributes: Record<string, unknown>;
}

function runEngine(stateText: string, observedText: string): number {
  const recorded = parseState(stateText, { source: 'bench.tfstate' }).resources;
  const rows = JSON.parse(observedText) as ObservedRow[];
  const observedResources: Resource[] = rows.map((row) => ({
    address: `${row.type}.${row.id}`,
    mode: 'managed',
    type: row.type,
    id: row.id,
    account: row.account,
    region: row.region,
    provider: 'aws',
    attributes: row.attributes,
    sensitivePaths: [],
    dependencies: [],
    environment: 'default',
  }));
  const types = [...new Set(rows.map((r) => `${r.type}|${r.region}`))].map((k) => {
    const [type, region] = k.split('|') as [string, string];
    return { type, account: '123456789012', region };
  });
  const recordedSnapshot: Snapshot = {
    layer: 'recorded',
    resources: recorded,
    completeScopes: [],
    incompleteScopes: [],
  };
  const observed: Snapshot = {
    layer: 'observed',
    resources: observedResources,
    completeScopes: types,
    incompleteScopes: [],
  };
  return detectDrift({ recorded: recordedSnapshot, observed, semantics: awsSemantics }).findings.length;
}

function bareParse(stateText: string, observedText: string): number {
  const a = JSON.parse(stateText) as { resources: unknown[] };
  const b = JSON.parse(observedText) as unknown[];
  return a.resources.length + b.length;
}

const [mode, statePath, observedPath, arg] = process.argv.slice(2);
const stateText = readFileSync(statePath!, 'utf8');
const observedText = readFileSync(observedPath!, 'utf8');
const gc = (globalThis as { gc?: () => void }).gc;

if (mode === 'time') {
  const runs = Number(arg ?? 5);
  const parse: number[] = [];
  const engine: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    gc?.();
    let t = performance.now();
    bareParse(stateText, observedText);
    parse.push(performance.now() - t);
    gc?.();
    t = performance.now();
    findings = runEngine(stateText, observedText);
    engine.push(performance.now() - t);
  }
  process.stdout.write(JSON.stringify({ parseMs: median(parse), engineMs: median(engine), findings }));
} else {
  if (arg === 'engine') runEngine(stateText, observedText);
  else bareParse(stateText, observedText);
  process.stdout.write(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}
