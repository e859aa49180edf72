#!/usr/bin/env node
/**
 * Test-only launcher: runs the `driftwarden` program (src/cli/program.ts) in a child process, as
 * the executable does, but with what tests inject through code rather than through the
 * environment of the production binary:
 *
 *   node dist/test/support/cli-launcher.js [--now ISO_TIME] [--crash-after planned|call|step-N] -- ARGS...
 *
 * `--now` fixes the clock of audit entries, break-glass sessions, plans and the controller's lines
 * (proving expiry without waiting); `--crash-after` kills the process with SIGKILL at that point of
 * the first act (proving crash recovery): after its planned entry, after its calls, or after its
 * n-th call of several (`step-2`). It lives under test/ and is never the package's `bin`.
 */
import { processIo, type Io } from '../../src/cli/io.js';
import type { Checkpoint } from '../../src/actions/execute.js';
import { reportError, runDriftwarden } from '../../src/cli/program.js';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

function launcherIo(argv: ReadonlyArray<string>): { io: Io; args: ReadonlyArray<string> } {
  const end = argv.indexOf('--');
  if (end < 0) throw new Error('cli-launcher: put -- before the driftwarden arguments');
  let io: Io = processIo;
  const own = argv.slice(0, end);
  for (let i = 0; i < own.length; i += 2) {
    const [flag, value] = [own[i], own[i + 1]];
    if (flag === '--now' && value !== undefined && !Number.isNaN(Date.parse(value))) {
      const fixed = new Date(value).getTime();
      io = { ...io, clock: () => new Date(fixed) };
    } else if (flag === '--crash-after' && value !== undefined && /^(planned|call|step-[1-9]\d*)$/.test(value)) {
      const at = value as Checkpoint;
      io = { ...io, checkpoint: (point) => point === at && process.kill(process.pid, 'SIGKILL') };
    } else {
      throw new Error(`cli-launcher: bad option ${flag ?? ''} ${value ?? ''}`);
    }
  }
  return { io, args: argv.slice(end + 1) };
}

const { io, args } = launcherIo(process.argv.slice(2));
runDriftwarden(args, io).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.exitCode = reportError(err, io);
  },
);
