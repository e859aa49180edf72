/**
 * `driftwarden db migrate|status`: flags and help (the implementation is src/cli/db.ts, loaded when it runs).
 */
import type { Command } from 'commander';
import type { StoreFlags } from '../audit.js';
import type { RunCommand } from './run.js';
import { STORE_HELP } from './source-options.js';

const CONFIG_HELP = 'configuration file (default: ./driftwarden.yaml when it exists)';

export function registerDb(program: Command, run: RunCommand): void {
  const db = program.command('db').description('Migrate the Driftwarden database and show its schema version');
  db.command('migrate')
    .description('Apply every pending schema migration (forward only), then show the status')
    .option('--config <file>', CONFIG_HELP)
    .option('--store <file|url>', STORE_HELP)
    .action(async (flags: StoreFlags) => {
      await run(async (io) => (await import('../db.js')).dbMigrateCommand(flags, io));
    });
  db.command('status')
    .description(
      'Show the backend, where the database is, and every migration with when it was applied; exit 2 when some are pending',
    )
    .option('--config <file>', CONFIG_HELP)
    .option('--store <file|url>', STORE_HELP)
    .action(async (flags: StoreFlags) => {
      await run(async (io) => (await import('../db.js')).dbStatusCommand(flags, io));
    });
}
