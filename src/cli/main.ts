#!/usr/bin/env node
/**
 * The `driftwarden` executable: the program (program.ts) on this process's streams, environment
 * and the system clock. Nothing here reads test settings: tests that need a fixed clock or a crash
 * point run the program through test/support/cli-launcher.ts instead.
 */
import { processIo } from './io.js';
import { reportError, runDriftwarden } from './program.js';

// The pinned AWS SDK supports Node.js 20; its notice about future releases needing Node.js 22 would
// print on every run and bury the report (the README says which Node.js versions to use).
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

runDriftwarden(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.exitCode = reportError(err, processIo);
  },
);
