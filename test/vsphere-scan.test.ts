/**
 * `driftwarden scan --state vsphere.tfstate --vsphere` against vcsim, the founding scenarios one
 * after another on one simulated vCenter: no change, a VM resized to 16 vCPUs by hand, a leftover
 * memory snapshot, a VM made outside Terraform, an orphaned disk, a managed VM destroyed; and an
 * unchecked scope (a datastore search that times out) that never becomes `missing`.
 * Skipped, naming why, where vcsim is not installed (no Go on the machine).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/cli.js';
import {
  connect,
  createOrphanDisk,
  createVm,
  destroyVm,
  findVm,
  firstOf,
  startVcsim,
  stateFile,
  takeSnapshot,
  vcsimUnavailable,
  vmStateResource,
  type Vcsim,
} from './support/vcsim.js';
import type { VimClient } from '../src/observers/vsphere/client/vim.js';

const skip = vcsimUnavailable();

interface Report {
  scan: {
    complete: boolean;
    incompleteScopes: Array<{ type: string; code: string; reason: string }>;
    apiCalls?: Record<string, number>;
  };
  summary: { managed: number; missing: number; unchecked: number; changed: number };
  findings: Array<{
    kind: string;
    resource: { address: string; type: string; id?: string };
    changes: Array<{ path: string; recorded: unknown; observed: unknown }>;
    facts?: Record<string, unknown>;
    reasons: string[];
  }>;
}

describe('vSphere scan on vcsim', { skip }, () => {
  let sim: Vcsim;
  let client: VimClient;
  let dir: string;
  let statePath: string;
  let managedUuid: string;

  const scan = async (
    extraEnv: Record<string, string> = {},
    args: string[] = [],
  ): Promise<{ code: number; report: Report; stderr: string; stdout: string }> => {
    const run = await runCli(
      ['scan', '--state', statePath, '--vsphere', '--vsphere-insecure', '-o', 'json', '--no-history', ...args],
      {
        cwd: dir,
        env: { ...sim.env(), ...extraEnv },
      },
    );
    assert.ok([0, 2, 3].includes(run.code), `exit ${run.code}: ${run.stderr}`);
    // The password never reaches any output.
    assert.ok(
      !run.stdout.includes(sim.password) && !run.stderr.includes(sim.password),
      'the password leaked into the output',
    );
    return { code: run.code, report: JSON.parse(run.stdout) as Report, stderr: run.stderr, stdout: run.stdout };
  };

  before(async () => {
    sim = await startVcsim({ vms: 1, clusters: 1, hostsPerCluster: 1, extraArgs: ['-pg', '0'] });
    client = await connect(sim);
    dir = mkdtempSync(join(tmpdir(), 'dw-vsphere-'));
    statePath = join(dir, 'vsphere.tfstate');
    const vm = (await findVm(client, 'DC0_C0_RP0_VM0'))!;
    managedUuid = vm.uuid;
    const cluster = await firstOf(client, 'ClusterComputeResource', ['name']);
    const dc = await firstOf(client, 'Datacenter', ['name']);
    const clusterState = {
      mode: 'managed',
      type: 'vsphere_compute_cluster',
      name: 'c0',
      provider: 'provider["registry.terraform.io/hashicorp/vsphere"]',
      instances: [
        {
          schema_version: 0,
          attributes: {
            id: cluster.ref.value,
            name: 'DC0_C0',
            datacenter_id: dc.ref.value,
            folder: '',
            drs_enabled: true,
            drs_automation_level: 'manual',
            ha_enabled: false,
            tags: [],
            custom_attributes: {},
          },
          sensitive_attributes: [],
        },
      ],
    };
    writeFileSync(statePath, stateFile([vmStateResource('app', vm), clusterState]));
  });

  after(async () => {
    // eslint-disable-next-line no-restricted-syntax -- test teardown: the simulator is stopped next anyway
    await client?.logout().catch(() => undefined);
    client?.close();
    await sim?.stop();
  });

  test('no change: exit 0, zero findings, every scope complete', async () => {
    const { code, report } = await scan();
    assert.deepEqual(
      report.findings.map((f) => `${f.kind} ${f.resource.address}`),
      [],
    );
    assert.equal(code, 0);
    assert.equal(report.scan.complete, true);
    assert.equal(report.summary.managed, 2);
  });

  test('a VM resized by hand to 16 vCPUs is configuration drift on num_cpus', async () => {
    const vm = (await findVm(client, 'DC0_C0_RP0_VM0'))!;
    await client.reconfigureVm(vm.ref, { numCPUs: 16 });
    const { code, report } = await scan();
    assert.equal(code, 2);
    const finding = report.findings.find((f) => f.kind === 'configuration' && f.resource.id === managedUuid);
    assert.ok(finding, JSON.stringify(report.findings));
    assert.equal(finding.resource.address, 'vsphere_virtual_machine.app');
    assert.deepEqual(
      finding.changes.map((c) => [c.path, c.recorded, c.observed]),
      [['num_cpus', 1, 16]],
    );
  });

  test('a leftover memory snapshot is an unmanaged snapshot with its age and memory as facts', async () => {
    const vm = (await findVm(client, 'DC0_C0_RP0_VM0'))!;
    await takeSnapshot(client, vm.ref, 'before-fix', true);
    const { report } = await scan();
    const finding = report.findings.find(
      (f) => f.kind === 'unmanaged' && f.resource.type === 'vsphere_virtual_machine_snapshot',
    );
    assert.ok(finding, JSON.stringify(report.findings));
    assert.equal(finding.facts?.['memory'], true);
    assert.equal(finding.facts?.['vm'], 'DC0_C0_RP0_VM0');
    assert.equal(typeof finding.facts?.['age_days'], 'number');
    assert.match(String(finding.resource.id), /^snapshot-/);
  });

  test('a VM created outside Terraform is unmanaged; its disk is not an orphan', async () => {
    const folder = await firstOf(client, 'Datacenter', ['vmFolder']);
    const pool = await firstOf(client, 'ResourcePool', ['name']);
    const ds = await firstOf(client, 'Datastore', ['name']);
    await createVm(client, {
      name: 'hand-made',
      folder: { type: 'Folder', value: folder.props.get('vmFolder')!.text.trim() },
      pool: pool.ref,
      datastore: ds.props.get('name')!.text.trim(),
    });
    const made = (await findVm(client, 'hand-made'))!;
    const { report } = await scan();
    assert.ok(
      report.findings.some(
        (f) => f.kind === 'unmanaged' && f.resource.type === 'vsphere_virtual_machine' && f.resource.id === made.uuid,
      ),
      JSON.stringify(report.findings),
    );
    assert.ok(
      !report.findings.some((f) => f.resource.type === 'vsphere_virtual_disk'),
      'a disk some VM uses is not orphaned',
    );
  });

  test('a disk file no VM uses is an orphaned, unmanaged vsphere_virtual_disk with its datastore', async () => {
    const dc = await firstOf(client, 'Datacenter', ['name']);
    await createOrphanDisk(client, '[LocalDS_0] lost.vmdk', dc.ref, 8);
    const { report } = await scan();
    const finding = report.findings.find((f) => f.kind === 'unmanaged' && f.resource.type === 'vsphere_virtual_disk');
    assert.ok(finding, JSON.stringify(report.findings));
    assert.equal(finding.resource.id, 'lost.vmdk');
    assert.equal(finding.facts?.['orphaned'], true);
    assert.equal(finding.facts?.['datastore'], 'LocalDS_0');
  });

  test('a managed VM destroyed by hand is missing; everything found above is still reported', async () => {
    const vm = (await findVm(client, 'DC0_C0_RP0_VM0'))!;
    await destroyVm(client, vm.ref);
    const { code, report } = await scan();
    assert.equal(code, 2);
    const kinds = report.findings.map((f) => `${f.kind} ${f.resource.type}`).sort();
    assert.deepEqual(kinds, [
      'missing vsphere_virtual_machine',
      'unmanaged vsphere_virtual_disk',
      'unmanaged vsphere_virtual_machine',
    ]);
    assert.equal(report.findings.find((f) => f.kind === 'missing')?.resource.address, 'vsphere_virtual_machine.app');
  });
});

describe('vSphere scan: a failed listing is unchecked, never missing', { skip }, () => {
  test('a datastore search that times out marks vsphere_virtual_disk unchecked; a recorded disk is not missing', async () => {
    // Every datastore search takes 5 s in this simulator; the scan allows 2 s per call.
    const sim = await startVcsim({
      vms: 0,
      extraArgs: ['-pg', '0', '-method-delay', 'SearchDatastoreSubFolders_Task:5000'],
    });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'dw-vsphere-'));
      const statePath = join(dir, 'disk.tfstate');
      writeFileSync(
        statePath,
        stateFile([
          {
            mode: 'managed',
            type: 'vsphere_virtual_disk',
            name: 'data',
            provider: 'provider["registry.terraform.io/hashicorp/vsphere"]',
            instances: [
              {
                schema_version: 1,
                attributes: {
                  id: 'data/gone.vmdk',
                  vmdk_path: 'data/gone.vmdk',
                  datastore: 'LocalDS_0',
                  datacenter: 'DC0',
                  size: 10,
                  type: 'thin',
                  adapter_type: 'lsiLogic',
                  create_directories: true,
                },
                sensitive_attributes: [],
              },
            ],
          },
        ]),
      );
      writeFileSync(
        join(dir, 'driftwarden.yaml'),
        `version: 1\nenvironments:\n  lab:\n    tier: development\n    states: [disk.tfstate]\nvsphere:\n  insecure: true\n  timeout_seconds: 2\n`,
      );
      const run = await runCli(['scan', '-o', 'json', '--no-history'], { cwd: dir, env: sim.env() });
      assert.ok([0, 2, 3].includes(run.code), `exit ${run.code}: ${run.stderr}`);
      assert.ok(!run.stdout.includes(sim.password) && !run.stderr.includes(sim.password));
      const report = JSON.parse(run.stdout) as Report;
      assert.equal(report.scan.complete, false);
      const scope = report.scan.incompleteScopes.find((s) => s.type === 'vsphere_virtual_disk');
      assert.ok(scope, JSON.stringify(report.scan.incompleteScopes));
      assert.equal(scope.code, 'timeout');
      assert.equal(report.summary.missing, 0);
      assert.equal(report.summary.unchecked, 1);
      assert.ok(!report.findings.some((f) => f.kind === 'missing'));
    } finally {
      await sim.stop();
    }
  });
});
