/**
 * SARIF 2.1.0 for version drift: one rule (DW-VERSION, as the scan report names it), one result
 * per finding with the item as logical location and the deviating environment's file as physical
 * location. What could not be assessed becomes tool execution notifications (error for a missing
 * environment, which also sets executionSuccessful false; warning for code and lock files; note for
 * computed values), so the gap is data in the log, never an omission.
 */
import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import type { Finding } from '../../model/finding.js';
import type { AssessmentGap, VersionReport } from '../../model/versions.js';
import { SARIF_SCHEMA_URI, sarifLevel, sarifRuleId } from '../scan/sarif.js';
import { describeGap, sortedFindings } from './shared.js';
import { jsonText } from '../../model/text.js';

const RULE_ID = sarifRuleId('version');

function fileUri(path: string): string {
  return isAbsolute(path) ? pathToFileURL(path).href : path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function result(finding: Finding): Record<string, unknown> {
  const location: Record<string, unknown> = {
    logicalLocations: [
      {
        name: finding.resource.address,
        fullyQualifiedName: `${finding.resource.type}:${finding.resource.address}`,
        kind: 'module',
      },
    ],
  };
  if (finding.resource.source)
    location['physicalLocation'] = { artifactLocation: { uri: fileUri(finding.resource.source) } };
  return {
    ruleId: RULE_ID,
    ruleIndex: 0,
    level: sarifLevel(finding.severity),
    message: { text: [finding.summary, ...finding.reasons.map((reason) => `- ${reason}`)].join('\n') },
    locations: [location],
    partialFingerprints: { 'driftwardenFindingId/v1': finding.id },
    properties: {
      kind: finding.kind,
      severity: finding.severity,
      environment: finding.environment,
      category: finding.resource.type,
      differences: finding.changes.map((change) => ({
        environment: change.path,
        reference: change.recorded,
        value: change.observed,
      })),
    },
  };
}

function notification(gap: AssessmentGap): Record<string, unknown> {
  const level = gap.fatal ? 'error' : gap.scope === 'expression' ? 'note' : 'warning';
  const location = gap.file
    ? {
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: fileUri(gap.file) },
              ...(gap.line !== undefined
                ? { region: { startLine: gap.line, ...(gap.column !== undefined ? { startColumn: gap.column } : {}) } }
                : {}),
            },
          },
        ],
      }
    : {};
  return {
    level,
    message: { text: `Could not assess: ${describeGap(gap)}` },
    descriptor: { id: 'DW-NOT-ASSESSED' },
    ...location,
    properties: { environment: gap.environment, scope: gap.scope, fatal: gap.fatal },
  };
}

export function renderVersionsSarif(report: VersionReport): string {
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            ...(/^\d+\.\d+\.\d+/.test(report.tool.version) ? { semanticVersion: report.tool.version } : {}),
            rules: [
              {
                id: RULE_ID,
                name: 'VersionDrift',
                shortDescription: { text: 'A module, provider, image or AMI version differs between environments.' },
                fullDescription: {
                  text: 'The same component is pinned to different versions in different environments, or not pinned at all.',
                },
                help: {
                  text: 'Promote the version staging validated to production (or roll staging forward first), and pin every module, provider, image and AMI.',
                },
                defaultConfiguration: { level: 'warning' },
                properties: { tags: ['drift', 'version'] },
              },
            ],
            notifications: [
              {
                id: 'DW-NOT-ASSESSED',
                name: 'NotAssessed',
                shortDescription: { text: 'Part of an environment could not be assessed.' },
              },
            ],
          },
        },
        automationDetails: { id: `driftwarden/versions/${report.generatedAt}` },
        invocations: [
          {
            executionSuccessful: !report.gaps.some((gap) => gap.fatal),
            endTimeUtc: report.generatedAt,
            toolExecutionNotifications: report.gaps.map(notification),
          },
        ],
        results: sortedFindings(report).map(result),
        properties: {
          environments: report.environments.map((env) => ({ name: env.name, tier: env.tier, path: env.path })),
        },
      },
    ],
  };
  return `${jsonText(log, 2)}\n`;
}
