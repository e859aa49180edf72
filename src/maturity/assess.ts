/**
 * Turns evidence into the maturity report: every criterion, the level (the highest one whose
 * criteria, and those of every level below, are all met), and the next steps in the order to take
 * them. Pure: the same evidence always gives the same report.
 */
import { breakglassHygiene, productionChangesViaPipeline, productionEnforced } from './criteria-production.js';
import { iacCoverage, iacExists, scanRecency, scanSchedule, timeToRevert } from './criteria-detection.js';
import {
  MATURITY_SCHEMA_VERSION,
  type CriterionResult,
  type MaturityEvidence,
  type MaturityLevel,
  type MaturityReport,
} from '../model/maturity.js';

/** In level order; the order every format lists them in. */
const CRITERIA: ReadonlyArray<(evidence: MaturityEvidence) => CriterionResult> = [
  iacExists,
  iacCoverage,
  scanSchedule,
  scanRecency,
  timeToRevert,
  productionEnforced,
  productionChangesViaPipeline,
  breakglassHygiene,
];

export function levelOf(criteria: ReadonlyArray<CriterionResult>): MaturityLevel {
  let level: MaturityLevel = 0;
  for (const next of [1, 2, 3, 4] as const) {
    if (!criteria.filter((c) => c.level === next).every((c) => c.status === 'met')) break;
    level = next;
  }
  return level;
}

export function assessMaturity(evidence: MaturityEvidence, toolVersion: string): MaturityReport {
  const criteria = CRITERIA.map((criterion) => criterion(evidence));
  const level = levelOf(criteria);
  // CRITERIA is in level order, so the steps for the next level up come first.
  const nextSteps = [
    ...new Set(criteria.filter((c) => c.status !== 'met' && c.nextStep !== undefined).map((c) => c.nextStep!)),
  ];
  return {
    schemaVersion: MATURITY_SCHEMA_VERSION,
    generatedAt: evidence.now,
    tool: { name: 'driftwarden', version: toolVersion },
    window: evidence.window,
    store: evidence.store,
    ...(evidence.config ? { config: evidence.config.file } : {}),
    level,
    criteria,
    nextSteps,
  };
}
