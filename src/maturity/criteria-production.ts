/**
 * The criteria of level 4, immutable production: production environments in enforce mode, no
 * production change made outside the pipeline (CloudTrail attribution of the drift the scans
 * found), and break-glass hygiene (every session time-bound, ended, and reconciled). Production
 * means tier `production` in driftwarden.yaml; without a configuration nobody can say which
 * environment that is, so these criteria are not assessed rather than guessed.
 */
import { formatDuration } from '../actions/breakglass/ttl.js';
import { humanDuration, inWindow } from './criteria-detection.js';
import {
  THRESHOLDS,
  type CriterionResult,
  type EnvironmentEvidence,
  type MaturityEvidence,
} from '../model/maturity.js';

const NO_CONFIG_STEP =
  "pass --config driftwarden.yaml, with each environment's tier (production for production) and mode";

function productionEnvironments(evidence: MaturityEvidence): ReadonlyArray<EnvironmentEvidence> {
  return evidence.config?.environments.filter((env) => env.tier === 'production') ?? [];
}

/** The reason production cannot be assessed, or undefined when it can. */
function productionUnknown(evidence: MaturityEvidence): { evidence: string; nextStep: string } | undefined {
  if (evidence.config === undefined)
    return {
      evidence: 'no configuration was given: which environments are production is unknown',
      nextStep: NO_CONFIG_STEP,
    };
  if (productionEnvironments(evidence).length > 0) return undefined;
  return {
    evidence: `no environment in ${evidence.config.file} has tier production`,
    nextStep: `set tier: production on the production environment in ${evidence.config.file} (environments.<name>.tier)`,
  };
}

export function productionEnforced(evidence: MaturityEvidence): CriterionResult {
  const base = {
    id: 'production-enforced',
    level: 4,
    title: 'Production is in enforce mode',
    threshold: 'every production-tier environment has mode: enforce',
  } as const;
  const unknown = productionUnknown(evidence);
  if (unknown)
    return {
      ...base,
      status: 'not-assessed',
      evidence: unknown.evidence,
      measurements: { production: [], inAudit: [] },
      nextStep: unknown.nextStep,
    };
  const production = productionEnvironments(evidence);
  const inAudit = production.filter((env) => env.mode !== 'enforce').map((env) => env.name);
  const measurements = { production: production.map((env) => env.name), inAudit };
  if (inAudit.length === 0)
    return {
      ...base,
      status: 'met',
      evidence: `every production environment is in enforce mode: ${production.map((e) => e.name).join(', ')}`,
      measurements,
    };
  return {
    ...base,
    status: 'unmet',
    evidence: `${inAudit.length} of ${production.length} production environment(s) in audit mode: ${inAudit.join(', ')}`,
    measurements,
    nextStep: `put ${inAudit.join(', ')} in enforce mode: set ${inAudit.map((name) => `environments.${name}.mode: enforce`).join(', ')} in ${evidence.config!.file}`,
  };
}

