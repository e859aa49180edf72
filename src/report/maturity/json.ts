/**
 * The JSON maturity report (docs/maturity-schema.md). Keys are written one by one in a fixed
 * order, so a field added to the model does not leak into the versioned output unnoticed.
 */
import { MATURITY_LEVELS, type MaturityReport } from '../../model/maturity.js';
import { jsonText } from '../../model/text.js';

export function renderMaturityJson(report: MaturityReport): string {
  const document = {
    schemaVersion: report.schemaVersion,
    report: 'maturity',
    generatedAt: report.generatedAt,
    tool: { name: report.tool.name, version: report.tool.version },
    window: { duration: report.window.text, ms: report.window.ms, from: report.window.from, to: report.window.to },
    store: report.store,
    ...(report.config !== undefined ? { config: report.config } : {}),
    level: report.level,
    levelName: MATURITY_LEVELS[report.level].name,
    levels: MATURITY_LEVELS.map((entry) => ({
      level: entry.level,
      name: entry.name,
      description: entry.description,
      reached: entry.level <= report.level,
    })),
    criteria: report.criteria.map((c) => ({
      id: c.id,
      level: c.level,
      title: c.title,
      status: c.status,
      evidence: c.evidence,
      threshold: c.threshold,
      measurements: c.measurements,
      ...(c.nextStep !== undefined ? { nextStep: c.nextStep } : {}),
    })),
    nextSteps: [...report.nextSteps],
  };
  return `${jsonText(document, 2)}\n`;
}
