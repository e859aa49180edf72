/**
 * Helpers every report format shares: the order findings are listed in, how a value is shown, how
 * an apply impact reads, and what "new since the last scan" means. Pure functions over the model;
 * escaping belongs to each format, because each output language escapes differently.
 */
import {
  SENSITIVE,
  severityRank,
  type AttributeChange,
  type ApplyImpact,
  type Attribution,
  type BlastRadius,
  type Finding,
} from '../model/finding.js';
import type { IncompleteScope } from '../model/resource.js';
import type { ScanResult } from '../model/scan-result.js';

/** Critical first; within a severity by kind, environment and address, so output is stable across runs. */
export function sortFindings(findings: ReadonlyArray<Finding>): Finding[] {
  return [...findings].sort(
    (left, right) =>
      severityRank(right.severity) - severityRank(left.severity) ||
      left.kind.localeCompare(right.kind) ||
      left.environment.localeCompare(right.environment) ||
      left.resource.address.localeCompare(right.resource.address) ||
      left.id.localeCompare(right.id),
  );
}

/**
 * The recorded or observed value of a change as it may be shown. The engine already redacts
 * sensitive values; this repeats the guarantee at the last step, so a change flagged sensitive can
 * never print its value even if an upstream layer forgot to redact it.
 */
export function changeValue(change: AttributeChange, side: 'recorded' | 'observed'): unknown {
  if (change.sensitive) return SENSITIVE;
  return change[side];
}

/** Added/removed set elements, redacted like values. */
export function changeElements(change: AttributeChange, side: 'added' | 'removed'): ReadonlyArray<unknown> | undefined {
  const elements = change[side];
  if (elements === undefined) return undefined;
  return change.sensitive ? elements.map(() => SENSITIVE) : elements;
}

