/**
 * vsphere_tag, read through the tagging API as the provider reads it: `name`, `description`,
 * `category_id`. Identity: the tag's id (`urn:vmomi:InventoryServiceTag:...`).
 */
import { defineVsphereType } from './define.js';

export const tag = defineVsphereType({
  type: 'vsphere_tag',
  needs: ['Tagging'],
  global: true,
  observe: (context) =>
    (context.tagging?.tags ?? []).map((t) => ({
      id: t.id,
      attributes: { id: t.id, name: t.name, description: t.description, category_id: t.category_id },
      datacenter: '',
    })),
  forcesReplacement: ['category_id'],
});
