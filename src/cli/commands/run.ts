/**
 * How a declared command reaches its implementation. Declarations (this folder) hold only names,
 * flags and help text, so `driftwarden --help` and `--version` load nothing else; a command's
 * implementation (src/cli/<command>.ts, and through it the AWS SDK, SQLite, the HCL parser, ...)
 * is imported only when that command runs.
 */
import type { ExitCode } from '../../scan/fail-on.js';
import type { Io } from '../io.js';

/** A command bound to its flags, run by main.ts with the process streams. */
export type BoundCommand = (io: Io) => Promise<ExitCode>;

/** main.ts's runner: runs a bound command and keeps its exit code. */
export type RunCommand = (command: BoundCommand) => Promise<void>;
