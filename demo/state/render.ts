/**
 * Terraform state v4 for the demo estate, as `terraform apply` (Terraform 1.9, hashicorp/aws 5.x)
 * writes it: one entry per resource block, instances with `index_key` for count/for_each,
 * `schema_version`, `sensitive_attributes`, `dependencies`, lineage and serial.
 */
import { randomUUID } from 'node:crypto';
import type { EstateResources } from '../estate-aws.js';
import { computeInstances } from './compute.js';
import { networkInstances } from './network.js';
import { serviceInstances } from './services.js';

export const AWS_PROVIDER_ADDRESS = 'provider["registry.terraform.io/hashicorp/aws"]';

export interface StateContext {
  readonly account: string;
  readonly region: string;
  readonly defaultTags: Readonly<Record<string, string>>;
}

/** One resource instance, before grouping into resource blocks. */
export interface StateInstance {
  readonly module?: string;
  readonly type: string;
  readonly name: string;
  readonly indexKey?: string | number;
  readonly schemaVersion: number;
  readonly attributes: Record<string, unknown>;
  /** Top-level attribute names Terraform marks sensitive. */
  readonly sensitive?: ReadonlyArray<string>;
  readonly dependencies?: ReadonlyArray<string>;
}

/** `tags` as configured and `tags_all` with the provider's default_tags merged in. */
export function tagsOf(
  context: StateContext,
  own: Record<string, string>,
): { tags: Record<string, string>; tags_all: Record<string, string> } {
  return { tags: { ...own }, tags_all: { ...context.defaultTags, ...own } };
}

export function renderState(resources: EstateResources, context: StateContext): Record<string, unknown> {
  const instances = [
    ...networkInstances(resources, context),
    ...computeInstances(resources, context),
    ...serviceInstances(resources, context),
  ];
  const blocks = new Map<
    string,
    { module?: string; mode: 'managed'; type: string; name: string; provider: string; instances: unknown[] }
  >();
  for (const instance of instances) {
    const key = `${instance.module ?? ''}|${instance.type}|${instance.name}`;
    let block = blocks.get(key);
    if (!block) {
      block = {
        ...(instance.module ? { module: instance.module } : {}),
        mode: 'managed',
        type: instance.type,
        name: instance.name,
        provider: AWS_PROVIDER_ADDRESS,
        instances: [],
      };
      blocks.set(key, block);
    }
    block.instances.push({
      ...(instance.indexKey !== undefined ? { index_key: instance.indexKey } : {}),
      schema_version: instance.schemaVersion,
      attributes: instance.attributes,
      // Terraform 1.x writes each sensitive path as a list of cty steps.
      sensitive_attributes: (instance.sensitive ?? []).map((name) => [{ type: 'get_attr', value: name }]),
      private: 'bnVsbA==',
      ...(instance.dependencies && instance.dependencies.length > 0
        ? { dependencies: [...instance.dependencies].sort() }
        : {}),
    });
  }
  return {
    version: 4,
    terraform_version: '1.9.8',
    serial: 42,
    lineage: randomUUID(),
    outputs: {
      alb_dns_name: { value: resources.loadBalancer.DNSName ?? '', type: 'string' },
      bucket: { value: resources.bucket, type: 'string' },
    },
    resources: [...blocks.values()],
    check_results: null,
  };
}
