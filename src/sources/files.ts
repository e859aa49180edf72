/**
 * Reading a local input file (state, plan, config, ignore rules, saved plan) safely: only a regular
 * file (a FIFO, socket or device given as `--state` or `--config` would block forever or never
 * end), only up to a size limit (checked before reading, and again while reading in case the file
 * grows), and every failure one DriftwardenError naming the file. The file is opened non-blocking
 * and checked on the open descriptor, so a path swapped for a FIFO after a check cannot block.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { DriftwardenError } from '../model/errors.js';

export interface BoundedReadOptions {
  /** What the file is, for messages: `state file`, `configuration file`, `ignore file`. */
  readonly what: string;
  /** Largest accepted size in bytes. */
  readonly maxBytes: number;
  /** The next step when the file does not exist. */
  readonly missingNextStep?: string;
  /** Where the limit is configured, for the too-large message. */
  readonly limitKey?: string;
  /** How to get a regular file instead (`terraform state pull > state.tfstate`), for the FIFO message. */
  readonly regularFileHint?: string;
}

/**
 * Limits of the small text inputs a person writes. Parsing YAML costs about a second per MB (a 20 MB
 * config took 49 s), and no real configuration or rule list comes near these.
 */
export const MAX_CONFIG_BYTES = 2 * 1024 * 1024;
export const MAX_IGNORE_FILE_BYTES = 1024 * 1024;
/** A Terraform file: generated ones reach a few MB; the HCL parser holds several copies in memory. */
export const MAX_TERRAFORM_FILE_BYTES = 32 * 1024 * 1024;
/** A PEM file (CA bundle, certificate, key). */
export const MAX_PEM_BYTES = 4 * 1024 * 1024;

// O_NONBLOCK keeps open() of a FIFO from waiting for a writer; it does not change regular reads.
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** `1.5 MiB`, `512 KiB`, `300 B`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : Number(value.toFixed(1))} ${units[unit]}`;
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function checkStats(path: string, stats: Stats, options: BoundedReadOptions): void {
  if (stats.isDirectory()) {
    throw new DriftwardenError('input.invalid', `the ${options.what} location is a directory`, {
      file: path,
      nextStep: `point at the ${options.what} itself`,
    });
  }
  if (!stats.isFile()) {
    throw new DriftwardenError('input.invalid', `the ${options.what} is ${kindOf(stats)}, not a regular file`, {
      file: path,
      nextStep: `write it to a regular file first${options.regularFileHint ? ` (${options.regularFileHint})` : ''} and pass that`,
    });
  }
  if (stats.size > options.maxBytes) throw tooLarge(path, stats.size, options);
}

function tooLarge(path: string, size: number | undefined, options: BoundedReadOptions): DriftwardenError {
  const actual = size === undefined ? 'larger than' : `${formatBytes(size)}, above`;
  return new DriftwardenError(
    'input.invalid',
    `the ${options.what} is ${actual} the limit of ${formatBytes(options.maxBytes)}`,
    {
      file: path,
      nextStep: options.limitKey
        ? `check that this is the right file; a larger one needs ${options.limitKey}`
        : `check that this is the right file (a ${options.what} is far smaller)`,
    },
  );
}

function openError(path: string, err: unknown, options: BoundedReadOptions): DriftwardenError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new DriftwardenError('input.missing-file', `${options.what} not found`, {
      file: path,
      cause: err,
      ...(options.missingNextStep ? { nextStep: options.missingNextStep } : {}),
    });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new DriftwardenError('backend.denied', `permission denied reading the ${options.what}`, {
      file: path,
      cause: err,
      nextStep: 'run driftwarden as a user that can read this file',
    });
  }
  if (code === 'EISDIR') {
    return new DriftwardenError('input.invalid', `the ${options.what} location is a directory`, {
      file: path,
      nextStep: `point at the ${options.what} itself`,
    });
  }
  return new DriftwardenError('input.invalid', `cannot read the ${options.what} (${code ?? String(err)})`, {
    file: path,
    cause: err,
    nextStep: 'check the path and the file',
  });
}

/**
 * Collects chunks up to the limit: `next()` is a buffer for the next read (one byte past the limit
 * at most, so a file that grew is caught), `add()` takes what was read (false at the end) and
 * throws past the limit, `done()` is the content.
 */
function collector(path: string, options: BoundedReadOptions) {
  const chunks: Buffer[] = [];
  let total = 0;
  return {
    next: (): Buffer => Buffer.allocUnsafe(Math.min(4 * 1024 * 1024, options.maxBytes + 1 - total)),
    add(chunk: Buffer, read: number): boolean {
      if (read === 0) return false;
      total += read;
      if (total > options.maxBytes) throw tooLarge(path, undefined, options);
      chunks.push(chunk.subarray(0, read));
      return true;
    },
    done: (): Buffer => Buffer.concat(chunks, total),
  };
}

/** The file's text (UTF-8), read synchronously (configuration, ignore rules, saved plans). */
export function readBoundedText(path: string, options: BoundedReadOptions): string {
  return readBoundedBytes(path, options).toString('utf8');
}

/** The file's bytes, read synchronously (PEM files, the configuration's hash). */
export function readBoundedBytes(path: string, options: BoundedReadOptions): Buffer {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (err) {
    throw openError(path, err, options);
  }
  try {
    checkStats(path, fstatSync(fd), options);
    const text = collector(path, options);
    for (let chunk = text.next(); chunk; chunk = text.next()) {
      if (!text.add(chunk, readSync(fd, chunk, 0, chunk.length, null))) break;
    }
    return text.done();
  } finally {
    closeSync(fd);
  }
}

/** The same, asynchronously (states and plans, read concurrently with remote ones). */
export async function readBoundedTextAsync(path: string, options: BoundedReadOptions): Promise<string> {
  let handle;
  try {
    handle = await open(path, FLAGS);
  } catch (err) {
    throw openError(path, err, options);
  }
  try {
    checkStats(path, await handle.stat(), options);
    const text = collector(path, options);
    for (let chunk = text.next(); chunk; chunk = text.next()) {
      if (!text.add(chunk, (await handle.read(chunk, 0, chunk.length, null)).bytesRead)) break;
    }
    return text.done().toString('utf8');
  } finally {
    await handle.close();
  }
}
