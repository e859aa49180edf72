/**
 * Writes a report file atomically: the content goes to a temporary file in the same directory
 * (so the rename cannot cross file systems), is flushed to disk, then renamed over the target.
 * A reader sees the old file or the new one, never half of one; on any failure the temporary file
 * is removed and an existing target is left as it was.
 */
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DriftwardenError } from '../model/errors.js';

/** Test seam: runs between the flush and the rename, to prove a late failure leaves nothing behind. */
export interface WriteHooks {
  readonly beforeRename?: () => Promise<void> | void;
}

async function syncDirectory(directory: string): Promise<void> {
  // Makes the rename itself durable. Not every platform can open a directory (Windows cannot):
  // there the rename is still atomic, only its durability after a power loss is not promised.
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort, see above
  }
}

export async function writeReportFile(path: string, content: string, hooks: WriteHooks = {}): Promise<void> {
  const directory = dirname(path);
  const temporary = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks.beforeRename?.();
    await rename(temporary, path);
  } catch (err) {
    // eslint-disable-next-line no-restricted-syntax -- removing the temporary file after a failed write; the write's own error is what is reported
    await rm(temporary, { force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    if (
      code === 'ENOENT' ||
      code === 'EACCES' ||
      code === 'EPERM' ||
      code === 'EISDIR' ||
      code === 'ENOTDIR' ||
      code === 'EROFS'
    ) {
      throw new DriftwardenError('usage', `cannot write the report (${code})`, {
        file: path,
        nextStep: 'check that the output directory exists, is writable, and that the path is not a directory',
        cause: err,
      });
    }
    throw err;
  }
  await syncDirectory(directory);
}
