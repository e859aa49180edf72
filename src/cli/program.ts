/**
 * The `driftwarden` program as a library: `runDriftwarden(argv, io)` parses the arguments, runs one
 * command with the given Io (streams, environment, clock) and returns its exit code. Commands are
 * thin (src/cli/<command>.ts); this file wires them, and turns errors into one clear message and
 * exit code 1: a DriftwardenError prints its message, location and next step; anything else is an
 * internal error (stack only with DRIFTWARDEN_DEBUG=1). main.ts is the executable.
 */
import { Command, CommanderError } from 'commander';
import { isDriftwardenError } from '../model/errors.js';
import { safeLines } from '../model/text.js';
import { EXIT_ERROR } from '../scan/fail-on.js';
import { toolVersion } from '../scan/run.js';
import type { Io } from './io.js';
import { registerScan, scanCommand } from './scan.js';
import { registerVersions, versionsCommand } from './versions.js';
import { registerAudit } from './audit.js';
import { registerDb } from './db.js';
import { registerBreakglass } from './breakglass.js';
import { graphCommand, registerGraph } from './graph.js';
import { reconcileCommand, registerReconcile } from './reconcile.js';
import { controllerCommand, registerController } from './controller.js';
import { maturityCommand, registerMaturity } from './maturity.js';
import { registerServer } from './server.js';

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
  registerScan(program, async (flags) => (code = await scanCommand(flags, io)));
  registerVersions(program, async (flags) => (code = await versionsCommand(flags, io, toolVersion())));
  registerAudit(program, async (command) => (code = await command(io)));
  registerBreakglass(program, async (command) => (code = await command(io)));
  registerDb(program, async (command) => (code = await command(io)));
  registerGraph(program, async (flags) => (code = await graphCommand(flags, io)));
  registerReconcile(program, async (flags) => (code = await reconcileCommand(flags, io)));
  registerController(program, async (flags) => (code = await controllerCommand(flags, io)));
  registerMaturity(program, async (flags) => (code = await maturityCommand(flags, io, toolVersion())));
  registerServer(program, async (command) => (code = await command(io)));
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
  } catch (err) {
    return reportError(err, io);
  }
  return code;
}
