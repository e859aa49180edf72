/**
 * The flags every command that scans shares (scan, reconcile, controller, graph), declared once;
 * src/cli/source-options.ts turns them into ScanOptions when a command runs.
 */
import type { Command } from 'commander';
import { CONFIG_FILE_NAME, IGNORE_FILE_NAME } from '../../config/file-names.js';

export const STORE_HELP =
  'the Driftwarden database: a SQLite file or a postgres:// URL (default: DRIFTWARDEN_DATABASE_URL, else `store:` in the config, else .driftwarden/history.db)';

export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Declares the shared flags; `plan: true` adds --plan (scan and graph: observation through a plan). */
export function addSourceOptions(command: Command, options: { plan?: boolean } = {}): Command {
  command
    .option(
      '--state <location>',
      'a Terraform state: local path, s3://bucket/key or http(s):// URL (repeatable)',
      collect,
      [],
    )
    .option('--workspace <name>', 'workspace of the --state S3 locations (read from env:/<name>/<key>)');
  if (options.plan) {
    command.option('--plan <file>', 'plan JSON from `terraform show -json` / `tofu show -json`: no cloud access');
  }
  return command
    .option('--code <dir>', 'Terraform configuration directory (for lifecycle ignore_changes and provider blocks)')
    .option('--config <file>', `configuration file (default: ./${CONFIG_FILE_NAME} when it exists)`)
    .option(
      '--ignore <file>',
      `ignore rules file (default: ./${IGNORE_FILE_NAME} when it exists; repeatable)`,
      collect,
      [],
    )
    .option('--env <name>', 'only this environment of the configuration (repeatable)', collect, [])
    .option('--aws', 'observe AWS live with the default credentials and region')
    .option('--region <region>', 'AWS region to observe (repeatable)', collect, [])
    .option(
      '--account <spec>',
      'AWS account to observe: an account id, profile:NAME or a role ARN to assume (repeatable)',
      collect,
      [],
    )
    .option('--type <type>', 'only this Terraform resource type (repeatable)', collect, [])
    .option('--tag <key=value>', 'only live resources carrying this tag (repeatable)', collect, [])
    .option(
      '--vsphere',
      'observe vSphere live (VSPHERE_SERVER, VSPHERE_USER, VSPHERE_PASSWORD, or `vsphere:` in the configuration)',
    )
    .option(
      '--vsphere-server <host>',
      "the vCenter or ESXi to observe (default: the config's vsphere.server, else VSPHERE_SERVER)",
    )
    .option('--vsphere-insecure', 'accept any TLS certificate from the vSphere server (labs only)')
    .option('--vsphere-ca-file <file>', "PEM file with the CA that signs the vSphere server's certificate")
    .option('--concurrency <n>', 'AWS listings in flight at once', (v) => Number.parseInt(v, 10))
    .option(
      '--deep',
      'also read attributes that have no bulk API (VPC DNS settings, instance termination protection, ...), one call per resource; the config can ask per environment with aws.deep',
    )
    .option('--call-timeout <duration>', 'deadline of one AWS call, retries included (default 90s)')
    .option(
      '--scan-timeout <duration>',
      'deadline of the whole AWS observation; unfinished scopes are unchecked (default 30m)',
    )
    .option('--no-attribution', 'do not ask CloudTrail who made each change')
    .option('--trail-bucket <bucket>', 'S3 bucket a CloudTrail trail delivers log files to (attribution)')
    .option('--trail-prefix <prefix>', "the trail's S3 key prefix, if it has one")
    .option('--attribution-days <n>', 'how many days of CloudTrail to read (default 7)', (v) => Number(v))
    .option('--store <file|url>', STORE_HELP)
    .option('--strict', 'report differences that known provider defaults would otherwise hide')
    .option('-v, --verbose', 'show suppressions that fired, API call counts and progress lines');
}
