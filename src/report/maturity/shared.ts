/** Wording every maturity format shares, so the formats say the same thing in the same words. */
import {
  MATURITY_LEVELS,
  type CriterionResult,
  type CriterionStatus,
  type MaturityReport,
} from '../../model/maturity.js';

export const STATUS_LABEL: Readonly<Record<CriterionStatus, string>> = {
  met: 'met',
  unmet: 'not met',
  'not-assessed': 'not assessed',
};

export function levelName(level: number): string {
  return MATURITY_LEVELS[level]?.name ?? `level ${level}`;
}

export function headline(report: MaturityReport): string {
  return `Drift maturity: level ${report.level} of 4 (${levelName(report.level)})`;
}

export function windowLine(report: MaturityReport): string {
  return `window: the last ${report.window.text} (${report.window.from} to ${report.window.to})`;
}

export function countByStatus(report: MaturityReport): Record<CriterionStatus, number> {
  const counts: Record<CriterionStatus, number> = { met: 0, unmet: 0, 'not-assessed': 0 };
  for (const criterion of report.criteria) counts[criterion.status]++;
  return counts;
}

/** The criteria that keep the organisation from the next level (empty at level 4). */
export function blocking(report: MaturityReport): CriterionResult[] {
  return report.criteria.filter((c) => c.level === report.level + 1 && c.status !== 'met');
}
