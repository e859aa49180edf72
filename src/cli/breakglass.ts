/**
 * `driftwarden breakglass open|close|list|report`. Every subcommand first expires the sessions whose
 * time is up (so expiry never depends on a running controller) and records a configuration change
 * when the config file's hash differs from the last recorded one. Bad input is rejected before
 * anything is written.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { openStore, resolveStoreLocation, type Store } from '../store/index.js';
import { recordConfigIfChanged } from '../audit/record.js';
import { checkScopeMatches } from '../actions/breakglass/validate-scope.js';
import {
  openBreakglassSessions,
  validateOpenRequest,
  type BreakglassSession,
  type BreakglassSessions,
} from '../actions/breakglass/sessions.js';
import { describeScope } from '../actions/breakglass/scope.js';
import { formatDuration, parseTtl } from '../actions/breakglass/ttl.js';
import type { DriftwardenConfig } from '../config/schema.js';
import { DriftwardenError } from '../model/errors.js';
import { writeReportFile } from '../report/index.js';
import { EXIT_NO_DRIFT, type ExitCode } from '../scan/fail-on.js';
import { resolveConfigFlag, type StoreFlags } from './audit.js';
import type { Io } from './io.js';
import { human, jsonText, neutralize } from '../model/text.js';

export interface BreakglassOpenFlags extends StoreFlags {
  readonly scope?: string;
  readonly reason?: string;
  readonly ttl?: string;
  readonly by?: string;
  readonly env?: string;
  readonly wholeEnvironment?: boolean;
}

export interface BreakglassCloseFlags extends StoreFlags {
  readonly by?: string;
}

export interface BreakglassListFlags extends StoreFlags {
  readonly all?: boolean;
  readonly output: string;
}

export interface BreakglassReportFlags extends StoreFlags {
  readonly out?: string;
}

function required(value: string | undefined, flag: string, example: string): string {
  if (value === undefined || value.trim() === '') {
    throw new DriftwardenError('usage', `breakglass open needs ${flag}`, {
      key: flag,
      nextStep: `pass ${flag} ${example}`,
    });
  }
  return value;
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

interface Opened {
  readonly config: DriftwardenConfig | undefined;
  readonly store: Store;
  readonly sessions: BreakglassSessions;
}

/** Opens the store and sessions, records a config change, expires what is due, and reports expiries and refusals. */
async function openAndExpire(flags: StoreFlags, config: DriftwardenConfig | undefined, io: Io): Promise<Opened> {
  const store = await openStore(resolveStoreLocation(flags.store, config, io.env), { clock: io.clock });
  try {
    const sessions = openBreakglassSessions(store);
    const expired = await store.transaction(async (tx) => {
      if (config) await recordConfigIfChanged(tx, config.file);
      return openBreakglassSessions(tx).expireSessions(tx.now());
    });
    for (const session of expired) {
      io.stderr.write(
        human`driftwarden: break-glass session ${session.id} (${describeScope(session)}) expired at ${session.expiresAt}\n`,
      );
    }
    for (const session of await sessions.tampered()) {
      io.stderr.write(
        human`driftwarden: warning: break-glass session ${session.id} is refused and not honoured: ${session.tampered}\n` +
          '  next step: run `driftwarden audit verify`; reopen the session if it is still needed\n',
      );
    }
    return { config, store, sessions };
  } catch (err) {
    await store.close();
    throw err;
  }
}

