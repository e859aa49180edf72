/**
 * `driftwarden maturity`: assesses the organisation on the five drift-maturity levels from what
 * the store holds (scan history, audit log, break-glass sessions) and the configuration. Read-only:
 * it never records, expires or reconciles anything. Exit codes: 0 whenever the assessment was
 * made, whatever the level (a low level is not drift); 1 on an error (no store, invalid config,
 * bad flags).
 */
import { resolve } from 'node:path';
import { assessMaturity } from '../maturity/assess.js';
import { gatherEvidence } from '../maturity/evidence.js';
import { renderMaturityReport } from '../report/maturity/index.js';
import { parseWindow } from '../maturity/window.js';
import { parseReportFormat, writeReportFile } from '../report/index.js';
import { EXIT_NO_DRIFT, type ExitCode } from '../scan/fail-on.js';
import { openExistingStore, resolveConfigFlag, type StoreFlags } from './audit.js';
import { toolVersion } from '../model/tool.js';
import { useColor, type Io } from './io.js';
import { human } from '../model/text.js';

export interface MaturityFlags extends StoreFlags {
  readonly window: string;
  readonly output: string;
  readonly out?: string;
}

export async function maturityCommand(flags: MaturityFlags, io: Io): Promise<ExitCode> {
  // Everything the user typed is validated before the store is opened.
  const format = parseReportFormat(flags.output, { key: '--output' });
  const window = parseWindow(flags.window);
  const clock = io.clock;
  const config = await resolveConfigFlag(flags);
  const store = await openExistingStore(flags, config, io);
  let text: string;
  try {
    const evidence = await gatherEvidence({ store, ...(config ? { config } : {}), now: clock(), window });
    text = renderMaturityReport(assessMaturity(evidence, toolVersion()), format, {
      color: flags.out === undefined && useColor(io),
    });
  } finally {
    await store.close();
  }
  if (flags.out !== undefined) {
    await writeReportFile(resolve(flags.out), text);
    io.stderr.write(human`driftwarden: ${format} maturity report written to ${flags.out}\n`);
  } else {
    io.stdout.write(text);
  }
  return EXIT_NO_DRIFT;
}
