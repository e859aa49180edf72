import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../model/finding.js';
import type { PlanContext } from '../../model/catalogue.js';
import { hotChangeRefusal, planSnapshotPrune, planVmRevert } from './revert.js';

const running = { powerState: 'poweredOn', cpuHotAdd: false, cpuHotRemove: false, memoryHotAdd: false };
const ctx = (vspherePowerOff: boolean): PlanContext => ({
  defaultRegion: '',
  managedIds: () => undefined,
  instanceTypeRevert: false,
  vspherePowerOff,
});

function vmFinding(changes: Array<[string, number, number]>, facts: Finding['facts']): Finding {
  return {
    id: 'dw-1',
    kind: 'configuration',
    severity: 'medium',
    environment: 'lab',
    resource: { address: 'vsphere_virtual_machine.app', type: 'vsphere_virtual_machine', id: 'uuid-1', region: 'DC0' },
    changes: changes.map(([path, recorded, observed]) => ({ path, recorded, observed, sensitive: false })),
    summary: '',
    reasons: [],
    ...(facts ? { facts } : {}),
  };
}

const facts = (power: string, flags: Partial<Record<string, boolean>> = {}) => ({
  power_state: power,
  cpu_hot_add_enabled: flags['cpuAdd'] ?? false,
  cpu_hot_remove_enabled: flags['cpuRemove'] ?? false,
  memory_hot_add_enabled: flags['memAdd'] ?? false,
});

test('hot-add: a running VM takes more CPUs or memory only with hot-add, fewer CPUs only with hot-remove, never less memory', () => {
  assert.equal(
    hotChangeRefusal({ ...running, powerState: 'poweredOff' }, { fromMemoryMB: 8, toMemoryMB: 4 }),
    undefined,
  );
  assert.match(hotChangeRefusal(running, { fromCpus: 2, toCpus: 4 })!, /CPU hot-add is off/);
  assert.equal(hotChangeRefusal({ ...running, cpuHotAdd: true }, { fromCpus: 2, toCpus: 4 }), undefined);
  assert.match(hotChangeRefusal({ ...running, cpuHotAdd: true }, { fromCpus: 4, toCpus: 2 })!, /hot-remove is off/);
  assert.equal(hotChangeRefusal({ ...running, cpuHotRemove: true }, { fromCpus: 4, toCpus: 2 }), undefined);
  assert.match(hotChangeRefusal(running, { fromMemoryMB: 1024, toMemoryMB: 2048 })!, /memory hot-add is off/);
  assert.equal(
    hotChangeRefusal({ ...running, memoryHotAdd: true }, { fromMemoryMB: 1024, toMemoryMB: 2048 }),
    undefined,
  );
  assert.match(
    hotChangeRefusal({ ...running, memoryHotAdd: true }, { fromMemoryMB: 2048, toMemoryMB: 1024 })!,
    /never removes memory/,
  );
});

test('VM revert: hot when allowed, power cycle only with the opt-in, never blind', () => {
  const hot = planVmRevert(vmFinding([['num_cpus', 4, 2]], facts('poweredOn', { cpuAdd: true })), ctx(false));
  assert.ok('calls' in hot);
  assert.deepEqual(
    hot.calls.map((c) => [c.operation, c.input['spec']]),
    [['ReconfigVM_Task', { numCPUs: 4 }]],
  );
  const cold = vmFinding(
    [
      ['num_cpus', 1, 16],
      ['memory', 1024, 4096],
    ],
    facts('poweredOn'),
  );
  const refused = planVmRevert(cold, ctx(false));
  assert.ok('unsupported' in refused);
  assert.match(refused.unsupported, /must be powered off.*allow_power_off/);
  const cycled = planVmRevert(cold, ctx(true));
  assert.ok('calls' in cycled);
  assert.deepEqual(
    cycled.calls.map((c) => c.operation),
    ['PowerOffVM_Task', 'ReconfigVM_Task', 'PowerOnVM_Task'],
  );
  assert.deepEqual(cycled.calls[1]!.input['spec'], { numCPUs: 1, memoryMB: 1024 });
  assert.equal(cycled.calls[1]!.region, 'DC0');
  const blind = planVmRevert(vmFinding([['num_cpus', 1, 16]], undefined), ctx(true));
  assert.ok('unsupported' in blind && /not observed/.test(blind.unsupported));
  const suspended = planVmRevert(vmFinding([['num_cpus', 1, 16]], facts('suspended')), ctx(true));
  assert.ok('unsupported' in suspended && /suspended/.test(suspended.unsupported));
});

test('snapshot prune: RemoveSnapshot_Task on the snapshot id only, children kept', () => {
  const finding: Finding = {
    ...vmFinding([], undefined),
    kind: 'unmanaged',
    resource: { address: 'x', type: 'vsphere_virtual_machine_snapshot', id: 'snapshot-42', region: 'DC0' },
  };
  const planned = planSnapshotPrune(finding);
  assert.ok('calls' in planned);
  assert.deepEqual(planned.calls[0]!.input, { snapshot: 'snapshot-42', removeChildren: false, consolidate: true });
  assert.ok('unsupported' in planSnapshotPrune({ ...finding, resource: { ...finding.resource, id: 'x/../y' } }));
});
