/**
 * The tool's own name and version, read once from package.json (a small JSON read: `--version`
 * must not load anything else).
 */
import { createRequire } from 'node:module';

const version = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

export function toolVersion(): string {
  return version;
}
