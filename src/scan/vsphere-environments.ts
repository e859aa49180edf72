/**
 * Which environment an observed vSphere object belongs to: the first configured environment whose
 * `vsphere:` block matches the object's placement. A block matches when every list it sets matches
 * (datacenters, clusters, folder globs with picomatch syntax, `category/tag` names); a block with
 * no lists matches every object. Objects no block matches keep the fallback environment.
 */
import picomatch from 'picomatch';
import type { DriftwardenConfig } from '../config/schema.js';
import type { VspherePlacement } from '../observers/vsphere/catalogue/define.js';

export type VsphereEnvironmentResolver = (placement: VspherePlacement | undefined) => string;

export function vsphereEnvironmentResolver(
  config: DriftwardenConfig | undefined,
  fallback = 'default',
): VsphereEnvironmentResolver {
  const rules = Object.values(config?.environments ?? {})
    .filter((env) => env.vsphere !== undefined)
    .map((env) => {
      const scope = env.vsphere!;
      const folderMatchers = scope.folders.map((glob) => picomatch(glob));
      return {
        name: env.name,
        matches: (p: VspherePlacement): boolean =>
          (scope.datacenters.length === 0 || scope.datacenters.includes(p.datacenter)) &&
          (scope.clusters.length === 0 || (p.cluster !== undefined && scope.clusters.includes(p.cluster))) &&
          (folderMatchers.length === 0 || (p.folder !== undefined && folderMatchers.some((m) => m(p.folder!)))) &&
          (scope.tags.length === 0 || (p.tags ?? []).some((t) => scope.tags.includes(t))),
      };
    });
  return (placement) => {
    if (!placement) return fallback;
    return rules.find((rule) => rule.matches(placement))?.name ?? fallback;
  };
}
