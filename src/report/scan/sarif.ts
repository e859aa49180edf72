/**
 * SARIF 2.1.0 (OASIS), for code-scanning dashboards. One rule per drift kind (`DW-CONFIGURATION`,
 * ...), one result per finding. A finding's resource is a logical location (the Terraform
 * address) and, for GitHub code scanning, a physical location relative to the repository root
 * (`uriBaseId` %SRCROOT%, never an absolute file:// URI): the `.tf` line declaring the resource when
 * the code was read, else the local state or plan file, else the line of the configuration naming
 * the state (S3 and HTTP states; unmanaged resources point at the configuration). A file outside
 * the repository is never pointed at: the result keeps its logical location only. Scopes that could not be observed become tool execution notifications:
 * `executionSuccessful` stays true because the scan itself ran, and the gap is visible as data.
 */
import { fileURLToPath } from 'node:url';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { stripStateLabel } from '../../model/address.js';
import { DRIFT_KINDS, type DriftKind, type Finding, type Severity } from '../../model/finding.js';
import type { ScanResult } from '../../model/scan-result.js';
import {
  attributionLabel,
  blastRadiusFactorLines,
  blastRadiusLabel,
  cascadeLines,
  unavailableAttributionSources,
  describeChange,
  describeScopeWithNextStep,
  impactLabel,
  isFilePath,
  newFindingIds,
  sortFindings,
} from '../values.js';
import { existenceLine, notCoveredLine, uncheckedLine, uncheckedNextStep } from '../accounting.js';
import { jsonText } from '../../model/text.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): Level {
  if (severity === 'critical' || severity === 'high') return 'error';
  return severity === 'medium' ? 'warning' : 'note';
}

export function sarifRuleId(kind: DriftKind): string {
  return `DW-${kind.toUpperCase()}`;
}

interface RuleText {
  readonly name: string;
  readonly short: string;
  readonly full: string;
  readonly help: string;
  readonly level: Level;
}

const RULES: Readonly<Record<DriftKind, RuleText>> = {
  configuration: {
    name: 'ConfigurationDrift',
    short: 'A managed resource differs from its Terraform state.',
    full: 'An attribute of a resource that Terraform manages has a different value in the cloud than in the state.',
    help:
      'Decide which side is right. If the change was intended, codify it in the Terraform code and apply; ' +
      'otherwise run `terraform apply` (or `driftwarden reconcile`) to put the resource back to the recorded value.',
    level: 'warning',
  },
  unmanaged: {
    name: 'UnmanagedResource',
    short: 'A resource exists that no Terraform state manages.',
    full: 'A live resource in an observed scope is not recorded in any state Driftwarden read.',
    help: 'Import it into Terraform (`terraform import` or an import block) if it should exist, or delete it if it is an orphan.',
    level: 'note',
  },
  missing: {
    name: 'MissingResource',
    short: 'A resource in the Terraform state no longer exists.',
    full: 'A resource recorded in state was not found in a scope that was listed completely.',
    help: 'Run `terraform apply` to recreate it, or remove it from the code and the state if its deletion was intended.',
    level: 'error',
  },
  policy: {
    name: 'PolicyDrift',
    short: 'Access or exposure differs from the Terraform state.',
    full: 'An IAM policy, security group rule, bucket policy or other access control differs from the recorded one.',
    help:
      'Treat as a security event: find who changed it (CloudTrail), then revert with `terraform apply` ' +
      'or codify the change after review.',
    level: 'error',
  },
  version: {
    name: 'VersionDrift',
    short: 'A module, provider, image or AMI version differs between environments.',
    full: 'The same component runs different versions in different environments.',
    help: 'Promote the newer version through the environments, or pin every environment to the same version.',
    level: 'warning',
  },
};

function rule(kind: DriftKind): Record<string, unknown> {
  const text = RULES[kind];
  return {
    id: sarifRuleId(kind),
    name: text.name,
    shortDescription: { text: text.short },
    fullDescription: { text: text.full },
    help: { text: text.help },
    defaultConfiguration: { level: text.level },
    properties: { tags: ['drift', kind] },
  };
}

/** A line of a file: `file` absolute, or relative to the working directory. */
export interface SourceLine {
  readonly file: string;
  readonly line?: number;
}

/** What the physical locations are resolved against (src/cli/sarif-locations.ts reads them). */
export interface SarifLocations {
  /** Absolute path of the repository root: every uri is relative to it. */
  readonly repoRoot: string;
  /** The directory relative paths are relative to (default: the repository root). */
  readonly cwd?: string;
  /** Where each root-module resource is declared, by `type.name` (--code). */
  readonly declarations?: ReadonlyMap<string, SourceLine>;
  /** The configuration file and the line naming each state location. */
  readonly config?: { readonly file: string; readonly stateLines: ReadonlyMap<string, number> };
}

/**
 * A URI reference relative to the repository root (forward slashes, percent-encoded), or undefined
 * for a file outside it. Without a root, a relative path is taken as it is and an absolute one is
 * not pointed at.
 */
