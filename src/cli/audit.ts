/**
 * `driftwarden audit verify` and `driftwarden audit export`. Both are read-only: verifying must not
 * change what it verifies, so neither expires sessions nor records anything.
 * Exit codes: verify 0 when the log is intact, 1 when it was tampered with (or on an error).
 */
import { resolve } from 'node:path';
import { openStore, resolveStoreLocation, type Store } from '../store/index.js';
import { DriftwardenError } from '../model/errors.js';
import { resolveSourceConfig } from './source-options.js';
import type { DriftwardenConfig } from '../config/schema.js';
import { writeReportFile } from '../report/index.js';
import { EXIT_ERROR, EXIT_NO_DRIFT, type ExitCode } from '../scan/fail-on.js';
import type { Io } from './io.js';
import { human } from '../model/text.js';

export interface StoreFlags {
  readonly config?: string;
  readonly store?: string;
}

export interface AuditVerifyFlags extends StoreFlags {
  readonly expectHead?: string;
}

export interface AuditExportFlags extends StoreFlags {
  readonly out?: string;
}

/** `--config FILE`, else ./driftwarden.yaml when it exists, else none. */
export function resolveConfigFlag(flags: StoreFlags): Promise<DriftwardenConfig | undefined> {
  return resolveSourceConfig(flags);
}

/** The database `scan` records into, opened without creating it (read-only commands). */
export function openExistingStore(flags: StoreFlags, config: DriftwardenConfig | undefined, io: Io): Promise<Store> {
  return openStore(resolveStoreLocation(flags.store, config, io.env), { mustExist: true });
}

const HEAD = /^[0-9a-f]{64}$/;

export async function auditVerifyCommand(flags: AuditVerifyFlags, io: Io): Promise<ExitCode> {
  const expected = flags.expectHead?.trim().toLowerCase();
  if (expected !== undefined && !HEAD.test(expected)) {
    throw new DriftwardenError('usage', `--expect-head needs a head hash (64 hex digits), got "${flags.expectHead}"`, {
      key: '--expect-head',
      nextStep: 'pass the `head hash` line that an earlier `driftwarden audit verify` printed',
    });
  }
  const config = await resolveConfigFlag(flags);
  const store = await openExistingStore(flags, config, io);
  try {
    const result = await store.audit.verify();
    if (!result.ok) {
      io.stderr.write(
        human`driftwarden: the audit log was tampered with: ${result.problem}\n` +
          human`  first bad entry: ${result.firstBadSeq} (${store.location})\n` +
          '  next step: treat entries from that one on as untrusted; compare with an earlier `driftwarden audit export` or a head hash recorded elsewhere\n',
      );
      return EXIT_ERROR;
    }
    if (expected !== undefined) {
      const entries = await store.audit.entries({});
      const anchored = expected === result.headHash || entries.some((entry) => entry.hash === expected);
      if (!anchored) {
        io.stderr.write(
          `driftwarden: the audit log does not contain the expected head ${expected}: the chain was rebuilt or replaced since that head was recorded\n` +
            human`  the chain verifies on its own (${result.entries} entries, head ${result.headHash}), so every entry was re-hashed (${store.location})\n` +
            '  next step: treat the whole log as untrusted; compare with the export taken when that head was published\n',
        );
        return EXIT_ERROR;
      }
    }
    io.stdout.write(
      human`audit log ok: ${result.entries} entries verified (${store.location})\n` +
        (expected !== undefined ? `expected head ${expected} is in the chain\n` : '') +
        `head hash: ${result.headHash}\n`,
    );
    return EXIT_NO_DRIFT;
  } finally {
    await store.close();
  }
}

export async function auditExportCommand(flags: AuditExportFlags, io: Io): Promise<ExitCode> {
  const config = await resolveConfigFlag(flags);
  const store = await openExistingStore(flags, config, io);
  const log = store.audit;
  try {
    if (flags.out === undefined) {
      await log.exportJsonLines(io.stdout);
      return EXIT_NO_DRIFT;
    }
    let text = '';
    const count = await log.exportJsonLines({ write: (chunk: string) => void (text += chunk) });
    await writeReportFile(resolve(flags.out), text);
    io.stderr.write(human`driftwarden: ${count} audit entries written to ${flags.out}\n`);
    return EXIT_NO_DRIFT;
  } finally {
    await store.close();
  }
}
