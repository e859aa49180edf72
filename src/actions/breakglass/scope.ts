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
 *
 * A glob made only of wildcards (`*`, `**`, `**.*`, `*[*]`) holds back every resource of its
 * environment (of every environment without a prefix): such a session needs an explicit
 * `--whole-environment` to open, and says so wherever it is shown.
 */
import { separatorIndex } from '../../config/ignore.js';
import { compileAddressGlob, GlobSyntaxError, type AddressMatcher } from '../../config/address-glob.js';
import { stripStateLabel } from '../../model/address.js';
import { DriftwardenError } from '../../model/errors.js';
import { excerpt } from '../../model/text.js';

const ENVIRONMENT_NAME = /^[A-Za-z0-9_-]+$/;

export interface BreakglassScope {
  /** Undefined: every environment. */
  readonly environment?: string;
  readonly addressGlob: string;
  /** The canonical text: `env:glob` or `glob`. */
  readonly text: string;
  readonly matches: AddressMatcher;
  /** Only wildcards: the whole environment (every environment when `environment` is undefined). */
  readonly wholeEnvironment: boolean;
}

/** True when every dot-separated part of the glob is a bare wildcard (`*`, `**`, optionally `[*]`). */
export function isWholeEnvironmentGlob(addressGlob: string): boolean {
  return addressGlob
    .trim()
    .split('.')
    .every((part) => /^\*{1,2}(?:\[\*\])?$/.test(part));
}

/** How a scope reads in lists and reports: `prod:** [WHOLE ENVIRONMENT]`, `** [EVERY ENVIRONMENT]`. */
export function describeScope(scope: {
  readonly scope: string;
  readonly environment?: string;
  readonly wholeEnvironment: boolean;
}): string {
  if (!scope.wholeEnvironment) return scope.scope;
  return `${scope.scope} [${scope.environment === undefined ? 'EVERY ENVIRONMENT' : 'WHOLE ENVIRONMENT'}]`;
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
      `invalid break-glass scope "${excerpt(raw)}": "${excerpt(environment)}" is not an environment name`,
      { key: '--scope', nextStep: SCOPE_HELP },
    );
  }
  if (environmentFlag !== undefined) {
    if (environment !== undefined && environment !== environmentFlag) {
      throw new DriftwardenError(
        'usage',
        `the scope names environment "${excerpt(environment)}" but --env says "${excerpt(environmentFlag)}"`,
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
    throw new DriftwardenError('usage', `invalid break-glass scope "${excerpt(raw)}": ${err.message}`, {
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
    wholeEnvironment: isWholeEnvironmentGlob(addressGlob),
  };
}

/** True when a resource of `environment` at `address` lies inside the scope. */
export function scopeCovers(scope: BreakglassScope, address: string, environment: string, type?: string): boolean {
  return (scope.environment === undefined || scope.environment === environment) && scope.matches(address, type);
}