export function productionChangesViaPipeline(evidence: MaturityEvidence): CriterionResult {
  const base = {
    id: 'production-changes-via-pipeline',
    level: 4,
    title: 'Production changes go through the pipeline',
    threshold:
      'no drift opened in a production environment during the window was made in the console or by a principal outside pipeline_principals, and every one is attributed',
  } as const;
  const unknown = productionUnknown(evidence);
  const empty = {
    production: [],
    drifts: 0,
    console: 0,
    other: 0,
    pipeline: 0,
    unattributed: 0,
    scansCoveringProduction: 0,
    examples: [],
  };
  if (unknown)
    return {
      ...base,
      status: 'not-assessed',
      evidence: unknown.evidence,
      measurements: empty,
      nextStep: unknown.nextStep,
    };
  const production = productionEnvironments(evidence).map((env) => env.name);
  const covering = evidence.scans.filter(
    (scan) =>
      inWindow(evidence, scan.startedAt) &&
      (scan.environments === undefined || scan.environments.some((name) => production.includes(name))),
  );
  if (covering.length === 0) {
    return {
      ...base,
      status: 'not-assessed',
      evidence: `no scan covered ${production.join(', ')} in the last ${evidence.window.text}`,
      measurements: { ...empty, production },
      nextStep: `scan production on a schedule: \`driftwarden scan --env ${production[0]}\``,
    };
  }
  const drifts = evidence.episodes.filter((e) => production.includes(e.environment) && inWindow(evidence, e.openedAt));
  const count = (via: string) => drifts.filter((e) => e.attribution?.via === via).length;
  const outside = drifts.filter((e) => e.attribution !== null && e.attribution.via !== 'pipeline');
  const unattributed = drifts.filter((e) => e.attribution === null).length;
  const measurements = {
    production,
    drifts: drifts.length,
    console: count('console'),
    other: count('other'),
    pipeline: count('pipeline'),
    unattributed,
    scansCoveringProduction: covering.length,
    // Who and what, so the next step can be acted on: principals are ARNs, never secrets.
    examples: outside.slice(-3).map((e) => ({
      address: e.address,
      environment: e.environment,
      via: e.attribution!.via,
      principal: e.attribution!.principal,
      time: e.attribution!.time,
    })),
  };
  const counted = `${drifts.length} drift(s) opened in production (${production.join(', ')}) in the last ${evidence.window.text} across ${covering.length} scan(s): ${measurements.console} made in the console, ${measurements.other} by other principals, ${measurements.pipeline} by the pipeline, ${unattributed} unattributed`;
  if (outside.length > 0) {
    const latest = outside[outside.length - 1]!;
    return {
      ...base,
      status: 'unmet',
      evidence: `${counted}; the latest by ${latest.attribution!.principal} at ${latest.attribution!.time} on ${latest.address}`,
      measurements,
      nextStep:
        'route every production change through the pipeline (list its role in pipeline_principals) and remove console write access in production; use `driftwarden breakglass open` for emergencies',
    };
  }
  if (unattributed > 0) {
    return {
      ...base,
      status: 'not-assessed',
      evidence: `${counted}: who made the unattributed ones is unknown`,
      measurements,
      nextStep:
        'enable attribution: set attribution.trail_bucket in driftwarden.yaml (or allow cloudtrail:LookupEvents to the scanning role) and scan with --aws',
    };
  }
  return { ...base, status: 'met', evidence: counted, measurements };
}

export function breakglassHygiene(evidence: MaturityEvidence): CriterionResult {
  const base = {
    id: 'breakglass-hygiene',
    level: 4,
    title: 'Break-glass sessions are time-bound, ended and reconciled',
    threshold: `every session opened in the window has a TTL within its tier's cap, ended (closed or expired), and was reconciled (a grace of ${humanDuration(THRESHOLDS.reconcileGraceMs)} after it ended)`,
  } as const;
  const nowMs = Date.parse(evidence.now);
  const sessions = evidence.sessions;
  const overCap = sessions.filter((s) => s.ttlMs > s.capMs);
  // A session past its expiry that no command has expired yet has ended all the same.
  const endedAt = (s: (typeof sessions)[number]) =>
    s.status === 'open' ? (Date.parse(s.expiresAt) <= nowMs ? s.expiresAt : undefined) : s.endedAt;
  const running = sessions.filter((s) => endedAt(s) === undefined);
  const ended = sessions.filter((s) => endedAt(s) !== undefined);
  const unreconciled = ended.filter(
    (s) => s.reconciledAt === undefined && nowMs - Date.parse(endedAt(s)!) > THRESHOLDS.reconcileGraceMs,
  );
  const measurements = {
    sessions: sessions.length,
    running: running.length,
    ended: ended.length,
    reconciled: ended.filter((s) => s.reconciledAt !== undefined).length,
    overCap: overCap.map((s) => s.id),
    unreconciled: unreconciled.map((s) => s.id),
  };
  if (sessions.length === 0)
    return {
      ...base,
      status: 'met',
      evidence: `no break-glass session was opened in the last ${evidence.window.text}, and none is open`,
      measurements,
    };
  const said =
    `${sessions.length} session(s) in the last ${evidence.window.text}: ${ended.length} ended (${measurements.reconciled} reconciled), ${running.length} still running` +
    (overCap.length > 0
      ? `; ${overCap.length} longer than the cap (${overCap.map((s) => `${s.id} ${formatDuration(s.ttlMs)} > ${formatDuration(s.capMs)}`).join(', ')})`
      : '') +
    (unreconciled.length > 0 ? `; not reconciled: ${unreconciled.map((s) => s.id).join(', ')}` : '');
  if (overCap.length === 0 && unreconciled.length === 0)
    return { ...base, status: 'met', evidence: said, measurements };
  const steps = [
    ...(unreconciled.length > 0
      ? [
          `reconcile the scope of ${unreconciled.map((s) => s.id).join(', ')} (\`driftwarden reconcile\`, or the controller does it at close and expiry)`,
        ]
      : []),
    ...(overCap.length > 0
      ? [
          'keep break-glass sessions within breakglass.max_ttl (the cap was raised or the config changed since they were opened)',
        ]
      : []),
  ];
  return { ...base, status: 'unmet', evidence: said, measurements, nextStep: steps.join('; ') };
}
