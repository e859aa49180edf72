/**
 * `driftwarden versions PATH...`: compares module, provider, Terraform, AMI and image pins across
 * environments (one Terraform root directory each). Parses its flags, calls the analysis, writes
 * the report and returns the exit code: 0 the environments agree, 2 version drift, 1 an error (an
 * environment path that does not exist, or anything unassessed with --require-complete).
 */
import { resolve } from 'node:path';
import { resolveSourceConfig } from './source-options.js';
import { parseReportFormat, writeReportFile } from '../report/index.js';
import { renderVersionReport } from '../report/versions/index.js';
import { describeGap } from '../report/versions/shared.js';
import { EXIT_ERROR, FAIL_ON_EVERYTHING, exitCodeFor, parseFailOn, type ExitCode } from '../scan/fail-on.js';
import { analyzeVersions } from '../versions/analyze.js';
import { parseEnvironmentSpecs } from '../versions/environments.js';
import { isComplete } from '../model/versions.js';
import { toolVersion } from '../model/tool.js';
import { useColor, type Io } from './io.js';
import { human } from '../model/text.js';

export interface VersionsFlags {
  readonly paths: string[];
  readonly config?: string;
  readonly output: string;
  readonly out?: string;
  readonly failOn?: string;
  readonly requireComplete?: boolean;
}

export async function versionsCommand(flags: VersionsFlags, io: Io): Promise<ExitCode> {
  // Everything the user typed is validated before any file is read.
  const format = parseReportFormat(flags.output, { key: '--output' });
  const config = await resolveSourceConfig(flags);
  const failOn = flags.failOn !== undefined ? parseFailOn(flags.failOn) : (config?.failOn ?? FAIL_ON_EVERYTHING);
  const specs = parseEnvironmentSpecs(flags.paths);

  const report = await analyzeVersions(specs, { ...(config ? { config } : {}), toolVersion: toolVersion() });
  const text = renderVersionReport(report, format, { color: flags.out === undefined && useColor(io) });
  if (flags.out !== undefined) {
    await writeReportFile(resolve(flags.out), text);
    io.stderr.write(human`driftwarden: ${format} report written to ${flags.out}\n`);
  } else {
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  const fatal = report.gaps.filter((gap) => gap.fatal);
  for (const gap of fatal)
    io.stderr.write(
      human`driftwarden: error: ${gap.message}\n` + (gap.nextStep ? human`  next step: ${gap.nextStep}\n` : ''),
    );
  if (format !== 'table' || flags.out !== undefined) {
    for (const gap of report.gaps.filter((g) => !g.fatal && g.scope !== 'expression'))
      io.stderr.write(human`driftwarden: warning: ${describeGap(gap)}\n`);
  }
  if (fatal.length > 0) return EXIT_ERROR;
  if (flags.requireComplete && !isComplete(report)) {
    io.stderr.write('driftwarden: the version analysis is incomplete (see the report) and --require-complete is set\n');
    return EXIT_ERROR;
  }
  return exitCodeFor(report.findings, failOn);
}