export async function breakglassOpenCommand(flags: BreakglassOpenFlags, io: Io): Promise<ExitCode> {
  // Everything the user typed is checked before the database is touched: bad input writes nothing.
  const scopeText = required(flags.scope, '--scope', '"prod:module.payments.**"');
  const reason = required(flags.reason, '--reason', '"INC-4711: scaling payments by hand during the outage"');
  const ttlMs = parseTtl(required(flags.ttl, '--ttl', '2h'));
  const by = required(flags.by, '--by', 'YOUR_NAME');
  const config = await resolveConfigFlag(flags);
  const request = {
    scope: scopeText,
    reason,
    ttlMs,
    by,
    ...(flags.env !== undefined ? { environment: flags.env } : {}),
    ...(flags.wholeEnvironment === true ? { wholeEnvironment: true } : {}),
  };
  const scope = validateOpenRequest(request, config);

  const { store, sessions } = await openAndExpire(flags, config, io);
  try {
    const check = await checkScopeMatches(store, scope, config);
    const session = await sessions.open(request, config, store.now());
    io.stdout.write(
      human`${session.id}` +
        human`\nbreak-glass session ${session.id} opened by ${session.openedBy} over ${describeScope(session)} for ${formatDuration(session.ttlMs)}, until ${session.expiresAt}\n`,
    );
    if (!check.matched) {
      const skipped =
        check.remoteStatesSkipped > 0 ? `; ${check.remoteStatesSkipped} remote state(s) were not read` : '';
      const unreadable = check.unreadableStates.length > 0 ? `; unreadable: ${check.unreadableStates.join('; ')}` : '';
      io.stderr.write(
        human`driftwarden: warning: the scope ${session.scope} matches nothing known (${check.findingsChecked} finding(s) of the latest scan, ` +
          human`${check.resourcesChecked} resource(s) in local states${skipped}${unreadable})\n` +
          human`  next step: check the pattern; if it is wrong, close this session (driftwarden breakglass close ${session.id}) and open another\n`,
      );
    }
    return EXIT_NO_DRIFT;
  } finally {
    await store.close();
  }
}

export async function breakglassCloseCommand(id: string, flags: BreakglassCloseFlags, io: Io): Promise<ExitCode> {
  const by = flags.by !== undefined && flags.by.trim() !== '' ? flags.by.trim() : osUser();
  const config = await resolveConfigFlag(flags);
  const { store, sessions } = await openAndExpire(flags, config, io);
  try {
    const session = await sessions.close(id, by, store.now());
    io.stdout.write(human`break-glass session ${session.id} closed by ${by} at ${session.endedAt}\n`);
    return EXIT_NO_DRIFT;
  } finally {
    await store.close();
  }
}

/** One row of `breakglass list`: every cell neutralized (--by and --reason are anyone's text). */
function sessionLine(session: BreakglassSession): string[] {
  return [
    session.id,
    session.tampered !== undefined ? 'REFUSED (edited)' : session.status,
    describeScope(session),
    session.openedBy,
    session.openedAt,
    session.status === 'open' ? `expires ${session.expiresAt}` : `ended ${session.endedAt ?? '?'}`,
    session.reason,
  ].map(neutralize);
}

function renderTable(rows: string[][]): string {
  const header = ['ID', 'STATUS', 'SCOPE', 'BY', 'OPENED', 'UNTIL', 'REASON'];
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column]!.length)));
  return all
    .map((row) =>
      row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '),
    )
    .join('\n');
}

export async function breakglassListCommand(flags: BreakglassListFlags, io: Io): Promise<ExitCode> {
  if (flags.output !== 'table' && flags.output !== 'json') {
    throw new DriftwardenError('usage', `unknown output format "${flags.output}" for breakglass list`, {
      key: '--output',
      nextStep: 'use table or json',
    });
  }
  const config = await resolveConfigFlag(flags);
  const { store, sessions } = await openAndExpire(flags, config, io);
  try {
    const list = await sessions.list({ all: flags.all ?? false });
    if (flags.output === 'json') io.stdout.write(`${jsonText(list, 2)}\n`);
    else if (list.length === 0)
      io.stdout.write(flags.all ? 'no break-glass sessions\n' : 'no open break-glass sessions\n');
    else io.stdout.write(`${renderTable(list.map(sessionLine))}\n`);
    return EXIT_NO_DRIFT;
  } finally {
    await store.close();
  }
}

export async function breakglassReportCommand(id: string, flags: BreakglassReportFlags, io: Io): Promise<ExitCode> {
  const config = await resolveConfigFlag(flags);
  const { store, sessions } = await openAndExpire(flags, config, io);
  try {
    const text = `${jsonText(await sessions.sessionWindowReport(id, store.now()), 2)}\n`;
    if (flags.out === undefined) io.stdout.write(text);
    else {
      await writeReportFile(resolve(flags.out), text);
      io.stderr.write(human`driftwarden: break-glass report written to ${flags.out}\n`);
    }
    return EXIT_NO_DRIFT;
  } finally {
    await store.close();
  }
}
