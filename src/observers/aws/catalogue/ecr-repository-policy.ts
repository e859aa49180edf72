/**
 * aws_ecr_repository_policy: GetRepositoryPolicy per repository of the region (no bulk form; the
 * repository listing is shared with aws_ecr_repository). A repository without a policy
 * (RepositoryPolicyNotFoundException) has no aws_ecr_repository_policy. The provider's id and
 * import id are the repository name; `policy` is the JSON text, compared as JSON.
 */
import type { GetRepositoryPolicyResponse } from '@aws-sdk/client-ecr';
import { awsCall, recordedOf, regionOf } from '../calls.js';
import { defineResourceType } from './define.js';
import { ecrRepositories } from './ecr-repository.js';

export const ecrRepositoryPolicy = defineResourceType<GetRepositoryPolicyResponse>({
  type: 'aws_ecr_repository_policy',
  service: 'ecr',
  list: async (repos) => {
    const repositories = await ecrRepositories(repos);
    const policies = await repos.listing.each(repositories, (r) =>
      repos.listing.read('ecr', 'GetRepositoryPolicy', { repositoryName: r.repositoryName }, [
        'RepositoryPolicyNotFoundException',
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
      policy: p.policyText,
    },
  }),
  json: ['policy'],
  // Who may pull and push images: every change is access drift.
  policyType: true,
  policy: ['policy'],
  forcesReplacement: ['repository'],
  trailEvents: ['SetRepositoryPolicy', 'DeleteRepositoryPolicy'],
  limitations: 'one GetRepositoryPolicy call per repository (the API has no bulk form)',
  revert: {
    attributes: ['policy'],
    sends: ['ecr:SetRepositoryPolicy'],
    plan: (f, ctx) => {
      const recorded = recordedOf(f, 'policy');
      if (typeof recorded !== 'string') return { unsupported: 'the recorded policy is not available' };
      return {
        calls: [
          awsCall('ecr', 'SetRepositoryPolicy', regionOf(f, ctx), {
            repositoryName: f.resource.id,
            policyText: recorded,
          }),
        ],
      };
    },
  },
  prune: {
    sends: ['ecr:DeleteRepositoryPolicy'],
    plan: (f, ctx) => ({
      calls: [awsCall('ecr', 'DeleteRepositoryPolicy', regionOf(f, ctx), { repositoryName: f.resource.id })],
    }),
  },
  codify: {
    arguments: [
      { name: 'repository', required: true },
      { name: 'policy', required: true, json: true },
    ],
  },
});
