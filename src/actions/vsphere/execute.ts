/**
 * Sends a plan's vSphere calls through Driftwarden's vim25 client, logged in with the scan's
 * credentials. Mechanism only: which operations a type may send is its catalogue entry's `sends`.
 *
 * Invariants:
 *   - a call is sent only when the entry of the item's type lists its operation: a plan file cannot
 *     reach any other vim25 method;
 *   - objects are found by identity at the moment of acting (a VM by its BIOS uuid through the
 *     search index, a snapshot by its managed-object id), never by name or inventory path;
 *   - before a reconfigure, the VM's power state and hot-add flags are read again, and the change is
 *     refused when the running VM cannot take it: a VM powered on after the plan was made is never
 *     powered off or changed hot without the plan saying so (enforcement never exceeds approval);
 *   - a reconfigure that fails after the plan powered the VM off powers it on again before failing;
 *   - every task is waited for (Task.info polled until its deadline); each call returns what it
 *     observed (the VM's power state, CPUs and memory after the step), which the audit log records.
 */
import type { ApiCall } from '../../model/catalogue.js';
import { DriftwardenError } from '../../model/errors.js';
import { VsphereApiError } from '../../observers/vsphere/client/errors.js';
import type { VimClient } from '../../observers/vsphere/client/vim.js';
import type { MoRef } from '../../observers/vsphere/client/xml.js';
import { vsphereEntry } from '../../observers/vsphere/catalogue/index.js';
import { hotChangeRefusal, type HotState, type SizeChange } from '../../observers/vsphere/revert.js';

export interface VsphereExecuteContext {
  /** A logged-in client for the scanned server; each task is waited for within its timeout (vsphere.timeout_seconds). */
  readonly client: VimClient;
}

interface VmNow extends HotState {
  readonly ref: MoRef;
  readonly numCPUs?: number;
  readonly memoryMB?: number;
}

/** Why a call of an item of `type` may not be sent, or undefined when its entry declares it. */
export function undeclaredVsphereCall(type: string, call: Pick<ApiCall, 'service' | 'operation'>): string | undefined {
  const entry = vsphereEntry(type);
  if (!entry) return `${type} has no vSphere catalogue entry`;
  if (call.service !== 'vsphere') return `${call.service} is not the vSphere service`;
  return (entry.sends as ReadonlyArray<string> | undefined)?.includes(call.operation)
    ? undefined
    : `${type} declares no vsphere:${call.operation} (its entry's sends)`;
}

function failure(message: string, cause?: unknown): DriftwardenError {
  return new DriftwardenError('vsphere.error', message, {
    nextStep: 'check the object in vCenter, then run `driftwarden reconcile` again (it re-checks by observing)',
    ...(cause !== undefined ? { cause } : {}),
  });
}

async function vmNow(client: VimClient, uuid: string): Promise<VmNow> {
  const ref = await client.findVmByUuid(uuid);
  if (!ref) throw failure(`no VM with uuid ${uuid} on ${client.http.server}: it was deleted or moved since the plan`);
  const [vm] = await client.retrieveObjects([ref], 'VirtualMachine', [
    'runtime.powerState',
    'config.cpuHotAddEnabled',
    'config.cpuHotRemoveEnabled',
    'config.memoryHotAddEnabled',
    'config.hardware.numCPU',
    'config.hardware.memoryMB',
  ]);
  const text = (path: string) => vm?.props.get(path)?.text.trim();
  const powerState = text('runtime.powerState');
  if (!powerState) throw failure(`the power state of VM ${uuid} could not be read`);
  const num = (path: string) => (text(path) === undefined ? undefined : Number(text(path)));
  const cpus = num('config.hardware.numCPU');
  const memory = num('config.hardware.memoryMB');
  return {
    ref,
    powerState,
    cpuHotAdd: text('config.cpuHotAddEnabled') === 'true',
    cpuHotRemove: text('config.cpuHotRemoveEnabled') === 'true',
    memoryHotAdd: text('config.memoryHotAddEnabled') === 'true',
    ...(cpus !== undefined ? { numCPUs: cpus } : {}),
    ...(memory !== undefined ? { memoryMB: memory } : {}),
  };
}

