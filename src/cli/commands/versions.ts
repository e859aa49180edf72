/**
 * `driftwarden versions`: its flags and help (the implementation is src/cli/versions.ts, loaded when it runs).
 */
import type { Command } from 'commander';
import { CONFIG_FILE_NAME } from '../../config/file-names.js';
import type { VersionsFlags } from '../versions.js';
import type { RunCommand } from './run.js';

export function registerVersions(program: Command, run: RunCommand): void {
  program
    .command('versions')
    .description('Compare module, provider, Terraform, AMI and image versions across environments')
    .argument('<paths...>', 'one Terraform root directory per environment, named after its folder, or NAME=PATH')
    .option(
      '--config <file>',
      `configuration file for environment tiers (default: ./${CONFIG_FILE_NAME} when it exists)`,
    )
    .option('-o, --output <format>', 'report format: table, json, sarif, junit, markdown, html', 'table')
    .option('--out <file>', 'write the report to this file (atomically) instead of standard output')
    .option(
      '--fail-on <list>',
      'which findings make the exit code 2: version and/or one minimum severity, or none (default: all)',
    )
    .option('--require-complete', 'exit 1 when a lock file or a .tf file could not be read')
    .action((paths: string[], options: Omit<VersionsFlags, 'paths'>) =>
      run(async (io) => (await import('../versions.js')).versionsCommand({ ...options, paths }, io)),
    );
}
