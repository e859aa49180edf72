/**
 * `driftwarden db migrate` and `driftwarden db status`: the schema of the Driftwarden database
 * (SQLite file or PostgreSQL). Every command that opens the store migrates it forward by itself;
 * `db migrate` does it explicitly (for a shared PostgreSQL store, before rolling out a new
 * version), and `db status` shows what is applied without changing anything.
 * Exit codes: 0 done / up to date, 2 (status) migrations pending, 1 error.
 */
import { openStore, resolveStoreLocation } from '../store/index.js';
import { EXIT_DRIFT, EXIT_NO_DRIFT, type ExitCode } from '../scan/fail-on.js';
import { resolveConfigFlag, type StoreFlags } from './audit.js';
import type { Io } from './io.js';
import { human } from '../model/text.js';

async function printStatus(flags: StoreFlags, io: Io, migrate: boolean): Promise<ExitCode> {
  const config = await resolveConfigFlag(flags);
  const store = await openStore(resolveStoreLocation(flags.store, config, io.env), {
    migrate: false,
    ...(migrate ? {} : { mustExist: true }),
  });
  try {
    const applied = migrate ? await store.migrate() : [];
    const status = await store.schemaStatus();
    const pending = status.filter((m) => m.appliedAt === undefined);
    io.stdout.write(human`backend: ${store.backend}\nlocation: ${store.location}\n`);
    for (const m of status) {
      io.stdout.write(`  ${String(m.version).padStart(3)}  ${m.appliedAt ?? 'pending             '}  ${m.name}\n`);
    }
    const current = Math.max(0, ...status.filter((m) => m.appliedAt !== undefined).map((m) => m.version));
    if (migrate) io.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'nothing to apply\n');
    io.stdout.write(
      pending.length === 0
        ? `schema version ${current}: up to date\n`
        : `schema version ${current}: ${pending.length} migration(s) pending (run \`driftwarden db migrate\`)\n`,
    );
    return pending.length === 0 ? EXIT_NO_DRIFT : EXIT_DRIFT;
  } finally {
    await store.close();
  }
}

export function dbMigrateCommand(flags: StoreFlags, io: Io): Promise<ExitCode> {
  return printStatus(flags, io, true);
}

export function dbStatusCommand(flags: StoreFlags, io: Io): Promise<ExitCode> {
  return printStatus(flags, io, false);
}
