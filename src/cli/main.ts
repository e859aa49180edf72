#!/usr/bin/env node
/**
 * The `driftwarden` executable. Commands are thin (src/cli/<command>.ts); this file wires them,
 * and turns errors into one clear message and exit code 1: a DriftwardenError prints its message,
 * location and next step; anything else is an internal error (stack only with DRIFTWARDEN_DEBUG=1).
 */
import { Command, CommanderError } from 'commander';
import { isDriftwardenError } from '../model/errors.js';
import { EXIT_ERROR } from '../scan/fail-on.js';
import { toolVersion } from '../scan/run.js';
import { processIo } from './io.js';
import { registerScan, scanCommand } from './scan.js';
import { registerVersions, versionsCommand } from './versions.js';
import { registerAudit } from './audit.js';
import { registerBreakglass } from './breakglass.js';
import { graphCommand, registerGraph } from './graph.js';
import { reconcileCommand, registerReconcile } from './reconcile.js';
import { controllerCommand, registerController } from './controller.js';
import { maturityCommand, registerMaturity } from './maturity.js';

// The pinned AWS SDK supports Node.js 20; its notice about future releases needing Node.js 22 would
// print on every run and bury the report (the README says which Node.js versions to use).
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

function reportError(err: unknown): number {
  if (isDriftwardenError(err)) {
    process.stderr.write(`driftwarden: error: ${err.describe()}\n`);
  } else if (err instanceof CommanderError) {
    return err.exitCode === 0 ? 0 : EXIT_ERROR;
  } else {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`driftwarden: internal error: ${message}\n`);
    if (process.env['DRIFTWARDEN_DEBUG'] === '1' && err instanceof Error && err.stack)
      process.stderr.write(`${err.stack}\n`);
    else process.stderr.write('  (set DRIFTWARDEN_DEBUG=1 for details, and please report it)\n');
  }
  return EXIT_ERROR;
}

export async function main(argv: ReadonlyArray<string>): Promise<number> {
  const program = new Command()
    .name('driftwarden')
    .description('Find, explain and reconcile drift between Terraform code, Terraform state and what really runs.')
    .version(toolVersion())
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  let code = 0;
  registerScan(program, async (flags) => (code = await scanCommand(flags, processIo)));
  registerVersions(program, async (flags) => (code = await versionsCommand(flags, processIo, toolVersion())));
  registerAudit(program, async (command) => (code = await command(processIo)));
  registerBreakglass(program, async (command) => (code = await command(processIo)));
  registerGraph(program, async (flags) => (code = await graphCommand(flags, processIo)));
  registerReconcile(program, async (flags) => (code = await reconcileCommand(flags, processIo)));
  registerController(program, async (flags) => (code = await controllerCommand(flags, processIo)));
  registerMaturity(program, async (flags) => (code = await maturityCommand(flags, processIo, toolVersion())));
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
  } catch (err) {
    return reportError(err);
  }
  return code;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.exitCode = reportError(err);
  },
);