function observedOf(vm: VmNow): Record<string, unknown> {
  return {
    vm: vm.ref.value,
    power_state: vm.powerState,
    ...(vm.numCPUs !== undefined ? { num_cpus: vm.numCPUs } : {}),
    ...(vm.memoryMB !== undefined ? { memory: vm.memoryMB } : {}),
  };
}

async function reconfigure(
  ctx: VsphereExecuteContext,
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const { client } = ctx;
  const uuid = String(input['vm']);
  const spec = (input['spec'] ?? {}) as { numCPUs?: number; memoryMB?: number };
  const vm = await vmNow(client, uuid);
  const change: SizeChange = {
    ...(spec.numCPUs !== undefined && vm.numCPUs !== undefined ? { fromCpus: vm.numCPUs, toCpus: spec.numCPUs } : {}),
    ...(spec.memoryMB !== undefined && vm.memoryMB !== undefined
      ? { fromMemoryMB: vm.memoryMB, toMemoryMB: spec.memoryMB }
      : {}),
  };
  const refusal = hotChangeRefusal(vm, change);
  if (refusal !== undefined) {
    throw new DriftwardenError('vsphere.refused', `refused to reconfigure VM ${uuid}: ${refusal}`, {
      nextStep:
        'the VM changed since the plan was made; run `driftwarden reconcile` again: the new plan says whether it must be powered off',
    });
  }
  try {
    await client.reconfigureVm(vm.ref, spec);
  } catch (err) {
    if (input['poweredOffByPlan'] !== true) throw err;
    // The plan powered the VM off for this step: it does not stay off because the step failed.
    let restored = 'and was powered on again';
    try {
      await client.powerOnVm(vm.ref);
    } catch (powerErr) {
      restored = `and could NOT be powered on again (${powerErr instanceof Error ? powerErr.message : String(powerErr)})`;
    }
    throw failure(
      `reconfiguring VM ${uuid} failed (${err instanceof Error ? err.message : String(err)}); the VM was powered off by the plan ${restored}`,
      err,
    );
  }
  return observedOf(await vmNow(client, uuid));
}

async function setPower(
  ctx: VsphereExecuteContext,
  input: Record<string, unknown>,
  to: 'poweredOn' | 'poweredOff',
): Promise<Record<string, unknown>> {
  const uuid = String(input['vm']);
  const vm = await vmNow(ctx.client, uuid);
  if (vm.powerState === to) return { ...observedOf(vm), skipped: `already ${to}` };
  if (to === 'poweredOff') await ctx.client.powerOffVm(vm.ref);
  else await ctx.client.powerOnVm(vm.ref);
  return observedOf(await vmNow(ctx.client, uuid));
}

/** Sends one vSphere call of an item of `type`; returns what the audit log records as its output. */
export async function executeVsphereCall(
  type: string,
  call: ApiCall,
  ctx: VsphereExecuteContext | undefined,
): Promise<Record<string, unknown>> {
  const refused = undeclaredVsphereCall(type, call);
  if (refused !== undefined) {
    throw new DriftwardenError('usage', `refused to send vsphere:${call.operation}: ${refused}`, {
      nextStep: 'plan again with `driftwarden reconcile`; a plan file is never edited by hand',
    });
  }
  if (!ctx) {
    throw new DriftwardenError('usage', `vsphere:${call.operation} needs live vSphere access`, {
      nextStep: 'observe vSphere live (--vsphere, or `vsphere:` in driftwarden.yaml)',
    });
  }
  try {
    switch (call.operation) {
      case 'ReconfigVM_Task':
        return await reconfigure(ctx, call.input);
      case 'PowerOffVM_Task':
        return await setPower(ctx, call.input, 'poweredOff');
      case 'PowerOnVM_Task':
        return await setPower(ctx, call.input, 'poweredOn');
      case 'RemoveSnapshot_Task': {
        const snapshot = String(call.input['snapshot']);
        await ctx.client.removeSnapshot(
          { type: 'VirtualMachineSnapshot', value: snapshot },
          call.input['removeChildren'] === true,
          call.input['consolidate'] !== false,
        );
        return { snapshot, removed: true };
      }
      default:
        throw new DriftwardenError('usage', `vsphere:${call.operation} has no executor`);
    }
  } catch (err) {
    if (err instanceof DriftwardenError) throw err;
    if (err instanceof VsphereApiError) throw failure(`vsphere:${call.operation}: ${err.reason}`, err);
    throw err;
  }
}