/** One value as text: strings as they are, everything else as compact JSON; no value reads "(none)". */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return value === '' ? '""' : value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Cuts a text to `max` characters with an ellipsis; long JSON documents stay one readable line. */
export function shorten(text: string, max: number): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ');
  if (oneLine.length <= max) return oneLine;
  return `${oneLine.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * A set element for a narrow place: object fields holding nothing ([], {}, "", null, false) are left
 * out, so what was added shows first (`{"from_port":22,...,"cidr_blocks":["0.0.0.0/0"]}`).
 */
export function compactElement(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const empty = (field: unknown) =>
    field === null ||
    field === false ||
    field === '' ||
    (Array.isArray(field) && field.length === 0) ||
    (typeof field === 'object' && field !== null && Object.keys(field).length === 0);
  return Object.fromEntries(Object.entries(value).filter(([, field]) => !empty(field)));
}

export interface DescribeChangeOptions {
  /** Budget of the added and removed set elements (default: the value budget). */
  readonly elementMax?: number;
  /** Leave empty fields out of set elements (compactElement). */
  readonly compactElements?: boolean;
}

/** `path: recorded -> observed`, or for unordered sets `path: +[added] -[removed]`; values shortened. */
export function describeChange(change: AttributeChange, maxValue = 40, options: DescribeChangeOptions = {}): string {
  const added = changeElements(change, 'added');
  const removed = changeElements(change, 'removed');
  if (added !== undefined || removed !== undefined) {
    const max = options.elementMax ?? maxValue;
    const shown = (elements: ReadonlyArray<unknown>) =>
      shorten(formatValue(options.compactElements ? elements.map(compactElement) : elements), max);
    const parts: string[] = [];
    if (added && added.length > 0) parts.push(`+${shown(added)}`);
    if (removed && removed.length > 0) parts.push(`-${shown(removed)}`);
    if (parts.length > 0) return `${change.path}: ${parts.join(' ')}`;
  }
  const recorded = shorten(formatValue(changeValue(change, 'recorded')), maxValue);
  const observed = shorten(formatValue(changeValue(change, 'observed')), maxValue);
  return `${change.path}: ${recorded} -> ${observed}`;
}

/**
 * "replace (ami, user_data)", "update", "unknown", and for a replacement that forces changes on its
 * dependents "replace (vpc_id) + cascade to 3"; empty when the impact is not known at all.
 */
export function impactLabel(impact: ApplyImpact | undefined): string {
  if (!impact) return '';
  const cascade = impact.cascade && impact.cascade.length > 0 ? ` + cascade to ${impact.cascade.length}` : '';
  if (impact.action === 'replace' && impact.replacePaths.length > 0) {
    return `replace (${impact.replacePaths.join(', ')})${cascade}`;
  }
  return `${impact.action}${cascade}`;
}

/** One line per resource a replacement forces changes on: `prod/aws_instance.web[0]: vpc_security_group_ids = sg-0abc`. */
export function cascadeLines(impact: ApplyImpact | undefined): string[] {
  return (impact?.cascade ?? []).map((address) => {
    const reason = impact?.cascadeReasons?.[address];
    return reason ? `${address}: ${reason}` : address;
  });
}

/** "62 (high)"; empty when the analysis did not run. */
export function blastRadiusLabel(radius: BlastRadius | undefined): string {
  return radius ? `${radius.score} (${radius.level})` : '';
}

/** `tier +24 (0.8 x 0.3): environment prod is production`, one per factor, in formula order. */
export function blastRadiusFactorLines(radius: BlastRadius | undefined): string[] {
  return (radius?.factors ?? []).map((f) => `${f.name} +${f.contribution} (${f.value} x ${f.weight}): ${f.why}`);
}

export function newFindingIds(result: ScanResult): ReadonlySet<string> {
  return new Set(result.history?.newFindingIds ?? []);
}

/** `aws_iam_role 123456789012 us-east-1: access denied (code)`: one incomplete scope for humans. */
export function describeScope(scope: IncompleteScope): string {
  return `${scope.type} ${scope.account} ${scope.region}: ${scope.reason} (${scope.code})`;
}

/** The scope's description and its next step, for formats that give one line per scope. */
export function describeScopeWithNextStep(scope: IncompleteScope): string {
  return scope.nextStep ? `${describeScope(scope)}; next step: ${scope.nextStep}` : describeScope(scope);
}

/**
 * Coverage 0..1 as "87.5%", or "n/a" when unknown. Rounded down, so a figure short of 1 never
 * reads "100%" (999 of 1000 is "99.9%").
 */
export function formatCoverage(coverage: number | null): string {
  if (coverage === null) return 'n/a';
  return `${(Math.floor(coverage * 1000) / 10).toString()}%`;
}

/** "n/a" for counts the scan could not know (unmanaged without a listing). */
export function formatCount(count: number | null): string {
  return count === null ? 'n/a' : String(count);
}

/** True when `source` names a local file (state or plan), not a remote location such as s3:// or https://. */
export function isFilePath(source: string | undefined): source is string {
  if (!source) return false;
  if (source.startsWith('file://')) return true;
  return !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(source);
}

/** `arn:aws:iam::1:user/alice (console) 2026-11-25T02:13:00Z from 203.0.113.9: AuthorizeSecurityGroupIngress`. */
export function attributionLabel(attribution: Attribution | undefined): string {
  if (!attribution) return '';
  const via = attribution.via === 'console' ? 'console, ClickOps' : attribution.via;
  return `${attribution.principal} (${via}) at ${attribution.time} from ${attribution.sourceIp}: ${attribution.eventName}`;
}

/** One line per attribution source that could not be read, for every format's notes. */
export function unavailableAttributionSources(result: ScanResult): string[] {
  return (result.scan.attributionSources ?? [])
    .filter((source) => !source.available)
    .map(
      (source) =>
        `attribution source ${source.source} (${source.where}) unavailable: ${source.reason ?? source.code ?? 'unknown'}`,
    );
}

/** Notes every format prints under its header: attribution sources and code modules that could not be read. */
export function scanNotes(result: ScanResult): string[] {
  const modules = (result.scan.modulesNotRead ?? []).map(
    (item) =>
      `module ${item.module} (source ${item.source}, called in ${item.file}) was not read: ${item.reason}; its lifecycle ignore_changes were not applied`,
  );
  return [...unavailableAttributionSources(result), ...modules];
}
