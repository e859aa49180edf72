/**
 * `driftwarden graph`: the dependency graph across every state, findings marked, as Graphviz DOT
 * or JSON. With an observation (a plan, or live AWS from the flags or the config) it runs the scan
 * and marks each drifted resource; with states alone it draws the record with no findings.
 * Exit code: 0 when the graph is written, 1 on an error (drift does not change it: this command
 * exports, `scan` gates).
 */
import { resolve } from 'node:path';
import { DriftwardenError } from '../model/errors.js';
import type { Finding } from '../model/finding.js';
import type { DependencyGraph } from '../model/scan-result.js';
import { createProgress, writeReportFile } from '../report/index.js';
import type { ExitCode } from '../scan/fail-on.js';
import type { Snapshot } from '../model/resource.js';
import { runScan, stateInputs } from '../scan/run.js';
import { loadRecorded } from '../sources/terraform/index.js';
import { readLimits } from '../config/schema.js';
import { buildDependencyGraph, markFindings } from '../analysis/index.js';
import { GRAPH_FORMATS, renderDot, renderGraphJson, type GraphFormat } from '../report/graph.js';
import { resolveSourceConfig, scanOptionsFromFlags, type SourceFlags } from './source-options.js';
import type { Io } from './io.js';
import { human } from '../model/text.js';

export interface GraphFlags extends SourceFlags {
  readonly format: string;
  readonly out?: string;
}

function parseGraphFormat(value: string): GraphFormat {
  if ((GRAPH_FORMATS as ReadonlyArray<string>).includes(value)) return value as GraphFormat;
  throw new DriftwardenError('usage', `unknown graph format "${value}"`, {
    key: '--format',
    nextStep: `use one of: ${GRAPH_FORMATS.join(', ')}`,
  });
}

export async function graphCommand(flags: GraphFlags, io: Io): Promise<ExitCode> {
  const format = parseGraphFormat(flags.format);
  const config = await resolveSourceConfig(flags);
  // A graph is a picture of the record: CloudTrail attribution would only cost time.
  const options = await scanOptionsFromFlags({ ...flags, attribution: false }, config, io);

  let graph: DependencyGraph;
  let findings: ReadonlyArray<Finding> = [];
  if (options.plan !== undefined || options.aws !== undefined) {
    const progress = createProgress({
      tty: Boolean(io.stderr.isTTY),
      stream: io.stderr,
      verbose: flags.verbose ?? false,
    });
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
    const sources = await loadRecorded({
      states: inputs,
      read: { limits: readLimits(options.config) },
      ...(options.codeDir !== undefined ? { codeDir: options.codeDir } : {}),
    });
    graph = markFindings(buildDependencyGraph(sources.recorded, emptyObserved), []);
  }

  const text = format === 'dot' ? renderDot(graph, findings) : renderGraphJson(graph, findings);
  if (flags.out !== undefined) {
    await writeReportFile(resolve(flags.out), text);
    io.stderr.write(
      human`driftwarden: ${format} graph written to ${flags.out} (${graph.nodes.length} resources, ${graph.edges.length} dependencies)\n`,
    );
  } else {
    io.stdout.write(text);
  }
  return 0;
}

const emptyRecorded: Snapshot = { layer: 'recorded', resources: [], completeScopes: [], incompleteScopes: [] };
const emptyObserved: Snapshot = { layer: 'observed', resources: [], completeScopes: [], incompleteScopes: [] };
