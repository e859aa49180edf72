/**
 * The JSON report: the ScanResult itself, with keys in a fixed, documented order (see
 * docs/report-schema.md and docs/report.schema.json). Keys are copied one by one rather than
 * spread, so a field added to the model does not leak into the versioned output unnoticed, and
 * two runs over the same findings produce byte-identical files. Absent optional values are
 * omitted, never written as null, except where the model itself uses null ("not known").
 */
import type {
  AttributeChange,
  ApplyImpact,
  Attribution,
  BlastRadius,
  Finding,
  Suppression,
} from '../../model/finding.js';
import type { IncompleteScope } from '../../model/resource.js';
import type { Accounting } from '../../model/accounting.js';
import type { ScanHistory, ScanInfo, ScanResult, ScanSummary } from '../../model/scan-result.js';
import { DRIFT_KINDS, SEVERITIES } from '../../model/finding.js';
import { changeElements, changeValue, sortFindings } from '../values.js';
import { jsonText } from '../../model/text.js';

type Json = Record<string, unknown>;

/** Drops undefined values so JSON.stringify output does not depend on how an object was built. */
export function compact(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

function scope(item: IncompleteScope): Json {
  return compact({
    type: item.type,
    account: item.account,
    region: item.region,
    code: item.code,
    reason: item.reason,
    nextStep: item.nextStep,
  });
}

function scanInfo(scan: ScanInfo): Json {
  return compact({
    id: scan.id,
    startedAt: scan.startedAt,
    finishedAt: scan.finishedAt,
    complete: scan.complete,
    incompleteScopes: scan.incompleteScopes.map(scope),
    sources: [...scan.sources],
    apiCalls: scan.apiCalls
      ? Object.fromEntries(Object.entries(scan.apiCalls).sort(([left], [right]) => left.localeCompare(right)))
      : undefined,
    tool: { name: scan.tool.name, version: scan.tool.version },
    attributionSources: scan.attributionSources?.map((source) =>
      compact({
        source: source.source,
        where: source.where,
        available: source.available,
        records: source.records,
        code: source.code,
        reason: source.reason,
      }),
    ),
    modulesNotRead: scan.modulesNotRead?.map((item) => ({
      module: item.module,
      source: item.source,
      file: item.file,
      reason: item.reason,
    })),
  });
}

function summary(value: ScanSummary): Json {
  return {
    managed: value.managed,
    checked: value.checked,
    unchecked: value.unchecked,
    existence: value.existence,
    notCovered: value.notCovered,
    unmanaged: value.unmanaged,
    missing: value.missing,
    changed: value.changed,
    coverage: value.coverage,
    existenceCoverage: value.existenceCoverage,
    managedShare: value.managedShare,
    byType: value.byType.map((row) => ({
      type: row.type,
      provider: row.provider,
      checked: row.checked,
      unchecked: row.unchecked,
      existence: row.existence,
      notCovered: row.notCovered,
    })),
    byKind: Object.fromEntries(DRIFT_KINDS.map((kind) => [kind, value.byKind[kind] ?? 0])),
    bySeverity: Object.fromEntries(SEVERITIES.map((severity) => [severity, value.bySeverity[severity] ?? 0])),
  };
}

function accounting(value: Accounting): Json {
  return {
    unchecked: value.unchecked.map((group) => ({
      scope: scope(group.scope),
      count: group.count,
      addresses: [...group.addresses],
    })),
    existence: value.existence.map((group) => ({
      provider: group.provider,
      type: group.type,
      seen: group.seen,
      unknown: group.unknown,
      addresses: [...group.addresses],
    })),
    notCovered: value.notCovered.map((group) => ({
      provider: group.provider,
      type: group.type,
      reason: group.reason,
      why: group.why,
      count: group.count,
      addresses: [...group.addresses],
    })),
  };
}

function change(item: AttributeChange): Json {
  const added = changeElements(item, 'added');
  const removed = changeElements(item, 'removed');
  return compact({
    path: item.path,
    recorded: changeValue(item, 'recorded'),
    observed: changeValue(item, 'observed'),
    sensitive: item.sensitive,
    added: added ? [...added] : undefined,
    removed: removed ? [...removed] : undefined,
    policy: item.policy,
  });
}

function impact(item: ApplyImpact | undefined): Json | undefined {
  if (!item) return undefined;
  return compact({
    action: item.action,
    replacePaths: [...item.replacePaths],
    reason: item.reason,
    source: item.source,
    cascade: item.cascade ? [...item.cascade] : undefined,
    cascadeReasons: item.cascadeReasons
      ? Object.fromEntries(
          (item.cascade ?? Object.keys(item.cascadeReasons))
            .filter((a) => item.cascadeReasons![a] !== undefined)
            .map((a) => [a, item.cascadeReasons![a]]),
        )
      : undefined,
  });
}

function blastRadius(item: BlastRadius | undefined): Json | undefined {
  if (!item) return undefined;
  return {
    score: item.score,
    level: item.level,
    factors: item.factors.map((f) => ({
      name: f.name,
      value: f.value,
      weight: f.weight,
      contribution: f.contribution,
      why: f.why,
    })),
  };
}

function finding(item: Finding): Json {
  const resource = item.resource;
  return compact({
    id: item.id,
    kind: item.kind,
    severity: item.severity,
    environment: item.environment,
    resource: compact({
      address: resource.address,
      type: resource.type,
      id: resource.id,
      provider: resource.provider,
      account: resource.account,
      region: resource.region,
      source: resource.source,
    }),
    summary: item.summary,
    reasons: [...item.reasons],
    changes: item.changes.map(change),
    impact: impact(item.impact),
    attribution: attribution(item.attribution),
    blastRadius: blastRadius(item.blastRadius),
    facts: item.facts === undefined ? undefined : { ...item.facts },
    coverage: item.coverage,
  });
}

function attribution(item: Attribution | undefined): Json | undefined {
  if (!item) return undefined;
  return compact({
    principal: item.principal,
    principalType: item.principalType,
    time: item.time,
    sourceIp: item.sourceIp,
    eventName: item.eventName,
    userAgent: item.userAgent,
    via: item.via,
    eventId: item.eventId,
    source: item.source,
  });
}

function history(item: ScanHistory | undefined): Json | undefined {
  if (!item) return undefined;
  return {
    ...(item.estate ? { estate: { key: item.estate.key, label: item.estate.label } } : {}),
    previousScanId: item.previousScanId,
    newFindingIds: [...item.newFindingIds],
    resolved: item.resolved.map((resolved) => ({ id: resolved.id, address: resolved.address, kind: resolved.kind })),
    ...(item.notRechecked
      ? {
          notRechecked: item.notRechecked.map((open) => ({
            id: open.id,
            address: open.address,
            kind: open.kind,
            reason: open.reason,
          })),
        }
      : {}),
    firstSeen: Object.fromEntries(Object.entries(item.firstSeen).sort(([left], [right]) => left.localeCompare(right))),
  };
}

function suppression(item: Suppression): Json {
  return { address: item.address, path: item.path, rule: item.rule, why: item.why };
}

/** The report object in schema order; findings sorted critical first, as in every other format. */
export function toJsonReport(result: ScanResult): Json {
  return compact({
    schemaVersion: result.schemaVersion,
    scan: scanInfo(result.scan),
    summary: summary(result.summary),
    accounting: accounting(result.accounting),
    findings: sortFindings(result.findings).map(finding),
    history: history(result.history),
    suppressions: result.suppressions.map(suppression),
  });
}

export function renderJson(result: ScanResult): string {
  return `${jsonText(toJsonReport(result), 2)}\n`;
}
