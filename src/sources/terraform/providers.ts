/**
 * Provider configurations read from the code (`provider "aws" { alias, region, assume_role }`) and
 * the lookup that places a recorded resource in an account and region when its attributes do not
 * say (no ARN). Pure data: hcl.ts fills it, state.ts and plan.ts read it.
 */
import { parseProviderAddress, providerKey } from './address.js';

export interface ProviderConfig {
  /** Provider type, the block label: `aws`. */
  readonly type: string;
  readonly alias?: string;
  /** `module.x.` for a block inside a local module, '' at the root. */
  readonly module: string;
  /** Literal region, when the code gives one (not an expression). */
  readonly region?: string;
  /** `assume_role { role_arn }`, when literal. */
  readonly roleArn?: string;
  /** From the role ARN, else from a single-entry `allowed_account_ids`. */
  readonly account?: string;
  /** The .tf file that declares it. */
  readonly file: string;
}

export interface ProviderPlacement {
  readonly account?: string;
  readonly region?: string;
}

/** Resolves a state provider string (`provider["registry.terraform.io/hashicorp/aws"].euw1`) to a placement. */
export type ProviderLookup = (provider: string) => ProviderPlacement | undefined;

/**
 * A lookup over the given configurations. A provider string from inside a module that has no
 * block of its own falls back to the root block with the same type and alias (what Terraform does
 * when a module inherits its caller's default provider). Results are memoized per string: a state
 * has few distinct provider strings and many resources.
 */
export function providerLookup(configs: ReadonlyArray<ProviderConfig>): ProviderLookup {
  const byKey = new Map<string, ProviderConfig>();
  for (const config of configs) byKey.set(providerKey(config.module, config.type, config.alias), config);
  const memo = new Map<string, ProviderPlacement | undefined>();
  return (provider) => {
    if (memo.has(provider)) return memo.get(provider);
    const address = parseProviderAddress(provider);
    let placement: ProviderPlacement | undefined;
    if (address) {
      const config =
        byKey.get(providerKey(address.module, address.type, address.alias)) ??
        byKey.get(providerKey('', address.type, address.alias));
      if (config && (config.region !== undefined || config.account !== undefined)) {
        placement = {
          ...(config.account !== undefined ? { account: config.account } : {}),
          ...(config.region !== undefined ? { region: config.region } : {}),
        };
      }
    }
    memo.set(provider, placement);
    return placement;
  };
}
