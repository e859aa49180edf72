/**
 * `driftwarden graph`: the dependency graph across every state, findings marked, as Graphviz DOT
 * or JSON. With an observation (a plan, or live AWS from the flags or the config) it runs the scan
 * and marks each drifted resource; with states alone it draws the record with no findings.
 * Exit code: 0 when the graph is written, 1 on an error (drift does not change it: this command
 * exports, `scan` gates).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CONFIG_FILE_NAME, loadConfig } from '../config/load.js';
import type { DriftwardenConfig } from '../config/schema.js';
import { DriftwardenError } from '../model/errors.js';
import type { Finding } from '../model/finding.js';
import type { DependencyGraph } from '../model/scan-result.js';
import { createProgress, writeReportFile } from '../report/index.js';
import type { ExitCode } from '../scan/fail-on.js';
import type { Snapshot } from '../model/resource.js';
import { runScan, stateInputs, type ScanOptions } from '../scan/run.js';
import { loadRecorded, type StateInput } from '../sources/terraform/index.js';
import { buildDependencyGraph, markFindings } from '../analysis/index.js';
import { GRAPH_FORMATS, renderDot, renderGraphJson, type GraphFormat } from '../analysis/graph-formats.js';
import { liveAwsOptions } from './aws-flags.js';
import type { Io } from './io.js';

export interface GraphFlags {
  readonly format: string;
  readonly state: string[];
  readonly workspace?: string;
  readonly plan?: string;
  readonly code?: string;
  readonly config?: string;
  readonly env: string[];
  readonly out?: string;
  readonly aws?: boolean;
  readonly region: string[];
  readonly account: string[];
  readonly type: string[];
  readonly verbose?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerGraph(program: Command, run: (flags: GraphFlags) => Promise<ExitCode>): void {
  program
    .command('graph')
    .description('Export the dependency graph across every state, with drifted resources marked (DOT or JSON)')
    .option('--format <format>', 'output format: dot (Graphviz) or json', 'dot')
    .option('--state <location>', 'a Terraform state: local path, s3://bucket/key or http(s):// URL (repeatable)', collect, [])
    .option('--workspace <name>', 'workspace of the --state S3 locations (read from env:/<name>/<key>)')
    .option('--plan <file>', 'plan JSON from `terraform show -json`: mark the drift the plan found, with no cloud access')
    .option('--code <dir>', 'Terraform configuration directory (for lifecycle ignore_changes and provider blocks)')
    .option('--config <file>', `configuration file (default: ./${CONFIG_FILE_NAME} when it exists)`)
    .option('--env <name>', 'only this environment of the configuration (repeatable)', collect, [])
    .option('--aws', 'observe AWS live with the default credentials and region, and mark drift')
    .option('--region <region>', 'AWS region to observe (repeatable)', collect, [])
    .option('--account <spec>', 'AWS account to observe: an account id, profile:NAME or a role ARN to assume (repeatable)', collect, [])
    .option('--type <type>', 'only this Terraform resource type when observing (repeatable)', collect, [])
    .option('--out <file>', 'write the graph to this file (atomically) instead of standard output')
    .option('-v, --verbose', 'show progress lines')
    .action(async (flags: GraphFlags) => {
      process.exitCode = await run(flags);
    });
}

function parseGraphFormat(value: string): GraphFormat {
  if ((GRAPH_FORMATS as ReadonlyArray<string>).includes(value)) return value as GraphFormat;
  throw new DriftwardenError('usage', `unknown graph format "${value}"`, { key: '--format', nextStep: `use one of: ${GRAPH_FORMATS.join(', ')}` });
}

function resolveConfig(flags: GraphFlags): DriftwardenConfig | undefined {
  if (flags.config !== undefined) return loadConfig(flags.config);
  return existsSync(CONFIG_FILE_NAME) ? loadConfig(CONFIG_FILE_NAME) : undefined;
}

export async function graphCommand(flags: GraphFlags, io: Io): Promise<ExitCode> {
  const format = parseGraphFormat(flags.format);
  const config = resolveConfig(flags);
  const unknownEnv = flags.env.filter((name) => !config?.environments[name]);
  if (unknownEnv.length > 0) {
    throw new DriftwardenError('usage', `unknown environment ${unknownEnv.join(', ')}`, {
      ...(config ? { file: config.file } : {}),
      key: '--env',
      nextStep: config ? `use one of: ${Object.keys(config.environments).join(', ')}` : 'environments come from driftwarden.yaml (--config)',
    });
  }
  const states: StateInput[] = flags.state.map((location) => ({
    location: /^(s3|https?):\/\//.test(location) ? location : resolve(location),
    ...(flags.workspace !== undefined ? { workspace: flags.workspace } : {}),
  }));
  // A graph is a picture of the record: CloudTrail attribution would only cost time.
  const aws =
    flags.plan === undefined
      ? await liveAwsOptions({ ...flags, tag: [], attribution: false }, config, io.env)
      : undefined;
  const options: ScanOptions = {
    ...(config ? { config } : {}),
    states,
    ...(flags.plan !== undefined ? { plan: resolve(flags.plan) } : {}),
    ...(flags.code !== undefined ? { codeDir: resolve(flags.code) } : {}),
    ignoreFiles: [],
    ...(flags.env.length > 0 ? { environments: flags.env } : {}),
    ...(aws ? { aws } : {}),
    strict: false,
  };

  let graph: DependencyGraph;
  let findings: ReadonlyArray<Finding> = [];
  if (flags.plan !== undefined || aws !== undefined) {
    const progress = createProgress({ tty: Boolean(io.stderr.isTTY), stream: io.stderr, verbose: flags.verbose ?? false });
    try {
      const result = await runScan(options, progress);
      findings = result.findings;
      // The scan always carries its graph; without one, the drifted resources alone are drawn.
      graph = result.graph ?? markFindings(buildDependencyGraph(emptyRecorded, emptyObserved), findings);
    } finally {
      progress.stop();
    }
  } else {
    const inputs = stateInputs(options);
    if (inputs.length === 0) {
      throw new DriftwardenError('usage', 'no state to draw', {
        nextStep: 'pass --state FILE (repeatable) or --plan FILE, or list states in driftwarden.yaml (--config)',
      });
    }
    const sources = await loadRecorded({ states: inputs, ...(options.codeDir !== undefined ? { codeDir: options.codeDir } : {}) });
    graph = markFindings(buildDependencyGraph(sources.recorded, emptyObserved), []);
  }

  const text = format === 'dot' ? renderDot(graph, findings) : renderGraphJson(graph, findings);
  if (flags.out !== undefined) {
    await writeReportFile(resolve(flags.out), text);
    io.stderr.write(`driftwarden: ${format} graph written to ${flags.out} (${graph.nodes.length} resources, ${graph.edges.length} dependencies)\n`);
  } else {
    io.stdout.write(text);
  }
  return 0;
}

const emptyRecorded: Snapshot = { layer: 'recorded', resources: [], completeScopes: [], incompleteScopes: [] };
const emptyObserved: Snapshot = { layer: 'observed', resources: [], completeScopes: [], incompleteScopes: [] };
