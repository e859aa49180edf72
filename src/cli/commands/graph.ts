/**
 * `driftwarden graph`: its flags and help (the implementation is src/cli/graph.ts, loaded when it runs).
 */
import type { Command } from 'commander';
import type { GraphFlags } from '../graph.js';
import type { RunCommand } from './run.js';
import { addSourceOptions } from './source-options.js';

export function registerGraph(program: Command, run: RunCommand): void {
  addSourceOptions(
    program
      .command('graph')
      .description('Export the dependency graph across every state, with drifted resources marked (DOT or JSON)'),
    { plan: true },
  )
    .option('--format <format>', 'output format: dot (Graphviz) or json', 'dot')
    .option('--out <file>', 'write the graph to this file (atomically) instead of standard output')
    .action((flags: GraphFlags) => run(async (io) => (await import('../graph.js')).graphCommand(flags, io)));
}
