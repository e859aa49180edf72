/**
 * Which environment an observed resource belongs to: the first configured environment whose AWS
 * accounts and regions contain the resource's (an empty list matches any). Resources of a plan or
 * a state take their environment from where they were read.
 */
import type { Resource } from '../model/resource.js';
import type { DriftwardenConfig } from '../config/schema.js';

export type EnvironmentResolver = (resource: Pick<Resource, 'account' | 'region'>) => string;

export function environmentResolver(config: DriftwardenConfig | undefined, fallback = 'default'): EnvironmentResolver {
  const environments = Object.values(config?.environments ?? {}).filter((env) => env.aws !== undefined);
  return (resource) => {
    for (const env of environments) {
      const aws = env.aws!;
      // An organization's environment holds every member account (listed per scan, never configured).
      const accountOk =
        aws.accounts.length === 0 ||
        aws.organization === true ||
        (resource.account !== undefined && aws.accounts.includes(resource.account));
      const regionOk =
        aws.regions.length === 0 ||
        resource.region === 'global' ||
        (resource.region !== undefined && aws.regions.includes(resource.region));
      if (accountOk && regionOk) return env.name;
    }
    return fallback;
  };
}
