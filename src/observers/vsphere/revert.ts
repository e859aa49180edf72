/**
 * What a vSphere revert or prune may send, and the pure plans the catalogue entries use: a resized
 * VM's CPU and memory put back (ReconfigVM_Task), a leftover snapshot removed (RemoveSnapshot_Task).
 *
 * Hot-add (the rule vCenter applies to a running VM, which the plan states before anything acts):
 *   - a powered-off VM takes any CPU or memory change;
 *   - a powered-on VM takes more CPUs only with CPU hot-add, fewer only with CPU hot-remove, more
 *     memory only with memory hot-add, and never less memory (vSphere has no memory hot-remove);
 *   - otherwise the VM must be powered off: the plan says so and stays a skip, unless the finding's
 *     environment opts in (`environments.<env>.vsphere.allow_power_off: true`); then the plan is
 *     power off, reconfigure, power on, each call its own audited step;
 *   - a suspended VM, or one whose power state or hot-add flags were not observed, is never acted on.
 * The executor (actions/vsphere/execute.ts) checks the same rule again against a fresh read just
 * before reconfiguring, so a VM powered on after the plan was made is never changed hot by surprise.
 */
import type { ApiCall, PlanContext, PlannedCalls } from '../../model/catalogue.js';
import type { Finding } from '../../model/finding.js';

export const VSPHERE_OPERATIONS = [
  'ReconfigVM_Task',
  'PowerOffVM_Task',
  'PowerOnVM_Task',
  'RemoveSnapshot_Task',
] as const;
export type VsphereOperation = (typeof VSPHERE_OPERATIONS)[number];

/** One vim25 call of a plan. `region` is the datacenter; objects are named by identity (VM uuid, snapshot id). */
export interface VsphereCall extends ApiCall {
  readonly service: 'vsphere';
  readonly operation: VsphereOperation;
}

export function vsphereCall(
  operation: VsphereOperation,
  datacenter: string,
  input: Record<string, unknown>,
  note?: string,
): VsphereCall {
  return { service: 'vsphere', operation, region: datacenter, input, ...(note !== undefined ? { note } : {}) };
}

export interface HotState {
  readonly powerState: string;
  readonly cpuHotAdd: boolean;
  readonly cpuHotRemove: boolean;
  readonly memoryHotAdd: boolean;
}

export interface SizeChange {
  readonly fromCpus?: number;
  readonly toCpus?: number;
  readonly fromMemoryMB?: number;
  readonly toMemoryMB?: number;
}

/** Why this change cannot be made to the VM as it runs, or undefined when it can (hot, or powered off). */
export function hotChangeRefusal(state: HotState, change: SizeChange): string | undefined {
  if (state.powerState === 'poweredOff') return undefined;
  const reasons: string[] = [];
  const { fromCpus, toCpus, fromMemoryMB, toMemoryMB } = change;
  if (toCpus !== undefined && fromCpus !== undefined && toCpus !== fromCpus) {
    if (toCpus > fromCpus && !state.cpuHotAdd) reasons.push(`CPU hot-add is off (${fromCpus} -> ${toCpus} vCPUs)`);
    if (toCpus < fromCpus && !state.cpuHotRemove)
      reasons.push(`CPU hot-remove is off (${fromCpus} -> ${toCpus} vCPUs)`);
  }
  if (toMemoryMB !== undefined && fromMemoryMB !== undefined && toMemoryMB !== fromMemoryMB) {
    if (toMemoryMB < fromMemoryMB)
      reasons.push(`vSphere never removes memory from a running VM (${fromMemoryMB} -> ${toMemoryMB} MB)`);
    else if (!state.memoryHotAdd) reasons.push(`memory hot-add is off (${fromMemoryMB} -> ${toMemoryMB} MB)`);
  }
  return reasons.length > 0 ? `the VM is ${state.powerState}: ${reasons.join('; ')}` : undefined;
}

/** The VM's power state and hot-add flags as the observer reported them (its facts), if all were. */
export function hotStateOf(facts: Finding['facts']): HotState | undefined {
  const power = facts?.['power_state'];
  const flags = ['cpu_hot_add_enabled', 'cpu_hot_remove_enabled', 'memory_hot_add_enabled'].map((k) => facts?.[k]);
  if (typeof power !== 'string' || flags.some((f) => typeof f !== 'boolean')) return undefined;
  return {
    powerState: power,
    cpuHotAdd: flags[0] === true,
    cpuHotRemove: flags[1] === true,
    memoryHotAdd: flags[2] === true,
  };
}

