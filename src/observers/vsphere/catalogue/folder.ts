/**
 * vsphere_folder. Identity: the folder's managed-object id (`group-v42`), the provider's id.
 * Attributes as the provider reads them: `path` relative to the datacenter's root folder of its
 * kind, `type` (vm, host, datastore, network, or datacenter for folders above datacenters),
 * `datacenter_id`, `tags`.
 *
 * The root folder and each datacenter's four root folders are vCenter's own: observed, never
 * unmanaged.
 */
import { defineVsphereType, type VsphereObservedItem } from './define.js';
import { children, moRefOf } from './mapping.js';
import { tagIdsOf } from './mapping.js';

const TYPE_OF_CHILD: Record<string, string> = {
  VirtualMachine: 'vm',
  ComputeResource: 'host',
  Datastore: 'datastore',
  Network: 'network',
  Datacenter: 'datacenter',
};

export const folder = defineVsphereType({
  type: 'vsphere_folder',
  needs: ['Folder', 'Datacenter', 'Tagging'],
  observe: (context) => {
    const inv = context.inventory;
    const items: VsphereObservedItem[] = [];
    for (const f of inv.objects('Folder')) {
      const childTypes = children(f.props.get('childType'), 'string').map((c) => c.text.trim());
      const type = childTypes.map((t) => TYPE_OF_CHILD[t]).find((t) => t !== undefined) ?? 'vm';
      const parent = inv.get(moRefOf(f.props.get('parent')));
      const dc = inv.datacenterOf(f.obj);
      const datacenter = dc?.props.get('name')?.text ?? '';
      let path: string;
      if (type === 'datacenter') {
        const names: string[] = [];
        let current: typeof parent = f;
        while (current && current.obj.type === 'Folder' && inv.get(moRefOf(current.props.get('parent')))) {
          names.push(current.props.get('name')?.text ?? '');
          current = inv.get(moRefOf(current.props.get('parent')));
        }
        path = names.reverse().join('/');
      } else {
        path = inv.relativeFolderPath(f.obj) ?? '';
      }
      const root = !parent || parent.obj.type === 'Datacenter';
      const tags = tagIdsOf(context, f);
      items.push({
        id: f.obj.value,
        attributes: {
          id: f.obj.value,
          path,
          type,
          ...(type !== 'datacenter' && dc ? { datacenter_id: dc.obj.value } : {}),
          ...(tags !== undefined ? { tags } : {}),
        },
        datacenter,
        ...(root
          ? { noise: "vCenter creates the root folder and each datacenter's vm, host, datastore and network folders" }
          : {}),
        placement: { datacenter, ...(type === 'vm' ? { folder: path } : {}) },
      });
    }
    return items;
  },
  sets: ['tags'],
  forcesReplacement: ['type', 'datacenter_id'],
  limitations: 'Custom attributes are not compared.',
});
