/**
 * The comparison, pure: per-environment pins in, the matrix and `version` findings out.
 *
 * Severity (one finding per item at most):
 *   - high: environments disagree and a production environment holds a value no staging
 *     environment has (production runs what staging did not validate);
 *   - medium: environments disagree otherwise (no staging to compare with, or only development differs);
 *   - low: all environments that have the item agree, but some have no version at all (unpinned).
 * Environments that lack the item do not disagree: adding a module to dev first is not drift.
 * The reference value a finding compares against is staging's, else the most common value.
 */
import type { Tier } from '../config/schema.js';
import { fingerprint } from '../engine/fingerprint.js';
import type { AttributeChange, Finding, Severity } from '../model/finding.js';
import { ITEM_CATEGORIES, type VersionCell, type VersionEnvironment, type VersionItem } from '../model/versions.js';
import type { CollectedEntry } from './collect.js';
import { categoryLabel, cellText, compareKey, isPresent, rowShowsSource } from './cells.js';

export interface EnvironmentPins {
  readonly environment: VersionEnvironment;
  readonly entries: ReadonlyMap<string, CollectedEntry>;
}

export function buildMatrix(pins: ReadonlyArray<EnvironmentPins>): VersionItem[] {
  const heads = new Map<string, Pick<CollectedEntry, 'category' | 'address'>>();
  for (const env of pins) for (const [key, entry] of env.entries) if (!heads.has(key)) heads.set(key, entry);
  const items: VersionItem[] = [];
  for (const [key, { category, address }] of heads) {
    const cells: Record<string, VersionCell> = {};
    for (const { environment, entries } of pins)
      cells[environment.name] = entries.get(key)?.cell ?? missingCell(environment, category);
    items.push({ key, category, address, cells });
  }
  return items.sort(
    (left, right) =>
      ITEM_CATEGORIES.indexOf(left.category) - ITEM_CATEGORIES.indexOf(right.category) ||
      left.address.localeCompare(right.address),
  );
}

/** Absent, unless the part of the environment that would declare the item could not be read. */
function missingCell(environment: VersionEnvironment, category: CollectedEntry['category']): VersionCell {
  if (category === 'provider' && !environment.providersAssessed)
    return { state: 'not-assessed', reason: 'no readable lock file' };
  if (category !== 'provider' && !environment.codeAssessed)
    return { state: 'not-assessed', reason: 'the code could not be read completely' };
  return { state: 'absent' };
}

const TIER_PRIORITY: Readonly<Record<Tier, number>> = { production: 3, shared: 2, staging: 1, development: 0 };

export function versionFindings(
  environments: ReadonlyArray<VersionEnvironment>,
  items: ReadonlyArray<VersionItem>,
): Finding[] {
  const findings: Finding[] = [];
  for (const item of items) {
    const finding = itemFinding(environments, item);
    if (finding) findings.push(finding);
  }
  return findings;
}

function itemFinding(environments: ReadonlyArray<VersionEnvironment>, item: VersionItem): Finding | undefined {
  const withSource = rowShowsSource(item);
  const present = environments.flatMap((environment) => {
    const cell = item.cells[environment.name];
    return isPresent(cell) ? [{ environment, cell, key: compareKey(cell), text: cellText(cell, withSource) }] : [];
  });
  if (present.length === 0) return undefined;
  const notAssessed = environments.filter((env) => item.cells[env.name]?.state === 'not-assessed');
  const holdings = present.map(({ environment, text }) => `${environment.name} ${text}`);
  const gapReasons = notAssessed.map((env) => {
    const cell = item.cells[env.name];
    return `not assessed in ${env.name}: ${cell?.state === 'not-assessed' ? cell.reason : 'unknown'}`;
  });
  const label = item.category === 'module' ? item.address : `${categoryLabel(item.category)} ${item.address}`;
  const byPriority = (left: { environment: VersionEnvironment }, right: { environment: VersionEnvironment }) =>
    TIER_PRIORITY[right.environment.tier] - TIER_PRIORITY[left.environment.tier];

  if (new Set(present.map((p) => p.key)).size > 1) {
    const staging = present.filter((p) => p.environment.tier === 'staging');
    const reference = staging[0] ?? mostCommon(present);
    const stagingKeys = new Set(staging.map((p) => p.key));
    const unvalidated = present.filter(
      (p) => p.environment.tier === 'production' && staging.length > 0 && !stagingKeys.has(p.key),
    );
    const deviating = present.filter((p) => p.key !== reference.key).sort(byPriority);
    const severity: Severity = unvalidated.length > 0 ? 'high' : 'medium';
    const referenceLabel =
      staging.length > 0 ? `what staging (${reference.environment.name}) validated` : `the most common value`;
    const reasons =
      severity === 'high'
        ? unvalidated.map(
            (p) =>
              `production ${p.environment.name} has ${p.text}, staging validated ${staging.map((s) => `${s.text} (${s.environment.name})`).join(', ')}`,
          )
        : [
            `${deviating.map((p) => p.environment.name).join(', ')} ${deviating.length === 1 ? 'differs' : 'differ'} from ${referenceLabel}: ${reference.text}` +
              (staging.length === 0 && present.some((p) => p.environment.tier === 'production')
                ? ' (no staging environment to compare production with)'
                : ''),
          ];
    const changes: AttributeChange[] = deviating.map((p) => ({
      path: p.environment.name,
      recorded: reference.text,
      observed: p.text,
      sensitive: false,
    }));
    const primary = (unvalidated[0] ?? deviating[0])!;
    return finding(
      item,
      severity,
      primary.environment.name,
      primary.cell.file,
      changes,
      `${label} differs between environments: ${holdings.join(', ')}`,
      [...reasons, ...gapReasons],
    );
  }

  const unpinned = present.filter((p) => p.cell.state === 'unpinned').sort(byPriority);
  const first = unpinned[0];
  if (!first) return undefined;
  const note = first.cell.state === 'unpinned' && first.cell.note ? `: ${first.cell.note}` : '';
  return finding(
    item,
    'low',
    first.environment.name,
    first.cell.file,
    [],
    `${label} is not pinned in ${unpinned.map((p) => p.environment.name).join(', ')}`,
    [`no version at all${note}; the next init or deploy may pick a different one`, ...gapReasons],
  );
}

function mostCommon<T extends { key: string; environment: VersionEnvironment }>(present: ReadonlyArray<T>): T {
  const counts = new Map<string, number>();
  for (const p of present) counts.set(p.key, (counts.get(p.key) ?? 0) + 1);
  // Ties go to the value the most critical environment holds: it is the one running.
  return [...present].sort(
    (left, right) =>
      (counts.get(right.key) ?? 0) - (counts.get(left.key) ?? 0) ||
      TIER_PRIORITY[right.environment.tier] - TIER_PRIORITY[left.environment.tier],
  )[0]!;
}

function finding(
  item: VersionItem,
  severity: Severity,
  environment: string,
  file: string,
  changes: AttributeChange[],
  summary: string,
  reasons: string[],
): Finding {
  return {
    id: fingerprint('version', item.key),
    kind: 'version',
    severity,
    environment,
    resource: { address: item.address, type: item.category, source: file },
    changes,
    summary,
    reasons,
  };
}
