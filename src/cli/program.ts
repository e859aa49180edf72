/**
 * The `driftwarden` program as a library: `runDriftwarden(argv, io)` parses the arguments, runs one
 * command with the given Io (streams, environment, clock) and returns its exit code. Commands are
 * declared in src/cli/commands/ (names, flags, help text) and implemented in src/cli/<command>.ts,
 * which is imported only when that command runs: `--help` and `--version` load commander and the
 * declarations, nothing else (bench/startup.bench.ts holds the budget; test/cli-startup.test.ts
 * checks what each run loads). Errors become one clear message and exit code 1: a DriftwardenError
 * prints its message, location and next step; anything else is an internal error (stack only with
 * DRIFTWARDEN_DEBUG=1). main.ts is the executable.
 */
import { Command, CommanderError } from 'commander';
import { isDriftwardenError } from '../model/errors.js';
import { safeLines } from '../model/text.js';
import { toolVersion } from '../model/tool.js';
import { EXIT_ERROR } from '../scan/fail-on.js';
import type { Io } from './io.js';
import { registerAudit } from './commands/audit.js';
import { registerBreakglass } from './commands/breakglass.js';
import { registerController } from './commands/controller.js';
import { registerDb } from './commands/db.js';
import { registerGraph } from './commands/graph.js';
import { registerMaturity } from './commands/maturity.js';
import { registerReconcile } from './commands/reconcile.js';
import type { RunCommand } from './commands/run.js';
import { registerSchedule } from './commands/schedule.js';
import { registerScan } from './commands/scan.js';
import { registerServer } from './commands/server.js';
import { registerVersions } from './commands/versions.js';
import { registerWorker } from './commands/worker.js';

export function reportError(err: unknown, io: Io): number {
  if (isDriftwardenError(err)) {
    io.stderr.write(`driftwarden: error: ${err.describe()}\n`);
  } else if (err instanceof CommanderError) {
    return err.exitCode === 0 ? 0 : EXIT_ERROR;
  } else {
    const message = safeLines(err instanceof Error ? err.message : String(err));
    io.stderr.write(`driftwarden: internal error: ${message}\n`);
    if (io.env['DRIFTWARDEN_DEBUG'] === '1' && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    else io.stderr.write('  (set DRIFTWARDEN_DEBUG=1 for details, and please report it)\n');
  }
  return EXIT_ERROR;
}

export async function runDriftwarden(argv: ReadonlyArray<string>, io: Io): Promise<number> {
  const program = new Command()
    .name('driftwarden')
    .description('Find, explain and reconcile drift between Terraform code, Terraform state and what really runs.')
    .version(toolVersion())
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      // Commander quotes the offending argument (`unknown option '...'`): shown escaped and bounded.
      writeErr: (text) => io.stderr.write(safeLines(text)),
    });
  let code = 0;
  const run: RunCommand = async (command) => {
    code = await command(io);
  };
  registerScan(program, run);
  registerVersions(program, run);
  registerAudit(program, run);
  registerBreakglass(program, run);
  registerDb(program, run);
  registerGraph(program, run);
  registerReconcile(program, run);
  registerController(program, run);
  registerSchedule(program, run);
  registerWorker(program, run);
  registerMaturity(program, run);
  registerServer(program, run);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
  } catch (err) {
    return reportError(err, io);
  }
  return code;
}
