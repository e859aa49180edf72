import { test } from 'node:test';
import assert from 'node:assert/strict';
import { vspherePins } from './vsphere-pins.js';

test('vSphere pins: hardware version and literal template uuid of a VM, the name of a template lookup; expressions noted', () => {
  const vm = vspherePins(
    'vsphere_virtual_machine',
    { name: 'app', hardware_version: 19, clone: [{ template_uuid: '${data.vsphere_virtual_machine.tpl.id}' }] },
    false,
  );
  assert.deepEqual(vm.pins, [{ category: 'vm_hardware', path: 'hardware_version', value: '19' }]);
  assert.deepEqual(vm.expressions, ['clone.template_uuid']);
  const literalClone = vspherePins('vsphere_virtual_machine', { clone: [{ template_uuid: '4213-abcd' }] }, false);
  assert.deepEqual(literalClone.pins, [{ category: 'vm_template', path: 'clone.template_uuid', value: '4213-abcd' }]);
  const lookup = vspherePins('vsphere_virtual_machine', { name: 'ubuntu-22.04-v3', datacenter_id: 'x' }, true);
  assert.deepEqual(lookup.pins, [{ category: 'vm_template', path: 'name', value: 'ubuntu-22.04-v3' }]);
  assert.deepEqual(vspherePins('aws_instance', { hardware_version: 19 }, false).pins, []);
});
