/**
 * The drift engine: snapshots in, findings out, no I/O.
 *
 *   normalize -> match -> diff -> classify -> suppress
 *
 * Invariants:
 * - a recorded resource whose scope was not observed completely is `unchecked`, never `missing`;
 * - data sources never drift;
 * - no finding carries a secret value: values under sensitive paths become SENSITIVE;
 * - the same input gives the same findings in the same order (sorted by severity, then address).
 */
import type { AttributeChange, ApplyImpact, Finding, Suppression } from '../model/finding.js';
import { SENSITIVE, severityRank } from '../model/finding.js';
import type { Resource, Scope, Snapshot } from '../model/resource.js';
import type { SemanticsLookup, TypeSemantics } from '../model/semantics.js';
import type { ScanSummary } from '../model/scan-result.js';
import {
  classifyChanges,
  classifyMissing,
  classifyUnmanaged,
  isPolicyAttribute,
  type ChangeClassification,
} from './classify.js';
import { diffResource, type RawChange } from './diff.js';
import { fingerprint } from './fingerprint.js';
import { isSensitivePath } from './redact.js';
import { ignoreChangesCovers, type IgnoreMatcher } from './suppress.js';
import { configAddressOf } from '../model/address.js';
import { summarize } from './summary.js';

export interface EngineInput {
  readonly recorded: Snapshot;
  readonly observed: Snapshot;
  readonly semantics?: SemanticsLookup;
  readonly ignore?: IgnoreMatcher;
  /** `lifecycle { ignore_changes }` by configuration address (see configAddressOf). */
  readonly ignoreChanges?: ReadonlyMap<string, ReadonlyArray<string>>;
  /** What the next apply does, from a plan's resource_changes, by address. */
  readonly impacts?: ReadonlyMap<string, ApplyImpact>;
  /** Turns the defaults phase off: every difference the API shows is reported. */
  readonly strict?: boolean;
  /**
   * Observed resources that are expected to have no state, by address, with the reason (the
   * default VPC, instances an Auto Scaling group launched, rules already seen on their group).
   * They never become `unmanaged`; each is recorded as a suppression. Off with `strict`.
   */
  readonly expectedUnmanaged?: ReadonlyMap<string, string>;
}

export interface EngineOutput {
  readonly findings: Finding[];
  readonly suppressions: Suppression[];
  readonly summary: ScanSummary;
}

function identityKey(type: string, id: string): string {
  return `${type}\u0000${id}`;
}

/** Region and account must agree where both sides know them (the same id can exist in two regions). */
function sameScope(recorded: Resource, observed: Resource): boolean {
  if (recorded.account && observed.account && recorded.account !== observed.account) return false;
  if (recorded.region && observed.region && recorded.region !== observed.region) return false;
  return true;
}

function scopeMatches(resource: Resource, scope: Scope): boolean {
  return (
    scope.type === resource.type &&
    (resource.account === undefined || scope.account === resource.account) &&
    (resource.region === undefined || scope.region === resource.region || scope.region === 'global')
  );
}

/** True when the observation could have seen this recorded resource, so its absence means missing. */
function isChecked(resource: Resource, observed: Snapshot): boolean {
  if (observed.coversRecordedByIdentity) return true;
  if (observed.incompleteScopes.some((scope) => scopeMatches(resource, scope))) return false;
  return observed.completeScopes.some((scope) => scopeMatches(resource, scope));
}

