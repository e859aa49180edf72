/** Where things are, from a compiled test file (dist/test/...) or a compiled unit test (dist/src/...). */
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

/** The repository root (three levels up from dist/test/support). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Real Terraform files written by Terraform itself: ../shared/fixtures/terraform (never copied here). */
export const terraformFixtures = resolve(repoRoot, '../shared/fixtures/terraform');

export function fixture(relativePath: string): string {
  return resolve(terraformFixtures, relativePath);
}

/** Hand-written fixtures of this repository (test/fixtures), read from the source tree. */
export function ownFixture(relativePath: string): string {
  return resolve(repoRoot, 'test/fixtures', relativePath);
}

export const cliPath = resolve(repoRoot, 'dist/src/cli/main.js');

/** The test-only launcher that injects a clock or a crash point (cli-launcher.ts). */
export const launcherPath = resolve(repoRoot, 'dist/test/support/cli-launcher.js');
