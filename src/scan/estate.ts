/**
 * The estate a scan looked at: a stable identity derived from WHAT was scanned, never from what
 * happened to answer. History compares a scan only with the previous scan of the same estate, so
 * scanning an unrelated state from the same folder can never resolve another project's findings.
 *
 * The identity: the configured environments selected (`--env`), the state locations and plan
 * given on the command line (credentials removed), and the accounts and regions the scan was told
 * to observe (account ids, role ARNs or profiles, as configured: an account that STS failed to
 * name does not change the estate). Narrowing a scan by type or tag keeps the estate: scopes it
 * did not look at are simply not re-checked.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { canonicalJson } from '../audit/canonical.js';
import { redactSource } from '../store/redact.js';
import type { Snapshot } from '../model/resource.js';
import type { Observation } from '../store/scan-store.js';
import type { ScanOptions } from './run.js';

export interface Estate {
  /** 16 hex digits of sha256(canonical JSON of the definition). */
  readonly key: string;
  /** One line for people: what this estate is. */
  readonly label: string;
}

export function estateOf(options: ScanOptions): Estate {
  const configured = Object.keys(options.config?.environments ?? {});
  const environments = options.config
    ? [...new Set(options.environments ?? configured)].filter((e) => configured.includes(e)).sort()
    : undefined;
  const sources = [
    ...options.states.map((state) =>
      redactSource(/^[a-z][a-z0-9+.-]*:\/\//i.test(state.location) ? state.location : resolve(state.location)),
    ),
    ...(options.plan !== undefined ? [`plan:${resolve(options.plan)}`] : []),
  ].sort();
  const aws = options.aws && {
    regions: [...new Set(options.aws.regions)].sort(),
    accounts: options.aws.accounts
      .map(
        (spec) => spec.account ?? spec.roleArn ?? (spec.profile !== undefined ? `profile:${spec.profile}` : 'default'),
      )
      .sort(),
    // The organization, not its members of the day: an account that joins stays in the same estate.
    ...(options.aws.organization ? { organization: options.aws.organization.roleArn } : {}),
  };
  const vsphere = options.vsphere && {
    server: options.vsphere.server,
    datacenters: [...(options.vsphere.datacenters ?? [])].sort(),
  };
  const definition = {
    ...(environments !== undefined ? { config: options.config!.file, environments } : {}),
    sources,
    ...(aws ? { aws } : {}),
    ...(vsphere ? { vsphere } : {}),
  };
  const key = createHash('sha256').update(canonicalJson(definition)).digest('hex').slice(0, 16);
  const parts = [
    ...(environments !== undefined ? [`environments ${environments.join(', ') || '(none)'}`] : []),
    ...(sources.length > 0 ? [sources.join(', ')] : []),
    ...(aws
      ? [
          `AWS ${[...aws.accounts, ...(aws.organization ? ['organization'] : [])].join(', ') || 'default'} in ${aws.regions.join(', ') || 'default region'}`,
        ]
      : []),
    ...(vsphere ? [`vSphere ${vsphere.server}`] : []),
  ];
  return { key, label: parts.join('; ') || 'nothing' };
}

/** What a scan observed completely, as the store needs it to decide what may be resolved. */
export function observationOf(observed: Snapshot | undefined): Observation {
  if (observed === undefined) return { kind: 'none' };
  if (observed.refreshOfRecord === true) return { kind: 'refresh-of-record' };
  return { kind: 'scopes', complete: observed.completeScopes };
}
