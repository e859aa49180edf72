/**
 * aws_ecr_lifecycle_policy: GetLifecyclePolicy per repository of the region (no bulk form; the
 * repository listing is shared with aws_ecr_repository). A repository without a lifecycle policy
 * (LifecyclePolicyNotFoundException) has no aws_ecr_lifecycle_policy. The provider's id and import
 * id are the repository name; `policy` is the JSON text, compared as JSON.
 */
import type { GetLifecyclePolicyResponse } from '@aws-sdk/client-ecr';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';
import { ecrRepositories } from './ecr-repository.js';

export type LifecyclePolicy = Omit<GetLifecyclePolicyResponse, 'lastEvaluatedAt'>;

export const ecrLifecyclePolicy = defineResourceType<LifecyclePolicy>({
  type: 'aws_ecr_lifecycle_policy',
  service: 'ecr',
  list: async (repos) => {
    const repositories = await ecrRepositories(repos);
    const policies = await repos.listing.each(repositories, (r) =>
      repos.listing.read('ecr', 'GetLifecyclePolicy', { repositoryName: r.repositoryName }, [
        'LifecyclePolicyNotFoundException',
        'RepositoryNotFoundException',
      ]),
    );
    return policies.filter((p): p is NonNullable<typeof p> => p !== undefined);
  },
  observe: (p) => ({
    id: p.repositoryName ?? '',
    attributes: {
      id: p.repositoryName,
      repository: p.repositoryName,
      registry_id: p.registryId,
      policy: p.lifecyclePolicyText,
    },
  }),
  json: ['policy'],
  forcesReplacement: ['repository'],
  trailEvents: ['PutLifecyclePolicy', 'DeleteLifecyclePolicy'],
  limitations: 'one GetLifecyclePolicy call per repository (the API has no bulk form)',
  revert: {
    attributes: ['policy'],
    sends: ['ecr:PutLifecyclePolicy'],
    plan: (f, ctx) => {
      const recorded = recordedOf(f, 'policy');
      if (typeof recorded !== 'string') return { unsupported: 'the recorded policy is not available' };
      return {
        calls: [
          awsCall('ecr', 'PutLifecyclePolicy', regionOf(f, ctx), {
            repositoryName: f.resource.id,
            lifecyclePolicyText: recorded,
          }),
        ],
      };
    },
  },
  prune: {
    sends: ['ecr:DeleteLifecyclePolicy'],
    plan: (f, ctx) => ({
      calls: [awsCall('ecr', 'DeleteLifecyclePolicy', regionOf(f, ctx), { repositoryName: f.resource.id })],
    }),
  },
  codify: {
    arguments: [
      { name: 'repository', required: true },
      { name: 'policy', required: true, json: true },
    ],
  },
});