export function detectDrift(input: EngineInput): EngineOutput {
  const { recorded, observed } = input;
  const lookup = input.semantics ?? (() => undefined);
  const findings: Finding[] = [];
  const suppressions: Suppression[] = [];

  // Match: observed resources by address (plan mode) and by type + cloud id (live listing).
  const observedByAddress = new Map<string, Resource>();
  const observedById = new Map<string, Resource[]>();
  for (const resource of observed.resources) {
    observedByAddress.set(resource.address, resource);
    if (resource.id !== undefined) {
      const key = identityKey(resource.type, resource.id);
      const list = observedById.get(key);
      if (list) list.push(resource);
      else observedById.set(key, [resource]);
    }
  }
  const observedByAttributes = indexByIdentityAttributes(observed.resources, lookup);
  const matchedObserved = new Set<Resource>();
  let managed = 0;
  let missing = 0;
  let changed = 0;
  let unchecked = 0;
  let matched = 0;

  for (const rec of recorded.resources) {
    if (rec.mode !== 'managed') continue;
    managed++;
    const semantics = lookup(rec.type);
    const ignoredResource = input.ignore?.ignoresResource(rec.address, rec.type);
    let obs = observedByAddress.get(rec.address);
    if (obs && obs.type !== rec.type) obs = undefined;
    if (!obs && rec.id !== undefined) {
      obs = observedById.get(identityKey(rec.type, rec.id))?.find((candidate) => sameScope(rec, candidate));
    }
    if (!obs && semantics?.identityAttributes) {
      const key = attributeIdentity(rec, semantics.identityAttributes);
      obs =
        key === undefined
          ? undefined
          : observedByAttributes.get(key)?.find((c) => sameScope(rec, c) && !matchedObserved.has(c));
    }
    if (obs) {
      matchedObserved.add(obs);
      matched++;
    }
    if (ignoredResource) {
      suppressions.push({
        address: rec.address,
        path: '*',
        rule: ignoredResource.rule,
        why: `ignored by ${ignoredResource.origin}`,
      });
      continue;
    }
    if (!obs) {
      if (!isChecked(rec, observed)) {
        unchecked++;
        continue;
      }
      missing++;
      findings.push(buildFinding(rec, classifyMissing(semantics), [], missingImpact(rec, input.impacts), 'missing'));
      continue;
    }
    const diff = diffResource(rec, obs, semantics, input.strict ?? false, !observed.coversRecordedByIdentity);
    for (const s of diff.suppressed) suppressions.push({ address: rec.address, ...s });
    const kept = applyUserPhase(rec.address, diff.changes, input, suppressions);
    if (kept.length === 0) continue;
    changed++;
    const classification = classifyChanges(rec.type, kept, semantics);
    const impact = input.impacts?.get(rec.address) ?? impactFromRules(kept, semantics);
    findings.push(buildFinding(rec, classification, redactChanges(kept, rec, obs, semantics), impact, 'changed'));
  }

  let unmanaged = 0;
  for (const obs of observed.resources) {
    if (matchedObserved.has(obs) || obs.mode !== 'managed' || observed.coversRecordedByIdentity) continue;
    const expected = input.strict ? undefined : input.expectedUnmanaged?.get(obs.address);
    if (expected !== undefined) {
      suppressions.push({ address: obs.address, path: '*', rule: 'expected-unmanaged', why: expected });
      continue;
    }
    const ignored = input.ignore?.ignoresResource(obs.address, obs.type);
    if (ignored) {
      suppressions.push({ address: obs.address, path: '*', rule: ignored.rule, why: `ignored by ${ignored.origin}` });
      continue;
    }
    unmanaged++;
    const classification = classifyUnmanaged(obs.type, obs.attributes, lookup(obs.type));
    findings.push(buildFinding(obs, classification, [], undefined, 'unmanaged'));
  }

  findings.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      (a.resource.address < b.resource.address ? -1 : a.resource.address > b.resource.address ? 1 : 0),
  );
  const listed = !observed.coversRecordedByIdentity;
  const summary = summarize(findings, {
    managed,
    unmanaged: listed ? unmanaged : null,
    missing,
    changed,
    unchecked,
    coverage: listed && matched + unmanaged > 0 ? matched / (matched + unmanaged) : listed ? 1 : null,
  });
  return { findings, suppressions, summary };
}

/** `type|value|value` from the identity attributes, or undefined when one is missing. */
function attributeIdentity(resource: Resource, attributes: ReadonlyArray<string>): string | undefined {
  const values: string[] = [];
  for (const name of attributes) {
    const value = resource.attributes[name];
    if (typeof value !== 'string' || value === '') return undefined;
    values.push(value);
  }
  return `${resource.type}\u0000${values.join('\u0000')}`;
}

function indexByIdentityAttributes(
  resources: ReadonlyArray<Resource>,
  lookup: SemanticsLookup,
): Map<string, Resource[]> {
  const index = new Map<string, Resource[]>();
  for (const resource of resources) {
    const attributes = lookup(resource.type)?.identityAttributes;
    if (!attributes) continue;
    const key = attributeIdentity(resource, attributes);
    if (key === undefined) continue;
    const list = index.get(key);
    if (list) list.push(resource);
    else index.set(key, [resource]);
  }
  return index;
}

