/**
 * Terraform addresses and provider configuration addresses, spelled exactly as Terraform prints
 * them, plus the reverse: the configuration address a resource instance comes from (what
 * `lifecycle { ignore_changes }` is keyed by).
 */

import { configAddressOf } from '../../model/address.js';

export { configAddressOf, stripStateLabel } from '../../model/address.js';

/** `["eu-west-1a"]` for a for_each key, `[2]` for a count index, '' for a single instance. */
export function formatIndexKey(key: unknown): string {
  if (typeof key === 'number') return `[${key}]`;
  if (typeof key === 'string') return `[${JSON.stringify(key)}]`;
  return '';
}

/**
 * `module.a.module.b.aws_subnet.x["eu-west-1a"]`, `data.aws_ami.x`. `modulePath` is the state's
 * `module` field (already `module.a["k"].module.b`), or '' for the root module.
 */
export function formatResourceAddress(
  modulePath: string,
  mode: 'managed' | 'data',
  type: string,
  name: string,
  indexKey?: unknown,
): string {
  const prefix = modulePath === '' ? '' : `${modulePath}.`;
  const data = mode === 'data' ? 'data.' : '';
  return `${prefix}${data}${type}.${name}${formatIndexKey(indexKey)}`;
}

/** A provider configuration address taken apart. */
export interface ProviderAddress {
  /** `module.x.` prefix (instance keys removed) or '' for the root module. */
  readonly module: string;
  /** Full source address, for example `registry.terraform.io/hashicorp/aws`. */
  readonly source: string;
  /** Provider type, the last segment of the source: `aws`. */
  readonly type: string;
  readonly alias?: string;
}

const PROVIDER_RE = /^((?:module\.[^.[]+(?:\[[^\]]*\])?\.)*)provider\["([^"]+)"\](?:\.([A-Za-z0-9_-]+))?$/;
// Terraform 0.11/0.12-era states spell it `provider.aws.euw1`.
const LEGACY_PROVIDER_RE = /^((?:module\.[^.[]+\.)*)provider\.([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+))?$/;

export function parseProviderAddress(provider: string): ProviderAddress | undefined {
  const modern = PROVIDER_RE.exec(provider);
  if (modern) {
    const source = modern[2] ?? '';
    return withAlias(
      { module: configAddressOf(modern[1] ?? ''), source, type: source.slice(source.lastIndexOf('/') + 1) },
      modern[3],
    );
  }
  const legacy = LEGACY_PROVIDER_RE.exec(provider);
  if (legacy) {
    const type = legacy[2] ?? '';
    return withAlias({ module: legacy[1] ?? '', source: `registry.terraform.io/hashicorp/${type}`, type }, legacy[3]);
  }
  return undefined;
}

function withAlias(address: ProviderAddress, alias: string | undefined): ProviderAddress {
  return alias === undefined ? address : { ...address, alias };
}

/**
 * The key that matches a state's provider string to a `provider` block of the configuration:
 * module, provider type and alias. The registry host and namespace are left out on purpose:
 * `registry.terraform.io/-/aws` (0.12 legacy) and `hashicorp/aws` are the same configuration.
 */
export function providerKey(module: string, type: string, alias: string | undefined): string {
  return `${module}|${type}|${alias ?? ''}`;
}

/** `arn:aws:ec2:eu-west-1:111111111111:instance/i-1` -> region and account (empty parts omitted). */
export function scopeFromArn(arn: unknown): { account?: string; region?: string } | undefined {
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) return undefined;
  const parts = arn.split(':', 5);
  if (parts.length < 5) return undefined;
  const region = parts[3];
  const account = parts[4];
  return {
    ...(region ? { region } : {}),
    ...(account && /^\d{12}$/.test(account) ? { account } : {}),
  };
}