function repositoryUri(file: string, locations: SarifLocations | undefined): string | undefined {
  const path = file.startsWith('file://') ? fileURLToPath(file) : file;
  let inRepo: string;
  if (locations === undefined) {
    if (isAbsolute(path)) return undefined;
    inRepo = path;
  } else {
    inRepo = relative(locations.repoRoot, resolve(locations.cwd ?? locations.repoRoot, path));
    if (inRepo === '' || inRepo.startsWith(`..${sep}`) || inRepo === '..' || isAbsolute(inRepo)) return undefined;
  }
  return inRepo.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/** `aws_instance.web` for `prod/aws_instance.web["a"]`; undefined for module and data addresses. */
function declarationKey(address: string): string | undefined {
  const match = /^([A-Za-z_][\w-]*\.[A-Za-z_][\w-]*)(\[.*\])?$/.exec(stripStateLabel(address));
  return match && !match[1]!.startsWith('data.') ? match[1] : undefined;
}

/** The first of: the declaring .tf line, the local record file, the configuration line naming the state. */
function physicalLocation(
  finding: Finding,
  locations: SarifLocations | undefined,
): Record<string, unknown> | undefined {
  const { resource } = finding;
  const candidates: SourceLine[] = [];
  if (finding.kind !== 'unmanaged') {
    const key = declarationKey(resource.address);
    const declared = key !== undefined ? locations?.declarations?.get(key) : undefined;
    if (declared) candidates.push(declared);
    if (isFilePath(resource.source)) candidates.push({ file: resource.source });
  }
  const config = locations?.config;
  if (config) {
    const line = resource.source !== undefined ? config.stateLines.get(resource.source) : undefined;
    candidates.push({ file: config.file, ...(line !== undefined ? { line } : {}) });
  }
  for (const candidate of candidates) {
    const uri = repositoryUri(candidate.file, locations);
    if (uri === undefined) continue;
    return {
      artifactLocation: { uri, ...(locations ? { uriBaseId: '%SRCROOT%' } : {}) },
      ...(candidate.line !== undefined ? { region: { startLine: candidate.line } } : {}),
    };
  }
  return undefined;
}

function message(finding: Finding): string {
  const lines = [finding.summary];
  for (const change of finding.changes) lines.push(`- ${describeChange(change, 200)}`);
  const impact = impactLabel(finding.impact);
  if (impact) lines.push(`Next apply: ${impact}`);
  for (const line of cascadeLines(finding.impact)) lines.push(`- cascade: ${line}`);
  if (finding.blastRadius) {
    lines.push(`Blast radius: ${blastRadiusLabel(finding.blastRadius)}`);
    for (const line of blastRadiusFactorLines(finding.blastRadius)) lines.push(`- ${line}`);
  }
  if (finding.attribution) lines.push(`Changed by ${attributionLabel(finding.attribution)}`);
  return lines.join('\n');
}

function sarifResult(
  finding: Finding,
  fresh: ReadonlySet<string>,
  locations: SarifLocations | undefined,
): Record<string, unknown> {
  const { resource } = finding;
  const location: Record<string, unknown> = {
    logicalLocations: [{ name: resource.address, fullyQualifiedName: resource.address, kind: 'resource' }],
  };
  const physical = physicalLocation(finding, locations);
  if (physical) location.physicalLocation = physical;
  const properties: Record<string, unknown> = {
    kind: finding.kind,
    severity: finding.severity,
    environment: finding.environment,
    resourceType: resource.type,
    reasons: [...finding.reasons],
    new: fresh.has(finding.id),
  };
  if (resource.id !== undefined) properties.resourceId = resource.id;
  if (resource.account !== undefined) properties.account = resource.account;
  if (resource.region !== undefined) properties.region = resource.region;
  if (finding.attribution) properties.attribution = { ...finding.attribution };
  if (finding.impact) {
    properties.impact = {
      action: finding.impact.action,
      replacePaths: [...finding.impact.replacePaths],
      source: finding.impact.source,
      ...(finding.impact.cascade ? { cascade: [...finding.impact.cascade] } : {}),
      ...(finding.impact.cascadeReasons ? { cascadeReasons: { ...finding.impact.cascadeReasons } } : {}),
    };
  }
  if (finding.blastRadius) {
    properties.blastRadius = {
      score: finding.blastRadius.score,
      level: finding.blastRadius.level,
      factors: finding.blastRadius.factors.map((f) => ({ ...f })),
    };
  }
  return {
    ruleId: sarifRuleId(finding.kind),
    ruleIndex: DRIFT_KINDS.indexOf(finding.kind),
    level: sarifLevel(finding.severity),
    // SARIF rank (0..100, higher is more important) is the blast radius: dashboards sort by it.
    ...(finding.blastRadius ? { rank: finding.blastRadius.score } : {}),
    message: { text: message(finding) },
    locations: [location],
    partialFingerprints: { 'driftwardenFindingId/v1': finding.id },
    properties,
  };
}

export interface SarifOptions {
  /** Add the addresses of unchecked and not-covered resources to each notification's properties. */
  readonly verbose?: boolean;
  /** Physical locations relative to a repository root (the CLI always gives them). */
  readonly locations?: SarifLocations;
}

interface Notification {
  level: 'warning' | 'note';
  message: { text: string };
  descriptor: { id: string };
  properties: Record<string, unknown>;
}

/** Unchecked scopes (warnings, with the next step), existence-only and not-covered types (notes). */
function accountingNotifications(result: ScanResult, verbose: boolean): Notification[] {
  const { accounting } = result;
  const uncheckedKeys = new Set(
    accounting.unchecked.map((g) => `${g.scope.type}/${g.scope.account}/${g.scope.region}`),
  );
  const notifications: Notification[] = accounting.unchecked.map((group) => ({
    level: 'warning',
    message: {
      text: `Could not check ${uncheckedLine(group)}. These resources are unchecked, not missing. Next step: ${uncheckedNextStep(group)}`,
    },
    descriptor: { id: 'DW-INCOMPLETE-SCOPE' },
    properties: {
      type: group.scope.type,
      account: group.scope.account,
      region: group.scope.region,
      code: group.scope.code,
      count: group.count,
      ...(group.scope.nextStep ? { nextStep: group.scope.nextStep } : {}),
      ...(verbose ? { addresses: [...group.addresses] } : {}),
    },
  }));
  // A failed scope that held no recorded resource still says it could not be observed.
  for (const scope of result.scan.incompleteScopes) {
    if (uncheckedKeys.has(`${scope.type}/${scope.account}/${scope.region}`)) continue;
    notifications.push({
      level: 'warning',
      message: {
        text: `Could not check ${describeScopeWithNextStep(scope)}. Resources in this scope are unchecked, not missing.`,
      },
      descriptor: { id: 'DW-INCOMPLETE-SCOPE' },
      properties: { type: scope.type, account: scope.account, region: scope.region, code: scope.code, count: 0 },
    });
  }
  for (const group of accounting.existence) {
    notifications.push({
      level: 'note',
      message: { text: existenceLine(group) },
      descriptor: { id: 'DW-EXISTENCE-ONLY' },
      properties: {
        type: group.type,
        provider: group.provider,
        seen: group.seen,
        unknown: group.unknown,
        ...(verbose ? { addresses: [...group.addresses] } : {}),
      },
    });
  }
  for (const group of accounting.notCovered) {
    notifications.push({
      level: 'note',
      message: { text: `Not covered: ${notCoveredLine(group)}` },
      descriptor: { id: 'DW-NOT-COVERED' },
      properties: {
        type: group.type,
        provider: group.provider,
        reason: group.reason,
        count: group.count,
        ...(verbose ? { addresses: [...group.addresses] } : {}),
      },
    });
  }
  return notifications;
}

export function renderSarif(result: ScanResult, options: SarifOptions = {}): string {
  const { scan } = result;
  const fresh = newFindingIds(result);
  const notifications = accountingNotifications(result, options.verbose === true);
  for (const note of unavailableAttributionSources(result)) {
    notifications.push({
      level: 'note',
      message: { text: note },
      descriptor: { id: 'DW-ATTRIBUTION-UNAVAILABLE' },
      properties: { type: '', account: '', region: '', code: 'attribution' },
    });
  }
  for (const item of result.scan.modulesNotRead ?? []) {
    notifications.push({
      level: 'warning',
      message: { text: `Module ${item.module} (source ${item.source}) was not read: ${item.reason}.` },
      descriptor: { id: 'DW-CODE-NOT-READ' },
      properties: { module: item.module, source: item.source, file: item.file },
    });
  }
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: scan.tool.name,
            version: scan.tool.version,
            semanticVersion: /^\d+\.\d+\.\d+/.test(scan.tool.version) ? scan.tool.version : undefined,
            rules: DRIFT_KINDS.map(rule),
            notifications: [
              {
                id: 'DW-INCOMPLETE-SCOPE',
                name: 'IncompleteScope',
                shortDescription: { text: 'A scope (resource type, account, region) could not be observed.' },
              },
              {
                id: 'DW-NOT-COVERED',
                name: 'NotCovered',
                shortDescription: {
                  text: 'Managed resources that nothing in the scan observed (no observer, outside the scan, ignored).',
                },
              },
              {
                id: 'DW-EXISTENCE-ONLY',
                name: 'ExistenceOnly',
                shortDescription: {
                  text: 'Managed resources seen only by a generic listing: existence known, attributes not compared.',
                },
              },
            ],
          },
        },
        automationDetails: { id: `driftwarden/${scan.id}` },
        invocations: [
          {
            executionSuccessful: true,
            startTimeUtc: scan.startedAt,
            endTimeUtc: scan.finishedAt,
            toolExecutionNotifications: notifications,
          },
        ],
        results: sortFindings(result.findings).map((finding) => sarifResult(finding, fresh, options.locations)),
        properties: { scanComplete: scan.complete, summary: { ...result.summary } },
      },
    ],
  };
  return `${jsonText(log, 2)}\n`;
}
