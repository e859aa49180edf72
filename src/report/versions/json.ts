/**
 * The JSON version report (docs/versions-schema.md). Keys are written one by one in a fixed order,
 * so a field added to the model does not leak into the versioned output unnoticed, and two runs
 * over the same code produce identical files (apart from generatedAt).
 */
import type { Finding } from '../../model/finding.js';
import { isComplete, type AssessmentGap, type VersionCell, type VersionReport } from '../../model/versions.js';
import { countBySeverity, sortedFindings } from './shared.js';
import { compact } from '../scan/json.js';
import { jsonText } from '../../model/text.js';

type Json = Record<string, unknown>;

function cell(value: VersionCell): Json {
  switch (value.state) {
    case 'pinned':
      return compact({ state: value.state, value: value.value, source: value.source, file: value.file });
    case 'unpinned':
      return compact({ state: value.state, source: value.source, file: value.file, note: value.note });
    case 'absent':
      return { state: value.state };
    case 'not-assessed':
      return { state: value.state, reason: value.reason };
  }
}

function finding(value: Finding): Json {
  return {
    id: value.id,
    kind: value.kind,
    severity: value.severity,
    environment: value.environment,
    item: compact({ address: value.resource.address, category: value.resource.type, file: value.resource.source }),
    summary: value.summary,
    reasons: [...value.reasons],
    differences: value.changes.map((change) => ({
      environment: change.path,
      reference: change.recorded,
      value: change.observed,
    })),
  };
}

function gap(value: AssessmentGap): Json {
  return compact({
    environment: value.environment,
    scope: value.scope,
    fatal: value.fatal,
    message: value.message,
    file: value.file,
    line: value.line,
    column: value.column,
    nextStep: value.nextStep,
  });
}

export function renderVersionsJson(report: VersionReport): string {
  const document = {
    schemaVersion: report.schemaVersion,
    report: 'versions',
    generatedAt: report.generatedAt,
    tool: { name: report.tool.name, version: report.tool.version },
    complete: isComplete(report),
    summary: {
      environments: report.environments.length,
      items: report.items.length,
      findings: report.findings.length,
      bySeverity: countBySeverity(report.findings),
    },
    environments: report.environments.map((env) => ({
      name: env.name,
      path: env.path,
      tier: env.tier,
      tierSource: env.tierSource,
      codeAssessed: env.codeAssessed,
      providersAssessed: env.providersAssessed,
    })),
    items: report.items.map((item) => ({
      key: item.key,
      category: item.category,
      address: item.address,
      cells: Object.fromEntries(
        report.environments.map((env) => [env.name, cell(item.cells[env.name] ?? { state: 'absent' })]),
      ),
    })),
    findings: sortedFindings(report).map(finding),
    gaps: report.gaps.map(gap),
  };
  return `${jsonText(document, 2)}\n`;
}
