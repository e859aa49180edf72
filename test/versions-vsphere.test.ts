/**
 * `driftwarden versions` on two vSphere environments written by hand: the VM template a VM is
 * cloned from (the template lookup's name) and its virtual hardware version are compared across
 * environments like AMIs, and a template given through a variable is a noted gap, never a guess.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/cli.js';

const LOCK = `provider "registry.terraform.io/hashicorp/vsphere" {\n  version = "2.10.0"\n}\n`;

function environment(root: string, name: string, template: string, hardware: number | string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, '.terraform.lock.hcl'), LOCK);
  writeFileSync(
    join(dir, 'main.tf'),
    `terraform {
  required_version = ">= 1.5"
}

data "vsphere_virtual_machine" "template" {
  name          = ${template}
  datacenter_id = "datacenter-1"
}

resource "vsphere_virtual_machine" "app" {
  name             = "app"
  resource_pool_id = "resgroup-8"
  num_cpus         = 2
  memory           = 4096
  hardware_version = ${hardware}

  clone {
    template_uuid = data.vsphere_virtual_machine.template.id
  }
}
`,
  );
  return dir;
}

interface Report {
  items: Array<{ key: string; cells: Record<string, { state: string; value?: string }> }>;
  findings: Array<{ environment: string; item: { address: string; category?: string } }>;
  gaps: Array<{ environment: string; scope: string; message: string }>;
}

test('VM template and hardware versions drift between staging and prod', async () => {
  const root = mkdtempSync(join(tmpdir(), 'dw-versions-vsphere-'));
  environment(root, 'staging', '"ubuntu-22.04-v7"', 21);
  environment(root, 'prod', '"ubuntu-22.04-v3"', 19);
  const run = await runCli(['versions', 'staging=staging', 'prod=prod', '-o', 'json'], { cwd: root });
  assert.equal(run.code, 2, run.stderr);
  const report = JSON.parse(run.stdout) as Report;
  const hardware = report.items.find((i) => i.key === 'vm_hardware:vsphere_virtual_machine.app.hardware_version');
  assert.equal(hardware?.cells['staging']?.value, '21');
  assert.equal(hardware?.cells['prod']?.value, '19');
  const template = report.items.find((i) => i.key === 'vm_template:data.vsphere_virtual_machine.template.name');
  assert.equal(template?.cells['staging']?.value, 'ubuntu-22.04-v7');
  assert.equal(template?.cells['prod']?.value, 'ubuntu-22.04-v3');
  const addresses = report.findings.map((f) => f.item.address);
  assert.ok(addresses.includes('vsphere_virtual_machine.app.hardware_version'), JSON.stringify(report.findings));
  assert.ok(addresses.includes('data.vsphere_virtual_machine.template.name'));
  // The clone's template_uuid comes from the data source: noted as computed, in both environments.
  assert.equal(
    report.gaps.filter((g) => g.scope === 'expression' && g.message.includes('clone.template_uuid')).length,
    2,
  );

  const table = await runCli(['versions', 'staging=staging', 'prod=prod'], { cwd: root });
  assert.match(table.stdout, /VM hardware version/);
  assert.match(table.stdout, /VM template/);
});

test('a template name from a variable is a gap in that environment, not a value', async () => {
  const root = mkdtempSync(join(tmpdir(), 'dw-versions-vsphere-'));
  environment(root, 'staging', 'var.template', 19);
  environment(root, 'prod', '"ubuntu-22.04-v3"', 19);
  const run = await runCli(['versions', 'staging=staging', 'prod=prod', '-o', 'json'], { cwd: root });
  const report = JSON.parse(run.stdout) as Report;
  const template = report.items.find((i) => i.key === 'vm_template:data.vsphere_virtual_machine.template.name');
  assert.notEqual(template?.cells['staging']?.state, 'pinned');
  assert.ok(
    report.gaps.some(
      (g) => g.environment === 'staging' && g.message.includes('data.vsphere_virtual_machine.template.name'),
    ),
    JSON.stringify(report.gaps),
  );
  assert.ok(!report.findings.some((f) => f.item.address === 'vsphere_virtual_machine.app.hardware_version'));
});
