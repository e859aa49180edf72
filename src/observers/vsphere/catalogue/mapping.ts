/**
 * Shared mapping helpers: vim25 property values to the Terraform vSphere provider's attribute
 * shapes. Pure functions over parsed XML.
 */
import type { ObjectContent } from '../client/vim.js';
import { child, children, moRefOf, numberOf, textOf, type XmlElement } from '../client/xml.js';
import type { Inventory } from '../inventory.js';
import type { VsphereContext, VspherePlacement } from './define.js';
import { setOwn } from '../../../model/untrusted.js';

export const GIB = 1024 * 1024 * 1024;

export function prop(o: ObjectContent, path: string): XmlElement | undefined {
  return o.props.get(path);
}

export function propText(o: ObjectContent, path: string): string | undefined {
  const v = o.props.get(path);
  return v === undefined ? undefined : v.text.trim();
}

export function propBool(o: ObjectContent, path: string): boolean | undefined {
  const t = propText(o, path);
  return t === undefined ? undefined : t === 'true';
}

/** `[datastore] folder/file.vmdk` split into its datastore name and path. */
export function parseDatastorePath(text: string): { datastore: string; path: string } | undefined {
  const m = /^\[([^\]]*)\]\s*\/?(.*)$/.exec(text.trim());
  return m ? { datastore: m[1] as string, path: m[2] as string } : undefined;
}

/** The datacenter name of an object, or '' when it lies outside any (a standalone ESXi has `ha-datacenter`). */
export function datacenterName(inventory: Inventory, o: ObjectContent): string {
  return inventory.datacenterOf(o.obj)?.props.get('name')?.text ?? '';
}

/** `extra_config` keys whose values are secrets: cloud-init and guest data, and anything named like a credential. */
export const SECRET_EXTRA_CONFIG = /^guestinfo\.|password|passwd|secret|token|credential|private[-_.]?key/i;

export function optionValues(element: XmlElement | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const option of element?.children ?? []) {
    const key = textOf(option, 'key');
    if (key !== undefined) setOwn(out, key, textOf(option, 'value') ?? '');
  }
  return out;
}

/** The resource allocation of a pool or VM (`cpu_share_level`, `cpu_shares`, ...). */
export function allocation(element: XmlElement | undefined): {
  reservation?: number;
  expandable?: boolean;
  limit?: number;
  level?: string;
  shares?: number;
} {
  const shares = child(element, 'shares');
  const out: { reservation?: number; expandable?: boolean; limit?: number; level?: string; shares?: number } = {};
  const reservation = numberOf(element, 'reservation');
  if (reservation !== undefined) out.reservation = reservation;
  const expandable = textOf(element, 'expandableReservation');
  if (expandable !== undefined) out.expandable = expandable === 'true';
  const limit = numberOf(element, 'limit');
  if (limit !== undefined) out.limit = limit;
  const level = textOf(shares, 'level');
  if (level !== undefined) out.level = level;
  const count = numberOf(shares, 'shares');
  if (count !== undefined) out.shares = count;
  return out;
}

/** Tag ids attached to an object (sorted), or undefined when tags could not be read. */
export function tagIdsOf(context: VsphereContext, o: ObjectContent): string[] | undefined {
  if (!context.tagging) return undefined;
  return [...(context.tagging.attached.get(`${o.obj.type}:${o.obj.value}`) ?? [])];
}

/** Where an object sits, for environment mapping: datacenter, cluster, folder and tag names. */
export function placementOf(context: VsphereContext, o: ObjectContent, folder?: string): VspherePlacement {
  const inventory = context.inventory;
  const datacenter = datacenterName(inventory, o);
  let cluster: string | undefined;
  const pool = inventory.get(moRefOf(o.props.get('resourcePool')));
  const owner = pool ? inventory.get(moRefOf(pool.props.get('owner'))) : undefined;
  if (owner?.obj.type === 'ClusterComputeResource') cluster = owner.props.get('name')?.text;
  const tags: string[] = [];
  if (context.tagging) {
    const byId = new Map(context.tagging.tags.map((t) => [t.id, t]));
    const categories = new Map(context.tagging.categories.map((c) => [c.id, c.name]));
    for (const id of context.tagging.attached.get(`${o.obj.type}:${o.obj.value}`) ?? []) {
      const tag = byId.get(id);
      if (tag) tags.push(`${categories.get(tag.category_id) ?? tag.category_id}/${tag.name}`);
    }
  }
  return {
    datacenter,
    ...(cluster !== undefined ? { cluster } : {}),
    ...(folder !== undefined ? { folder } : {}),
    ...(tags.length > 0 ? { tags } : {}),
  };
}

export { children, child, moRefOf, numberOf, textOf };
