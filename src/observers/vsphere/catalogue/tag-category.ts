/**
 * vsphere_tag_category, read through the tagging API as the provider reads it: `name`,
 * `description`, `cardinality` (SINGLE or MULTIPLE), `associable_types` (a set). Identity: the
 * category's id (`urn:vmomi:InventoryServiceCategory:...`).
 */
import { defineVsphereType } from './define.js';

export const tagCategory = defineVsphereType({
  type: 'vsphere_tag_category',
  needs: ['Tagging'],
  global: true,
  observe: (context) =>
    (context.tagging?.categories ?? []).map((c) => ({
      id: c.id,
      attributes: {
        id: c.id,
        name: c.name,
        description: c.description,
        cardinality: c.cardinality,
        associable_types: [...c.associable_types].sort(),
      },
      datacenter: '',
    })),
  sets: ['associable_types'],
  forcesReplacement: ['cardinality'],
});
