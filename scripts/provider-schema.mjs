// Writes test/fixtures/provider-schema/aws-5.100.0.json: every resource type of the Terraform AWS
// provider 5.100.0 with its top-level attribute and block names and their schema flags, read from
// the provider itself (`terraform providers schema -json` on the local filesystem mirror).
// Flags: r required, o optional, c computed, s sensitive, d deprecated; b a nested block (b1: max one).
// The catalogue accounting test (catalogue/accounting.ts) checks every entry against this file.
// Usage: node scripts/provider-schema.mjs [mirror dir, default /opt/tf-plugins]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const mirror = process.argv[2] ?? '/opt/tf-plugins';
const dir = mkdtempSync(join(tmpdir(), 'dw-schema-'));
try {
  writeFileSync(
    join(dir, 'cli.tfrc'),
    `provider_installation {\n  filesystem_mirror {\n    path = "${mirror}"\n  }\n}\n`,
  );
  writeFileSync(
    join(dir, 'main.tf'),
    'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "5.100.0" }\n  }\n}\n',
  );
  const env = { ...process.env, TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'), TF_IN_AUTOMATION: '1' };
  execFileSync('terraform', ['init', '-input=false', '-backend=false'], { cwd: dir, env, stdio: 'ignore' });
  const schema = JSON.parse(
    execFileSync('terraform', ['providers', 'schema', '-json'], { cwd: dir, env, maxBuffer: 1 << 28 }).toString(),
  );
  const resources = schema.provider_schemas['registry.terraform.io/hashicorp/aws'].resource_schemas;
  const lines = [];
  for (const type of Object.keys(resources).sort()) {
    const block = resources[type].block;
    const names = {};
    for (const [name, a] of Object.entries(block.attributes ?? {}))
      names[name] =
        `${a.required ? 'r' : ''}${a.optional ? 'o' : ''}${a.computed ? 'c' : ''}${a.sensitive ? 's' : ''}${a.deprecated ? 'd' : ''}`;
    for (const [name, b] of Object.entries(block.block_types ?? {})) names[name] = b.max_items === 1 ? 'b1' : 'b';
    lines.push(`  ${JSON.stringify(type)}: ${JSON.stringify(names)}`);
  }
  const out = join('test', 'fixtures', 'provider-schema', 'aws-5.100.0.json');
  writeFileSync(out, `{\n${lines.join(',\n')}\n}\n`);
  console.log(`${out}: ${lines.length} resource types`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