/** Drops the changes the user chose to ignore, recording each suppression. */
function applyUserPhase(
  address: string,
  changes: ReadonlyArray<RawChange>,
  input: EngineInput,
  suppressions: Suppression[],
): RawChange[] {
  if (changes.length === 0) return [];
  const ignoreChanges = input.ignoreChanges?.get(configAddressOf(address));
  return changes.filter((change) => {
    const lifecycle = ignoreChanges ? ignoreChangesCovers(ignoreChanges, change.pathText) : undefined;
    if (lifecycle !== undefined) {
      suppressions.push({
        address,
        path: change.pathText,
        rule: `ignore_changes = [${lifecycle}]`,
        why: 'lifecycle ignore_changes in the configuration',
      });
      return false;
    }
    const rule = input.ignore?.ignoresPath(address, change.pathText);
    if (rule) {
      suppressions.push({ address, path: change.pathText, rule: rule.rule, why: `ignored by ${rule.origin}` });
      return false;
    }
    return true;
  });
}

function redactValues(values: ReadonlyArray<unknown> | undefined): ReadonlyArray<unknown> | undefined {
  return values?.map(() => SENSITIVE);
}

function redactChanges(
  changes: ReadonlyArray<RawChange>,
  rec: Resource,
  obs: Resource,
  semantics: TypeSemantics | undefined,
): AttributeChange[] {
  return changes.map((change) => {
    const sensitive = isSensitivePath(change.path, [rec, obs], semantics?.secretAttributes);
    const policy = isPolicyAttribute(change.attribute, semantics);
    const base = {
      path: change.pathText,
      sensitive,
      ...(policy ? { policy } : {}),
    };
    if (sensitive) {
      return {
        ...base,
        recorded: change.recorded === undefined ? undefined : SENSITIVE,
        observed: change.observed === undefined ? undefined : SENSITIVE,
        ...(change.added ? { added: redactValues(change.added) } : {}),
        ...(change.removed ? { removed: redactValues(change.removed) } : {}),
      };
    }
    return {
      ...base,
      recorded: change.recorded,
      observed: change.observed,
      ...(change.added ? { added: change.added } : {}),
      ...(change.removed ? { removed: change.removed } : {}),
    };
  });
}

function impactFromRules(changes: ReadonlyArray<RawChange>, semantics: TypeSemantics | undefined): ApplyImpact {
  const replacePaths = changes
    .filter((c) => semantics?.forcesReplacement?.includes(c.attribute))
    .map((c) => c.pathText);
  return { action: replacePaths.length > 0 ? 'replace' : 'update', replacePaths, source: 'rules' };
}

function missingImpact(rec: Resource, impacts: ReadonlyMap<string, ApplyImpact> | undefined): ApplyImpact {
  return impacts?.get(rec.address) ?? { action: 'create', replacePaths: [], source: 'rules' };
}

function buildFinding(
  resource: Resource,
  classification: ChangeClassification,
  changes: AttributeChange[],
  impact: ApplyImpact | undefined,
  what: 'missing' | 'changed' | 'unmanaged',
): Finding {
  const identity =
    what === 'unmanaged'
      ? `${resource.type}|${resource.account ?? ''}|${resource.region ?? ''}|${resource.id ?? resource.address}`
      : resource.address;
  const summary =
    what === 'missing'
      ? `${resource.address} is recorded in state but no longer exists`
      : what === 'unmanaged'
        ? `${resource.type} ${resource.id ?? resource.address} exists but no Terraform state manages it`
        : `${resource.address}: ${changes.length} attribute${changes.length === 1 ? '' : 's'} changed outside Terraform (${changes.map((c) => c.path).join(', ')})`;
  return {
    id: fingerprint(
      classification.kind,
      identity,
      changes.map((c) => c.path),
    ),
    kind: classification.kind,
    severity: classification.severity,
    environment: resource.environment,
    resource: {
      address: resource.address,
      type: resource.type,
      ...(resource.id !== undefined ? { id: resource.id } : {}),
      ...(resource.provider ? { provider: resource.provider } : {}),
      ...(resource.account !== undefined ? { account: resource.account } : {}),
      ...(resource.region !== undefined ? { region: resource.region } : {}),
      ...(resource.source !== undefined ? { source: resource.source } : {}),
    },
    changes,
    summary,
    reasons: classification.reasons,
    ...(impact ? { impact } : {}),
  };
}