function numberChange(finding: Finding, path: string): { from: number; to: number } | undefined {
  const change = finding.changes.find((c) => c.path === path);
  if (!change) return undefined;
  if (typeof change.recorded !== 'number' || typeof change.observed !== 'number') return undefined;
  return { from: change.observed, to: change.recorded };
}

/** vsphere_virtual_machine revert: num_cpus and memory back to the recorded values. */
export function planVmRevert(finding: Finding, ctx: PlanContext): PlannedCalls<VsphereCall> {
  const uuid = finding.resource.id;
  const datacenter = finding.resource.region ?? '';
  if (uuid === undefined) return { unsupported: 'the VM has no uuid to act on' };
  const cpus = numberChange(finding, 'num_cpus');
  const memory = numberChange(finding, 'memory');
  for (const path of ['num_cpus', 'memory']) {
    if (finding.changes.some((c) => c.path === path) && !(path === 'num_cpus' ? cpus : memory))
      return { unsupported: `${path} has no recorded number to put back` };
  }
  if (!cpus && !memory) return { calls: [] };
  const state = hotStateOf(finding.facts);
  if (!state)
    return { unsupported: 'the VM power state or hot-add flags were not observed: nothing is acted on blind' };
  if (state.powerState !== 'poweredOn' && state.powerState !== 'poweredOff')
    return { unsupported: `the VM is ${state.powerState}: resume or power it off by hand, then reconcile again` };
  const spec = { ...(cpus ? { numCPUs: cpus.to } : {}), ...(memory ? { memoryMB: memory.to } : {}) };
  const change: SizeChange = {
    ...(cpus ? { fromCpus: cpus.from, toCpus: cpus.to } : {}),
    ...(memory ? { fromMemoryMB: memory.from, toMemoryMB: memory.to } : {}),
  };
  const refusal = hotChangeRefusal(state, change);
  const what = [cpus ? `${cpus.to} vCPUs` : '', memory ? `${memory.to} MB` : ''].filter(Boolean).join(', ');
  if (!refusal) {
    return {
      calls: [
        vsphereCall(
          'ReconfigVM_Task',
          datacenter,
          { vm: uuid, spec, change },
          `reconfigure to ${what}, waiting for the task`,
        ),
      ],
    };
  }
  if (!ctx.vspherePowerOff) {
    return {
      unsupported:
        `${refusal}: the VM must be powered off to revert it; allow that in environment ${finding.environment} ` +
        '(environments.<env>.vsphere.allow_power_off: true), or power it off by hand and reconcile again',
    };
  }
  return {
    calls: [
      vsphereCall('PowerOffVM_Task', datacenter, { vm: uuid }, `${refusal}: power off (allow_power_off)`),
      vsphereCall(
        'ReconfigVM_Task',
        datacenter,
        { vm: uuid, spec, change, poweredOffByPlan: true },
        `reconfigure to ${what}; on failure the VM is powered on again`,
      ),
      {
        ...vsphereCall('PowerOnVM_Task', datacenter, { vm: uuid }, 'power on again, as it was before the revert'),
        finishing: true,
      },
    ],
  };
}

/** vsphere_virtual_machine_snapshot prune: RemoveSnapshot_Task on this snapshot only (children kept, disks consolidated). */
export function planSnapshotPrune(finding: Finding): PlannedCalls<VsphereCall> {
  const id = finding.resource.id;
  if (id === undefined || !/^snapshot-[\w-]+$/.test(id))
    return { unsupported: 'the snapshot has no managed-object id' };
  const vm = finding.facts?.['vm'];
  return {
    calls: [
      vsphereCall(
        'RemoveSnapshot_Task',
        finding.resource.region ?? '',
        { snapshot: id, removeChildren: false, consolidate: true },
        `remove the snapshot${typeof vm === 'string' ? ` of VM ${vm}` : ''}, waiting for the task`,
      ),
    ],
  };
}
