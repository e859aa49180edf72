/**
 * aws_ec2_tag: one tag of one EC2 resource, from DescribeTags through the generic listing. The
 * provider's id is `<resource id>,<key>`; value as returned. Every tag is also part of its
 * resource's tags (compared there, as tags/tags_all, wherever the resource's type is covered), so a
 * tag no state manages as an aws_ec2_tag is noise with that reason, never a second finding. Tags
 * with the reserved `aws:` prefix are left out, as the provider ignores them.
 */
import type { TagDescription } from '@aws-sdk/client-ec2';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';

/** The provider's id of one tag. */
export function ec2TagId(resourceId: string, key: string): string {
  return `${resourceId},${key}`;
}

/** The resource id and key of a provider id (the key may itself hold commas). */
function parse(id: string | undefined): { resourceId: string; key: string } | undefined {
  const comma = (id ?? '').indexOf(',');
  return comma > 0 ? { resourceId: id!.slice(0, comma), key: id!.slice(comma + 1) } : undefined;
}

export const ec2Tag = defineResourceType<TagDescription>({
  type: 'aws_ec2_tag',
  service: 'ec2',
  list: async (repos) =>
    (await repos.listing.list('ec2', 'DescribeTags', {}, (page) => page.Tags, 1000)).filter(
      (t) => !(t.Key ?? '').startsWith('aws:'),
    ),
  observe: (t) => ({
    id: ec2TagId(t.ResourceId ?? '', t.Key ?? ''),
    attributes: {
      id: ec2TagId(t.ResourceId ?? '', t.Key ?? ''),
      key: t.Key,
      resource_id: t.ResourceId,
      value: t.Value ?? '',
    },
    noise: `part of its ${t.ResourceType ?? 'resource'}'s tags (compared there as tags), never a second finding`,
  }),
  computed: [],
  forcesReplacement: ['key', 'resource_id'],
  trailEvents: ['CreateTags', 'DeleteTags'],
  revert: {
    attributes: ['value'],
    sends: ['ec2:CreateTags'],
    plan: (f, ctx) => {
      const tag = parse(f.resource.id);
      const value = recordedOf(f, 'value');
      if (!tag || typeof value !== 'string') return { unsupported: 'the tag id or its recorded value is not known' };
      return {
        calls: [
          awsCall('ec2', 'CreateTags', regionOf(f, ctx), {
            Resources: [tag.resourceId],
            Tags: [{ Key: tag.key, Value: value }],
          }),
        ],
      };
    },
  },
  codify: {
    arguments: [
      { name: 'resource_id', required: true },
      { name: 'key', required: true },
      { name: 'value', required: true },
    ],
  },
});
