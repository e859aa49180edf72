/**
 * Terraform for the differential test (test/terraform-oracle.test.ts): the binary on PATH and the
 * AWS provider 5.100.0 from the image's filesystem mirror, through a CLI config of its own (never
 * the user's), pointed at the emulator. `terraformUnavailable` says why the test must skip.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PROVIDER_MIRROR = process.env['DRIFTWARDEN_TF_MIRROR'] ?? '/opt/tf-plugins';
export const PROVIDER_VERSION = '5.100.0';

/** Why the oracle cannot run here, or undefined when it can. */
export function terraformUnavailable(): string | undefined {
  const provider = join(PROVIDER_MIRROR, 'registry.terraform.io/hashicorp/aws', PROVIDER_VERSION);
  if (!existsSync(provider))
    return `no AWS provider ${PROVIDER_VERSION} in a filesystem mirror at ${provider} (set DRIFTWARDEN_TF_MIRROR)`;
  const onPath = (process.env['PATH'] ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, 'terraform')));
  if (!onPath) return 'no terraform binary on PATH';
  return undefined;
}

export interface TerraformRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Terraform {
  readonly dir: string;
  run(args: ReadonlyArray<string>): Promise<TerraformRun>;
  /** Runs and throws with Terraform's own output when it fails. */
  must(args: ReadonlyArray<string>): Promise<string>;
}

/** A working directory with its CLI config (filesystem mirror only, plugin cache) and `provider.tf`. */
export function terraformDir(root: string, endpoint: string, region: string): Terraform {
  const dir = join(root, 'work');
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(root, 'plugin-cache'), { recursive: true });
  const cliConfig = join(root, 'cli.tfrc');
  writeFileSync(
    cliConfig,
    [
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${JSON.stringify(PROVIDER_MIRROR)}`,
      '    include = ["registry.terraform.io/hashicorp/aws"]',
      '  }',
      '}',
      `plugin_cache_dir = ${JSON.stringify(join(root, 'plugin-cache'))}`,
      '',
    ].join('\n'),
  );
  const services = ['ec2', 'iam', 's3', 'sts', 'kms', 'rds', 'elbv2', 'autoscaling', 'sqs', 'sns', 'logs'];
  writeFileSync(
    join(dir, 'provider.tf'),
    [
      'terraform {',
      `  required_providers {\n    aws = { source = "hashicorp/aws", version = "${PROVIDER_VERSION}" }\n  }`,
      '}',
      'provider "aws" {',
      `  region                      = "${region}"`,
      '  access_key                  = "testing"',
      '  secret_key                  = "testing"',
      '  skip_credentials_validation = true',
      '  skip_metadata_api_check     = true',
      // The account id is asked of the emulator's STS: the provider builds some ARNs from it.
      '  skip_requesting_account_id  = false',
      '  s3_use_path_style           = true',
      '  endpoints {',
      ...services.map((s) => `    ${s} = "${endpoint}"`),
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  const env = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  };
  const run = (args: ReadonlyArray<string>) =>
    new Promise<TerraformRun>((resolveRun, reject) => {
      const child = spawn('terraform', [...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolveRun({ code: code ?? -1, stdout, stderr }));
    });
  return {
    dir,
    run,
    async must(args) {
      const result = await run(args);
      if (result.code !== 0)
        throw new Error(`terraform ${args.join(' ')} failed (${result.code}):\n${result.stderr}\n${result.stdout}`);
      return result.stdout;
    },
  };
}
