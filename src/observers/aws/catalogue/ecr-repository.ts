/**
 * aws_ecr_repository: DescribeRepositories, one paginated bulk call per region (1000 per page),
 * plus ListTagsForResource per repository (DescribeRepositories returns no tags), at most the
 * scope's fan-out in flight. The provider's id and import id are the repository name. As
 * resourceRepositoryRead stores it: encryption and scanning settings as one-element blocks.
 *
 * The repository listing is shared with aws_ecr_lifecycle_policy and aws_ecr_repository_policy
 * (same operation and input: one call per scope for the three types).
 */
import type { Repository, Tag } from '@aws-sdk/client-ecr';
import type { AwsRepositories } from '../repositories/index.js';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { tagAttributes } from '../mapping.js';
import { defineResourceType } from './define.js';

/** Every repository of the scope: one listing for every ECR type. */
export function ecrRepositories(repos: AwsRepositories): Promise<Repository[]> {
  return repos.listing.list('ecr', 'DescribeRepositories', {}, (page) => page.repositories, 1000);
}

export interface RepositoryWithTags {
  readonly repository: Repository;
  readonly tags: ReadonlyArray<Tag>;
}

export const ecrRepository = defineResourceType<RepositoryWithTags>({
  type: 'aws_ecr_repository',
  service: 'ecr',
  list: async (repos) => {
    const repositories = await ecrRepositories(repos);
    return repos.listing.each(repositories, async (repository) => ({
      repository,
      tags:
        (
          await repos.listing.read('ecr', 'ListTagsForResource', { resourceArn: repository.repositoryArn }, [
            'RepositoryNotFoundException',
          ])
        )?.tags ?? [],
    }));
  },
  observe: ({ repository: r, tags }) => ({
    id: r.repositoryName ?? '',
    attributes: {
      id: r.repositoryName,
      arn: r.repositoryArn,
      name: r.repositoryName,
      registry_id: r.registryId,
      repository_url: r.repositoryUri,
      image_tag_mutability: r.imageTagMutability,
      image_scanning_configuration: r.imageScanningConfiguration
        ? [{ scan_on_push: r.imageScanningConfiguration.scanOnPush ?? false }]
        : [],
      encryption_configuration: r.encryptionConfiguration
        ? [
            {
              encryption_type: r.encryptionConfiguration.encryptionType,
              kms_key: r.encryptionConfiguration.kmsKey ?? '',
            },
          ]
        : [],
      ...tagAttributes(tags),
    },
  }),
  // Configuration-only: whether `terraform destroy` deletes a repository that still holds images.
  computed: ['force_delete'],
  // Who can push over a tag, and how images are encrypted.
  policy: ['image_tag_mutability', 'encryption_configuration'],
  forcesReplacement: ['name', 'encryption_configuration'],
  trailEvents: [
    'CreateRepository',
    'DeleteRepository',
    'PutImageTagMutability',
    'PutImageScanningConfiguration',
    'TagResource',
    'UntagResource',
  ],
  limitations: 'tags cost one ListTagsForResource call per repository (DescribeRepositories returns none)',
  revert: {
    attributes: ['image_tag_mutability', 'image_scanning_configuration'],
    sends: ['ecr:PutImageTagMutability', 'ecr:PutImageScanningConfiguration'],
    plan: (f, ctx) => {
      const repositoryName = f.resource.id ?? '';
      const region = regionOf(f, ctx);
      const calls = [];
      const mutability = recordedOf(f, 'image_tag_mutability');
      if (mutability === 'MUTABLE' || mutability === 'IMMUTABLE')
        calls.push(awsCall('ecr', 'PutImageTagMutability', region, { repositoryName, imageTagMutability: mutability }));
      const scan = recordedOf(f, 'image_scanning_configuration[0].scan_on_push');
      if (typeof scan === 'boolean')
        calls.push(
          awsCall('ecr', 'PutImageScanningConfiguration', region, {
            repositoryName,
            imageScanningConfiguration: { scanOnPush: scan },
          }),
        );
      return calls.length > 0 ? { calls } : { unsupported: 'no recorded value to put back' };
    },
  },
  prune: {
    sends: ['ecr:DeleteRepository'],
    plan: (f, ctx) => ({
      calls: [
        awsCall(
          'ecr',
          'DeleteRepository',
          regionOf(f, ctx),
          { repositoryName: f.resource.id },
          { note: 'ECR refuses while the repository holds images (force is never sent)' },
        ),
      ],
    }),
  },
  codify: {
    arguments: [
      { name: 'name', required: true },
      { name: 'image_tag_mutability', default: 'MUTABLE' },
      { name: 'image_scanning_configuration', block: [{ name: 'scan_on_push', required: true }] },
      {
        name: 'encryption_configuration',
        block: [{ name: 'encryption_type', default: 'AES256' }, { name: 'kms_key' }],
      },
      { name: 'tags' },
    ],
  },
});
