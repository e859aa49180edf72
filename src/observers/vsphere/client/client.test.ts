import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ownFixture } from '../../../../test/support/paths.js';
import { faultError } from './errors.js';
import { faultTypeOf } from './soap.js';
import { parseObjectContent } from './vim.js';
import { child, el, parseXml, seq } from './xml.js';
import { disksOf, networkInterfacesOf, hardwareVersionOf } from '../catalogue/virtual-machine.js';

const recorded = (name: string) => parseXml(readFileSync(ownFixture(`vsphere/${name}`), 'utf8'));

test('a recorded RetrievePropertiesEx page parses into typed object content, xsi types apart from reference types', () => {
  const ret = child(
    child(child(recorded('retrieve-properties-vm.vcsim.xml'), 'Body'), 'RetrievePropertiesExResponse'),
    'returnval',
  );
  assert.equal(child(ret, 'token')?.text, '97bb783f-294a-4f95-a63c-5dfb123af533');
  const vm = parseObjectContent(child(ret, 'objects')!);
  assert.deepEqual(vm.obj, { type: 'VirtualMachine', value: 'vm-63' });
  const parent = vm.props.get('parent')!;
  assert.equal(parent.xsiType, 'ManagedObjectReference');
  assert.equal(parent.attributes['type'], 'Folder');
  assert.equal(parent.text, 'group-3');
  const hardware = vm.props.get('config.hardware');
  assert.deepEqual(disksOf(hardware), [
    {
      key: 204,
      unit_number: 0,
      size: 10,
      path: 'DC0_H0_VM0/disk1.vmdk',
      datastore_id: 'datastore-60',
      thin_provisioned: true,
      eagerly_scrub: false,
      disk_mode: 'persistent',
      uuid: '0f7d94a1-43f3-5cdd-a5b7-cd730a719f51',
    },
  ]);
  assert.deepEqual(networkInterfacesOf(hardware), [
    {
      key: 4000,
      network_id: 'dvportgroup-13',
      adapter_type: 'e1000',
      mac_address: '00:0c:29:36:63:62',
      use_static_mac: false,
    },
  ]);
  assert.equal(hardwareVersionOf(vm.props.get('config.version')?.text), 13);
});

test('a NoPermission fault is classified access-denied by its type, naming the privilege, never by its text', () => {
  const fault = child(child(recorded('fault-no-permission.xml'), 'Body'), 'Fault')!;
  assert.equal(faultTypeOf(fault), 'NoPermission');
  const err = faultError(faultTypeOf(fault), 'RetrievePropertiesEx', 'System.Read');
  assert.equal(err.kind, 'access-denied');
  assert.match(err.reason, /System\.Read/);
  assert.equal(faultError('NotAuthenticated', 'x').kind, 'session');
  assert.equal(faultError('InvalidLogin', 'x').kind, 'login');
});

test('request values are escaped: a name cannot break the envelope', () => {
  const xml = seq(el('name', 'a<b&"c"'), el('_this', { type: 'Folder', value: 'group-"1' })).xml;
  assert.equal(xml, '<name>a&lt;b&amp;&quot;c&quot;</name><_this type="Folder">group-&quot;1</_this>');
  assert.equal(parseXml(`<r>${xml}</r>`).children[0]?.text, 'a<b&"c"');
});
