/**
 * vSphere observation benchmark: vcsim with N VMs (default 5,000; VSPHERE_BENCH_VMS overrides),
 * Driftwarden's observation of vsphere_virtual_machine against a bare property-collector read of
 * the same properties (one container view, paged RetrievePropertiesEx) in the same run, each
 * repeated and reported as medians, plus the API round-trips of each (target: O(pages), and the
 * scan within 1.2x of the bare read). Skips, saying why, where vcsim is not installed.
 */
import { performance } from 'node:perf_hooks';
import { startVcsim, vcsimUnavailable } from '../demo/vcsim.js';
import { VimClient } from '../src/observers/vsphere/client/vim.js';
import { PROPERTIES } from '../src/observers/vsphere/inventory.js';
import { observeVsphere } from '../src/observers/vsphere/observe.js';

const VMS = Number(process.env['VSPHERE_BENCH_VMS'] ?? 5000);
const RUNS = Number(process.env['VSPHERE_BENCH_RUNS'] ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const why = vcsimUnavailable();
  if (why) {
    console.log(`vsphere bench: skipped: ${why}`);
    return;
  }
  const started = performance.now();
  const sim = await startVcsim({
    vms: VMS,
    clusters: 1,
    hostsPerCluster: 1,
    extraArgs: ['-pg', '0'],
    // vcsim builds the whole inventory before it binds: thousands of VMs take minutes on a busy machine.
    startTimeoutMs: 20 * 60_000,
  });
  console.log(`vsphere bench: vcsim with ${VMS} VMs up in ${Math.round(performance.now() - started)} ms`);
  try {
    const scanTimes: number[] = [];
    const bareTimes: number[] = [];
    let scanCalls: Record<string, number> = {};
    let bareCalls: Record<string, number> = {};
    let observed = 0;
    for (let run = 0; run < RUNS; run++) {
      // Alternate the order so that neither side always runs on a warm simulator.
      const order = run % 2 === 0 ? ['scan', 'bare'] : ['bare', 'scan'];
      for (const side of order) {
        const t0 = performance.now();
        if (side === 'scan') {
          const result = await observeVsphere({
            server: sim.server,
            user: sim.user,
            password: sim.password,
            insecure: true,
            types: ['vsphere_virtual_machine'],
            timeoutMs: 300_000,
          });
          scanTimes.push(performance.now() - t0);
          scanCalls = result.apiCalls;
          observed = result.snapshot.resources.length;
        } else {
          const client = new VimClient({ server: sim.server, insecure: true, timeoutMs: 300_000 });
          await client.login(sim.user, sim.password);
          const view = await client.createContainerView(client.serviceContent.rootFolder, ['VirtualMachine']);
          const vms = await client.retrieveFromView(view, 'VirtualMachine', PROPERTIES.VirtualMachine);
          await client.destroyView(view);
          await client.logout();
          client.close();
          bareTimes.push(performance.now() - t0);
          bareCalls = client.apiCalls();
          if (vms.length < VMS) throw new Error(`bare read saw ${vms.length} VMs`);
        }
      }
    }
    const total = (calls: Record<string, number>): number => Object.values(calls).reduce((a, b) => a + b, 0);
    const scan = median(scanTimes);
    const bare = median(bareTimes);
    console.log(`vsphere bench: ${VMS} VMs, ${RUNS} runs each, medians`);
    console.log(
      `  scan observation (vsphere_virtual_machine, ${observed} observed): ${scan.toFixed(0)} ms, ${total(scanCalls)} API calls`,
    );
    console.log(`  bare property-collector read:                 ${bare.toFixed(0)} ms, ${total(bareCalls)} API calls`);
    console.log(`  scan / bare: ${(scan / bare).toFixed(2)}x (target <= 1.2x)`);
    console.log(`  scan calls: ${JSON.stringify(scanCalls)}`);
    console.log(`  bare calls: ${JSON.stringify(bareCalls)}`);
  } finally {
    await sim.stop();
  }
}

await main();
