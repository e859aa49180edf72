/**
 * vsphere_distributed_port_group. Identity: the port group's key (`dvportgroup-42`), the provider's
 * id. Attributes as the provider reads them: name, description, type (earlyBinding, ephemeral),
 * number_of_ports, auto_expand, vlan_id, distributed_virtual_switch_uuid.
 *
 * Each switch's uplink port group is created by vCenter with the switch: observed, never unmanaged.
 */
import { defineVsphereType } from './define.js';
import { child, children, datacenterName, moRefOf, numberOf, textOf } from './mapping.js';

export const distributedPortGroup = defineVsphereType({
  type: 'vsphere_distributed_port_group',
  needs: ['DistributedVirtualPortgroup', 'DistributedVirtualSwitch', 'Datacenter', 'Folder'],
  observe: (context) =>
    context.inventory.objects('DistributedVirtualPortgroup').map((pg) => {
      const config = pg.props.get('config');
      const key = pg.props.get('key')?.text.trim() ?? pg.obj.value;
      const dvs = context.inventory.get(moRefOf(child(config, 'distributedVirtualSwitch')));
      const vlan = child(child(config, 'defaultPortConfig'), 'vlan');
      const uplinkGroups = children(dvs?.props.get('config.uplinkPortgroup'), 'ManagedObjectReference').map((r) =>
        r.text.trim(),
      );
      const uplink = textOf(config, 'uplink') === 'true' || uplinkGroups.includes(pg.obj.value);
      const datacenter = datacenterName(context.inventory, pg);
      const attributes: Record<string, unknown> = {
        id: key,
        key,
        name: pg.props.get('name')?.text,
        description: textOf(config, 'description') ?? '',
        type: textOf(config, 'type'),
        number_of_ports: numberOf(config, 'numPorts'),
        auto_expand: textOf(config, 'autoExpand') === undefined ? undefined : textOf(config, 'autoExpand') === 'true',
        vlan_id: vlan?.xsiType === 'DistributedVirtualSwitchVlanIdSpec' ? numberOf(vlan, 'vlanId') : undefined,
        distributed_virtual_switch_uuid: dvs?.props.get('uuid')?.text.trim(),
      };
      return {
        id: key,
        attributes: Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined)),
        datacenter,
        ...(uplink ? { noise: 'vCenter creates the uplink port group together with its distributed switch' } : {}),
        placement: { datacenter },
      };
    }),
  computed: ['config_version'],
  forcesReplacement: ['distributed_virtual_switch_uuid'],
  defaults: [{ path: 'description', value: '', why: 'vCenter reports an empty description where the state has none' }],
  limitations: 'Port policies (teaming, security, shaping) and VLAN trunks or private VLANs are not compared.',
});
