/**
 * The demo's vSphere part, when vcsim is installed (scripts/setup.sh builds it where Go is): a
 * simulated vCenter with one VM under Terraform, three hand changes (the VM resized to 16 vCPUs, a
 * memory snapshot left behind, a VM made outside Terraform), then `driftwarden scan --vsphere` and
 * the reconcile dry run. Without vcsim the part is skipped, saying why: the rest of the demo needs
 * no Go.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  connect,
  createVm,
  findVm,
  firstOf,
  startVcsim,
  stateFile,
  takeSnapshot,
  vcsimUnavailable,
  vmStateResource,
  type Vcsim,
} from './vcsim-estate.js';

export const VSPHERE_STORIES = [
  'the VM app was resized by hand from 1 to 16 vCPUs',
  'a memory snapshot "before-fix" was taken and left behind',
  'a VM "hand-made" was created outside Terraform',
] as const;

/** Runs the CLI with the simulator's credentials in its environment; returns its exit code. */
export type DemoCli = (args: ReadonlyArray<string>, env: Record<string, string>) => Promise<number>;

/** Why the vSphere part cannot run here, or undefined. */
export function vsphereDemoUnavailable(): string | undefined {
  return vcsimUnavailable();
}

export async function runVsphereDemo(workDir: string, say: (line?: string) => void, cli: DemoCli): Promise<number> {
  say('6. vSphere: starting vcsim (VMware vCenter simulator) on 127.0.0.1 ...');
  const sim: Vcsim = await startVcsim({ vms: 1, clusters: 1, hostsPerCluster: 1, extraArgs: ['-pg', '0'] });
  try {
    const client = await connect(sim);
    try {
      const vm = (await findVm(client, 'DC0_C0_RP0_VM0'))!;
      writeFileSync(join(workDir, 'vsphere.tfstate'), stateFile([vmStateResource('app', vm)]));
      writeFileSync(
        join(workDir, 'vsphere.yaml'),
        [
          'version: 1',
          'store: vsphere.db',
          'environments:',
          '  lab:',
          '    tier: development',
          '    states: [vsphere.tfstate]',
          '    vsphere: { datacenters: [DC0] }',
          'vsphere:',
          '  insecure: true # vcsim has a self-signed certificate: a lab only',
          'reconcile:',
          '  strategies:',
          '    - { type: vsphere_virtual_machine, kind: configuration, strategy: revert }',
          '    - { type: vsphere_virtual_machine_snapshot, kind: unmanaged, strategy: prune }',
          '',
        ].join('\n'),
      );
      say('   hand changes in vCenter:');
      await client.reconfigureVm(vm.ref, { numCPUs: 16 });
      await takeSnapshot(client, vm.ref, 'before-fix', true);
      const folder = await firstOf(client, 'Datacenter', ['vmFolder']);
      const pool = await firstOf(client, 'ResourcePool', ['name']);
      const ds = await firstOf(client, 'Datastore', ['name']);
      await createVm(client, {
        name: 'hand-made',
        folder: { type: 'Folder', value: folder.props.get('vmFolder')!.text.trim() },
        pool: pool.ref,
        datastore: ds.props.get('name')!.text.trim(),
      });
      for (const story of VSPHERE_STORIES) say(`   - ${story}`);
    } finally {
      await client.logout();
      client.close();
    }
    say('7. driftwarden scan --config vsphere.yaml (vSphere observed through vim25)');
    say();
    const config = join(workDir, 'vsphere.yaml');
    const scan = await cli(['scan', '--config', config, '--width', String(process.stdout.columns ?? 160)], sim.env());
    if (scan !== 0 && scan !== 2) return scan;
    say();
    say('8. driftwarden reconcile --config vsphere.yaml (a dry run: the VM must be powered off to revert it)');
    say();
    const plan = await cli(['reconcile', '--config', config], sim.env());
    return plan === 2 ? 0 : plan;
  } finally {
    await sim.stop();
  }
}
