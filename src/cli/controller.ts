/**
 * `driftwarden controller`: the long-running enforcement loop (src/actions/controller/loop.ts). Needs a
 * configuration (the environments' modes and states). SIGTERM / SIGINT stop it cleanly: the act in
 * flight finishes and is recorded, then it exits 0.
 */
import { dirname, join, resolve } from 'node:path';
import { parseDuration, reconcileSettings } from '../config/schema.js';
import { DriftwardenError } from '../model/errors.js';
import { EXIT_ERROR, EXIT_NO_DRIFT, type ExitCode } from '../scan/fail-on.js';

/** After SIGTERM or SIGINT the controller has this long to finish its cycle's bookkeeping. */
const STOP_GRACE_MS = 10_000;
import { createController } from '../actions/controller/loop.js';
import { holdsTerraform, resolveCommit } from '../actions/controller/git.js';
import { resolveSourceConfig, scanOptionsFromFlags, storeLocationFor, type SourceFlags } from './source-options.js';
import type { Io } from './io.js';
import { isPostgresUrl } from '../store/location.js';
import { neutralize } from '../model/text.js';
import type { ScanOptions } from '../scan/run.js';

/** Incident reports go beside a SQLite store, or into .driftwarden/ beside the config with PostgreSQL. */
function incidentsDirFor(location: string, baseDir: string): string {
  return isPostgresUrl(location) ? join(baseDir, '.driftwarden', 'incidents') : join(dirname(location), 'incidents');
}

export interface ControllerFlags extends SourceFlags {
  readonly interval?: string;
  /** Observe through `driftwarden worker` processes (PostgreSQL store): src/scan/distributed/open.ts. */
  readonly workers?: boolean;
  readonly unitTimeout?: string;
  readonly once?: boolean;
  readonly repo?: string;
  readonly ref?: string;
}

function intervalMs(flags: ControllerFlags, fallback: number): number {
  if (flags.interval === undefined) return fallback;
  if (!/^(?:\d+[smhd])+$/.test(flags.interval) || parseDuration(flags.interval) <= 0) {
    throw new DriftwardenError('usage', `--interval "${flags.interval}" is not a duration`, {
      key: '--interval',
      nextStep: 'for example --interval 30s or --interval 5m',
    });
  }
  return parseDuration(flags.interval);
}

export async function controllerCommand(flags: ControllerFlags, io: Io): Promise<ExitCode> {
  const repo = flags.repo !== undefined ? { path: resolve(flags.repo), ref: flags.ref ?? 'HEAD' } : undefined;
  const config = await resolveSourceConfig(
    flags.config === undefined && repo && !flags.state.length
      ? { config: resolve(repo.path, 'driftwarden.yaml') }
      : flags,
  );
  if (!config) {
    throw new DriftwardenError('usage', 'the controller needs a configuration (environments, their modes and states)', {
      key: '--config',
      nextStep: 'pass --config driftwarden.yaml (see docs/driftwarden.example.yaml)',
    });
  }
  if (repo) resolveCommit(repo.path, repo.ref); // bad input fails before the loop starts
  const codeFlags =
    flags.code === undefined && repo && holdsTerraform(repo.path) ? { ...flags, code: repo.path } : flags;
  const local = await scanOptionsFromFlags(codeFlags, config, io);
  const storeLocation = storeLocationFor(flags, config, io.env);
  const distributed = flags.workers ? await openObserver(storeLocation, local, flags, io) : undefined;
  const scanOptions = distributed ? { ...local, observer: distributed.observer } : local;
  const controller = createController({
    config,
    scanOptions,
    storeLocation,
    incidentsDir: incidentsDirFor(storeLocationFor(flags, config, io.env), config.baseDir),
    intervalMs: intervalMs(flags, reconcileSettings(config).intervalMs),
    once: flags.once ?? false,
    ...(repo ? { repo } : {}),
    clock: io.clock,
    ...(io.checkpoint ? { checkpoint: io.checkpoint } : {}),
    // The loop writes one line per call, built around addresses and reasons from state and APIs.
    out: (line) => io.stdout.write(`${neutralize(line)}\n`),
    err: (line) => io.stderr.write(`${neutralize(line)}\n`),
  });
  // stop() abandons every AWS call in flight at once; should anything else still hold the loop (a
  // state backend, git), the process exits after a grace period. Acts are crash-safe (planned and
  // applied are audit entries; the next start finishes or records an act in flight), so exiting
  // mid-cycle never leaves anything half-recorded.
  const stop = () => {
    controller.stop();
    setTimeout(() => {
      io.stderr.write(
        `driftwarden controller: did not stop within ${STOP_GRACE_MS / 1000} s of the signal; exiting (the next start recovers any act in flight)\n`,
      );
      process.exit(EXIT_ERROR);
    }, STOP_GRACE_MS).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  try {
    await controller.run();
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    await distributed?.close();
  }
  return EXIT_NO_DRIFT;
}

/** --workers: each cycle's scan is planned into units on the queue, as `schedule` plans it. */
async function openObserver(location: string, scanOptions: ScanOptions, flags: ControllerFlags, io: Io) {
  if (!isPostgresUrl(location)) {
    throw new DriftwardenError('usage', '--workers needs a PostgreSQL store: the workers share the queue there', {
      key: '--workers',
      nextStep: 'pass --store postgres://…, set DRIFTWARDEN_DATABASE_URL, or `store:` in driftwarden.yaml',
    });
  }
  const [{ openDistributedObserver }, { durationFlag }] = await Promise.all([
    import('../scan/distributed/open.js'),
    import('./schedule.js'),
  ]);
  return openDistributedObserver(location, scanOptions, {
    unitTimeoutMs: durationFlag(flags.unitTimeout ?? '10m', '--unit-timeout'),
    attempts: 3,
    maintenanceSeconds: 30,
    clock: io.clock,
    log: (line) =>
      io.stderr.write(`driftwarden controller: workers: ${neutralize(line)}
`),
  });
}
