/**
 * SARIF 2.1.0: one rule per criterion (`DW-MATURITY-<ID>`), one `note` result per criterion not
 * met. A maturity gap is advice, not a defect in a file, so results have a logical location only
 * (the store, or the config for production criteria) and level `note`. Criteria that could not be
 * assessed become tool execution notifications, so the gap is data, never an omission.
 */
import { SARIF_SCHEMA_URI } from '../scan/sarif.js';
import { CRITERION_IDS, type CriterionId, type CriterionResult, type MaturityReport } from '../../model/maturity.js';
import { headline } from './shared.js';
import { jsonText } from '../../model/text.js';

export function maturityRuleId(id: CriterionId): string {
  return `DW-MATURITY-${id.toUpperCase()}`;
}

function message(c: CriterionResult): string {
  return [
    `${c.title}: ${c.evidence}`,
    `met when: ${c.threshold}`,
    ...(c.nextStep ? [`next step: ${c.nextStep}`] : []),
  ].join('\n');
}

export function renderMaturitySarif(report: MaturityReport): string {
  const titles = new Map(report.criteria.map((c) => [c.id, c]));
  const rules = CRITERION_IDS.map((id) => {
    const c = titles.get(id);
    return {
      id: maturityRuleId(id),
      name: id,
      shortDescription: { text: c?.title ?? id },
      fullDescription: { text: `Maturity level ${c?.level ?? '?'} criterion. Met when: ${c?.threshold ?? ''}` },
      defaultConfiguration: { level: 'note' },
      properties: { level: c?.level ?? null },
    };
  });
  const results = report.criteria
    .filter((c) => c.status === 'unmet')
    .map((c) => ({
      ruleId: maturityRuleId(c.id),
      ruleIndex: CRITERION_IDS.indexOf(c.id),
      level: 'note',
      message: { text: message(c) },
      locations: [
        {
          logicalLocations: [{ name: c.level === 4 && report.config ? report.config : report.store, kind: 'resource' }],
        },
      ],
      partialFingerprints: { 'driftwardenMaturityCriterion/v1': c.id },
      properties: { criterionLevel: c.level, status: c.status, measurements: c.measurements },
    }));
  const notifications = report.criteria
    .filter((c) => c.status === 'not-assessed')
    .map((c) => ({
      level: 'note',
      message: { text: `not assessed: ${c.title}: ${c.evidence}` },
      associatedRule: { id: maturityRuleId(c.id), index: CRITERION_IDS.indexOf(c.id) },
    }));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'driftwarden', version: report.tool.version, rules } },
        invocations: [
          { executionSuccessful: true, toolExecutionNotifications: notifications, endTimeUtc: report.generatedAt },
        ],
        results,
        properties: { report: 'maturity', level: report.level, summary: headline(report), window: report.window.text },
      },
    ],
  };
  return `${jsonText(log, 2)}\n`;
}
