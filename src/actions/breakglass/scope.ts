/**
 * Break-glass scopes. Syntax: `[ENVIRONMENT:]ADDRESS_GLOB`, for example
 *
 *   prod:module.payments.**        everything in module.payments, in environment prod only
 *   aws_autoscaling_group.web      that group (every instance key) in every environment
 *   staging:**                     the whole staging environment
 *
 * The address glob is the ignore-rule syntax of src/config/address-glob.ts (`*` within a segment,
 * `**` across segments, `[*]` any instance key). The colon after the environment is the first one
 * outside brackets and quotes; addresses only contain colons inside instance keys, so there is no
 * ambiguity. `--env NAME` is the same as the `NAME:` prefix (both at once must agree).
 *
 * An address matches with or without its state label (`network/aws_vpc.main` matches
 * `aws_vpc.main`), as ignore rules do.
 */
import { separatorIndex } from '../../config/ignore.js';
import { compileAddressGlob, GlobSyntaxError, type AddressMatcher } from '../../config/address-glob.js';
import { stripStateLabel } from '../../model/address.js';
import { DriftwardenError } from '../../model/errors.js';

const ENVIRONMENT_NAME = /^[A-Za-z0-9_-]+$/;

export interface BreakglassScope {
  /** Undefined: every environment. */
  readonly environment?: string;
  readonly addressGlob: string;
  /** The canonical text: `env:glob` or `glob`. */
  readonly text: string;
  readonly matches: AddressMatcher;
}

const SCOPE_HELP = 'write [ENVIRONMENT:]ADDRESS_GLOB, e.g. "prod:module.payments.**" or "aws_autoscaling_group.web"';

/** Parses a scope; `environmentFlag` is `--env`. Throws DriftwardenError('usage') with the reason. */
export function parseScope(text: string, environmentFlag?: string): BreakglassScope {
  const raw = text.trim();
  const colon = separatorIndex(raw);
  let environment = colon >= 0 ? raw.slice(0, colon) : undefined;
  const addressGlob = colon >= 0 ? raw.slice(colon + 1) : raw;
  if (environment !== undefined && !ENVIRONMENT_NAME.test(environment)) {
    throw new DriftwardenError(
      'usage',
      `invalid break-glass scope "${raw}": "${environment}" is not an environment name`,
      { key: '--scope', nextStep: SCOPE_HELP },
    );
  }
  if (environmentFlag !== undefined) {
    if (environment !== undefined && environment !== environmentFlag) {
      throw new DriftwardenError(
        'usage',
        `the scope names environment "${environment}" but --env says "${environmentFlag}"`,
        {
          key: '--scope',
          nextStep: 'give the environment once: as --env NAME or as the NAME: prefix of the scope',
        },
      );
    }
    environment = environmentFlag;
  }
  let matcher: AddressMatcher;
  try {
    matcher = compileAddressGlob(addressGlob);
  } catch (err) {
    if (!(err instanceof GlobSyntaxError)) throw err;
    throw new DriftwardenError('usage', `invalid break-glass scope "${raw}": ${err.message}`, {
      key: '--scope',
      nextStep: SCOPE_HELP,
    });
  }
  const matches: AddressMatcher = (address, type) => {
    if (matcher(address, type)) return true;
    const unlabelled = stripStateLabel(address);
    return unlabelled !== address && matcher(unlabelled, type);
  };
  return {
    ...(environment !== undefined ? { environment } : {}),
    addressGlob,
    text: environment !== undefined ? `${environment}:${addressGlob}` : addressGlob,
    matches,
  };
}

/** True when a resource of `environment` at `address` lies inside the scope. */
export function scopeCovers(scope: BreakglassScope, address: string, environment: string, type?: string): boolean {
  return (scope.environment === undefined || scope.environment === environment) && scope.matches(address, type);
}
