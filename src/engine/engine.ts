/**
 * The drift engine: snapshots in, findings out, no I/O.
 *
 *   normalize -> match -> diff -> classify -> suppress
 *
 * Invariants:
 * - recorded and observed pair by cloud identity only; by address only for a plan's refresh
 *   (src/engine/match.ts);
 * - every managed recorded resource lands in exactly one accounting bucket (checked, unchecked,
 *   existence, not covered: src/model/accounting.ts, src/engine/account.ts);
 * - a recorded resource whose scope was not observed completely is `unchecked`, never `missing`;
 * - data sources never drift;
 * - no finding carries a secret value: values under sensitive paths become SENSITIVE;
 * - the same input gives the same findings in the same order (sorted by severity, then address).
 */
import type { AttributeChange, ApplyImpact, Finding, Suppression } from '../model/finding.js';
import { SENSITIVE, severityRank } from '../model/finding.js';
import type { Resource, Snapshot } from '../model/resource.js';
import { AccountingBuilder, type Accounting } from '../model/accounting.js';
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
import { pairingFor } from './match.js';
import { scopeIndex } from './account.js';

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
  /**
   * Why a recorded resource was outside what this scan looked at (--type, --tag, a region or
   * account not observed), or undefined when it was inside. Such a resource, left unpaired, is
   * not covered: never missing, never unchecked.
   */
  readonly outsideScan?: (resource: Resource) => string | undefined;
}

export interface EngineOutput {
  readonly findings: Finding[];
  readonly suppressions: Suppression[];
  readonly summary: ScanSummary;
  readonly accounting: Accounting;
}

export function detectDrift(input: EngineInput): EngineOutput {
  const { recorded, observed } = input;
  const lookup = input.semantics ?? (() => undefined);
  const findings: Finding[] = [];
  const suppressions: Suppression[] = [];
  const pair = pairingFor(observed, lookup);
  const scopes = scopeIndex(observed);
  const accounting = new AccountingBuilder();
  const matchedObserved = new Set<Resource>();
  let missing = 0;
  let changed = 0;

  for (const rec of recorded.resources) {
    if (rec.mode !== 'managed') continue;
    const semantics = lookup(rec.type);
    const obs = pair(rec);
    if (obs) matchedObserved.add(obs);
    const ignoredResource = input.ignore?.ignoresResource(rec.address, rec.type);
    if (ignoredResource) {
      const why = `ignored by ${ignoredResource.origin}`;
      suppressions.push({ address: rec.address, path: '*', rule: ignoredResource.rule, why });
      accounting.add(rec, { bucket: 'not-covered', reason: 'ignored', why });
      continue;
    }
    if (!obs) {
      const outside = input.outsideScan?.(rec);
      const decided = outside
        ? ({ bucket: 'not-covered', reason: 'outside-scan', why: outside } as const)
        : scopes.unpaired(rec);
      if (decided.bucket !== 'missing') {
        accounting.add(rec, decided);
        continue;
      }
      // Its absence was observed in a scope listed completely: checked, and gone.
      accounting.add(rec, { bucket: 'checked' });
      missing++;
      findings.push(buildFinding(rec, classifyMissing(semantics), [], missingImpact(rec, input.impacts), 'missing'));
      continue;
    }
    if (obs.fidelity === 'existence') {
      // Seen by a generic listing: it exists; nothing about its attributes can be said.
      accounting.add(rec, { bucket: 'existence', seen: true });
      continue;
    }
    accounting.add(rec, { bucket: 'checked' });
    const diff = diffResource(rec, obs, semantics, input.strict ?? false, !observed.refreshOfRecord);
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
    if (matchedObserved.has(obs) || obs.mode !== 'managed' || observed.refreshOfRecord) continue;
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
  const listed = !observed.refreshOfRecord;
  const listedManaged = observed.resources.filter((r) => matchedObserved.has(r)).length;
  const summary = summarize(findings, {
    ...accounting.counts(),
    unmanaged: listed ? unmanaged : null,
    missing,
    changed,
    // Nothing listed is no evidence of anything: null, never 100%.
    managedShare: listed && listedManaged + unmanaged > 0 ? listedManaged / (listedManaged + unmanaged) : null,
  });
  return { findings, suppressions, summary, accounting: accounting.detail() };
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
        ? `${resource.type} ${resource.id ?? resource.address} exists but no Terraform state manages it${
            resource.fidelity === 'existence'
              ? ' (seen by existence only, through the tagging API: attributes not compared)'
              : ''
          }`
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
    ...(what === 'unmanaged' && resource.fidelity === 'existence' ? { coverage: 'existence' as const } : {}),
  };
}
