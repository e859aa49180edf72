/**
 * The criteria of levels 1 to 3: does infrastructure-as-code exist, how much of what runs does it
 * cover, do scans run on a schedule and recently, and how fast is drift reverted. Pure functions
 * of the evidence; each says `not-assessed` with the reason when its evidence is missing.
 */
import { formatDuration } from '../actions/breakglass/ttl.js';
import { THRESHOLDS, type CriterionResult, type MaturityEvidence, type ScanEvidence } from '../model/maturity.js';

const DAY = 86_400_000;

export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** `formatDuration` rounded to what a person reads: minutes under a day, hours above. */
export function humanDuration(ms: number): string {
  const unit = ms >= DAY ? 3_600_000 : ms >= 3_600_000 ? 60_000 : 1000;
  return formatDuration(Math.round(ms / unit) * unit);
}

export function inWindow(evidence: MaturityEvidence, time: string): boolean {
  return time >= evidence.window.from && time <= evidence.window.to;
}

function median(values: ReadonlyArray<number>): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const SCAN_STEP =
  'run `driftwarden scan` on a schedule: a CI cron job (e.g. every 6h) or `driftwarden controller`, recording into this store';

export function iacExists(evidence: MaturityEvidence): CriterionResult {
  const base = {
    id: 'iac-exists',
    level: 1,
    title: 'Infrastructure-as-code manages resources',
    threshold: 'a recorded scan found managed resources, or the configuration lists Terraform states',
  } as const;
  const managing = evidence.scans.filter((scan) => scan.managed > 0);
  const states = evidence.config?.environments.reduce((sum, env) => sum + env.states, 0) ?? 0;
  const latest = managing[managing.length - 1];
  if (latest !== undefined) {
    const where = inWindow(evidence, latest.startedAt)
      ? `in the last ${evidence.window.text}`
      : `before the last ${evidence.window.text}`;
    return {
      ...base,
      status: 'met',
      evidence: `the latest scan with managed resources (${latest.startedAt}, ${where}) found ${latest.managed} managed resource(s)`,
      measurements: { managed: latest.managed, scanId: latest.id, configuredStates: states },
    };
  }
  if (states > 0) {
    return {
      ...base,
      status: 'met',
      evidence: `${evidence.config!.file} lists ${states} Terraform state(s); no scan has recorded them yet`,
      measurements: { managed: null, configuredStates: states },
    };
  }
  if (evidence.scans.length > 0) {
    return {
      ...base,
      status: 'unmet',
      evidence: `${evidence.scans.length} recorded scan(s), none found a resource that a Terraform state manages`,
      measurements: { managed: 0, configuredStates: states },
      nextStep:
        'write the infrastructure as Terraform (import what exists: `terraform import` or `import` blocks) and list its states under environments.<name>.states in driftwarden.yaml',
    };
  }
  return {
    ...base,
    status: 'not-assessed',
    evidence: `no scan is recorded in ${evidence.store} and ${evidence.config ? `${evidence.config.file} lists no state` : 'no configuration was given'}`,
    measurements: { managed: null, configuredStates: states },
    nextStep:
      "list each environment's Terraform states in driftwarden.yaml and run `driftwarden scan --config driftwarden.yaml` to record what they manage",
  };
}

export function iacCoverage(evidence: MaturityEvidence): CriterionResult {
  const base = {
    id: 'iac-coverage',
    level: 2,
    title: 'Most of what runs is managed by code',
    threshold: `the latest live scan in the window: at least ${percent(THRESHOLDS.coverage)} of observed resources are managed by a state`,
  } as const;
  const live = evidence.scans.filter((scan) => scan.coverage !== null && inWindow(evidence, scan.startedAt));
  const latest = live[live.length - 1];
  if (latest === undefined) {
    return {
      ...base,
      status: 'not-assessed',
      evidence: `no live scan in the last ${evidence.window.text}: coverage needs the observed layer (a plan-only scan cannot see unmanaged resources)`,
      measurements: { liveScans: 0, coverage: null },
      nextStep:
        'scan the live infrastructure as well: `driftwarden scan --aws` (or aws: accounts and regions per environment in driftwarden.yaml)',
    };
  }
  const coverage = latest.coverage!;
  const mean = live.reduce((sum, scan) => sum + scan.coverage!, 0) / live.length;
  const met = coverage >= THRESHOLDS.coverage;
  return {
    ...base,
    status: met ? 'met' : 'unmet',
    evidence: `latest live scan (${latest.startedAt}): ${percent(coverage)} of observed resources are managed${latest.unmanaged !== null ? `, ${latest.unmanaged} unmanaged` : ''}; mean ${percent(mean)} over ${live.length} live scan(s) in the last ${evidence.window.text}`,
    measurements: {
      liveScans: live.length,
      coverage,
      meanCoverage: mean,
      unmanaged: latest.unmanaged,
      scanId: latest.id,
    },
    ...(met
      ? {}
      : {
          nextStep: `bring the ${latest.unmanaged !== null ? `${latest.unmanaged} ` : ''}unmanaged resource(s) under Terraform (\`terraform import\` or import blocks) or delete them, until coverage is at least ${percent(THRESHOLDS.coverage)}`,
        }),
  };
}

/** Scans closer together than THRESHOLDS.runMergeMs are one run; returns run start times in ms. */
export function scanRuns(scans: ReadonlyArray<ScanEvidence>): number[] {
  const runs: number[] = [];
  let last: number | undefined;
  for (const time of scans.map((scan) => Date.parse(scan.startedAt)).sort((a, b) => a - b)) {
    if (last === undefined || time - last >= THRESHOLDS.runMergeMs) runs.push(time);
    last = time;
  }
  return runs;
}

interface Cadence {
  readonly runs: number;
  readonly medianGapMs: number | null;
  readonly longestGapMs: number | null;
}

export function cadence(evidence: MaturityEvidence): Cadence {
  const runs = scanRuns(evidence.scans.filter((scan) => inWindow(evidence, scan.startedAt)));
  const gaps = runs.slice(1).map((time, i) => time - runs[i]!);
  if (gaps.length === 0) return { runs: runs.length, medianGapMs: null, longestGapMs: null };
  return { runs: runs.length, medianGapMs: median(gaps), longestGapMs: Math.max(...gaps) };
}

export function scanSchedule(evidence: MaturityEvidence): CriterionResult {
  const base = {
    id: 'scan-schedule',
    level: 2,
    title: 'Scans run on a schedule',
    threshold: `at least ${THRESHOLDS.minRuns} scan runs in the window (scans less than ${humanDuration(THRESHOLDS.runMergeMs)} apart are one run), the longest gap at most ${THRESHOLDS.maxGapPerMedian}x the median gap, the median gap at most ${humanDuration(THRESHOLDS.maxMedianGapMs)}`,
  } as const;
  if (evidence.scans.length === 0) {
    return {
      ...base,
      status: 'not-assessed',
      evidence: `no scan is recorded in ${evidence.store}`,
      measurements: { runs: 0, medianGapMs: null, longestGapMs: null },
      nextStep: SCAN_STEP,
    };
  }
  const { runs, medianGapMs, longestGapMs } = cadence(evidence);
  const measurements = { runs, medianGapMs, longestGapMs };
  if (medianGapMs === null || longestGapMs === null || runs < THRESHOLDS.minRuns) {
    return {
      ...base,
      status: 'unmet',
      evidence: `${runs} scan run(s) in the last ${evidence.window.text}: too few to show a schedule`,
      measurements,
      nextStep: SCAN_STEP,
    };
  }
  const regular = longestGapMs <= THRESHOLDS.maxGapPerMedian * medianGapMs;
  const frequent = medianGapMs <= THRESHOLDS.maxMedianGapMs;
  const said = `${runs} scan runs in the last ${evidence.window.text}, typically every ${humanDuration(medianGapMs)} (median), longest gap ${humanDuration(longestGapMs)}`;
  if (regular && frequent) return { ...base, status: 'met', evidence: said, measurements };
  const why = !regular
    ? 'irregular: the longest gap is more than 3x the usual interval'
    : `too rare: more than ${humanDuration(THRESHOLDS.maxMedianGapMs)} between runs`;
  return { ...base, status: 'unmet', evidence: `${said}: ${why}`, measurements, nextStep: SCAN_STEP };
}

export function scanRecency(evidence: MaturityEvidence): CriterionResult {
  const { medianGapMs } = cadence(evidence);
  const limitMs =
    medianGapMs === null
      ? THRESHOLDS.defaultRecencyMs
      : Math.min(
          THRESHOLDS.maxMedianGapMs,
          Math.max(THRESHOLDS.minRecencyMs, THRESHOLDS.recencyPerMedian * medianGapMs),
        );
  const base = {
    id: 'scan-recency',
    level: 2,
    title: 'The last scan is recent',
    threshold: `the last scan is at most ${humanDuration(limitMs)} old (twice the usual interval, between 1h and 7d; 1d when there is no usual interval)`,
  } as const;
  const last = evidence.scans[evidence.scans.length - 1];
  if (last === undefined) {
    return {
      ...base,
      status: 'not-assessed',
      evidence: `no scan is recorded in ${evidence.store}`,
      measurements: { lastScanAt: null, ageMs: null, limitMs },
      nextStep: SCAN_STEP,
    };
  }
  const ageMs = Math.max(0, Date.parse(evidence.now) - Date.parse(last.startedAt));
  const met = ageMs <= limitMs;
  return {
    ...base,
    status: met ? 'met' : 'unmet',
    evidence: `the last scan started ${humanDuration(ageMs)} ago (${last.startedAt})`,
    measurements: { lastScanAt: last.startedAt, ageMs, limitMs },
    ...(met ? {} : { nextStep: `scans stopped: check the scheduled job, then ${SCAN_STEP}` }),
  };
}

export function timeToRevert(evidence: MaturityEvidence): CriterionResult {
  const base = {
    id: 'time-to-revert',
    level: 3,
    title: 'Drift is reverted quickly',
    threshold: `drift resolved in the window took at most ${humanDuration(THRESHOLDS.meanTimeToRevertMs)} on average from first seen to reverted, and no drift has been open longer than ${humanDuration(THRESHOLDS.staleOpenDriftMs)}`,
  } as const;
  const nowMs = Date.parse(evidence.now);
  const reverted = evidence.episodes.filter((e) => e.resolvedAt !== undefined && inWindow(evidence, e.resolvedAt));
  const stillOpen = evidence.episodes.filter((e) => e.resolvedAt === undefined);
  const stale = stillOpen.filter((e) => nowMs - Date.parse(e.openedAt) > THRESHOLDS.staleOpenDriftMs);
  const durations = reverted.map((e) => Date.parse(e.resolvedAt!) - Date.parse(e.openedAt));
  const meanMs = durations.length > 0 ? durations.reduce((a, b) => a + b, 0) / durations.length : null;
  const byAction = reverted.filter((e) => e.resolvedBy === 'action').length;
  const measurements = {
    reverted: reverted.length,
    revertedByAction: byAction,
    meanTimeToRevertMs: meanMs,
    medianTimeToRevertMs: durations.length > 0 ? median(durations) : null,
    open: stillOpen.length,
    openLongerThanLimit: stale.length,
    actionsApplied: evidence.actionsApplied,
  };
  const openText = `${stillOpen.length} drift(s) still open, ${stale.length} of them for more than ${humanDuration(THRESHOLDS.staleOpenDriftMs)}`;
  if (meanMs === null) {
    if (stillOpen.length === 0) {
      return {
        ...base,
        status: 'not-assessed',
        evidence: `no drift was seen or reverted in the last ${evidence.window.text}: there is nothing to measure`,
        measurements,
        nextStep: 'keep scanning; the time to revert is measured once drift has been seen and reverted',
      };
    }
    return {
      ...base,
      status: 'unmet',
      evidence: `no drift was reverted in the last ${evidence.window.text}; ${openText}`,
      measurements,
      nextStep:
        'revert or codify the open drift: `driftwarden reconcile` plans it, and enforce mode reverts it automatically',
    };
  }
  const met = meanMs <= THRESHOLDS.meanTimeToRevertMs && stale.length === 0;
  return {
    ...base,
    status: met ? 'met' : 'unmet',
    evidence: `${reverted.length} drift(s) reverted in the last ${evidence.window.text} (${byAction} by a reconcile action), mean ${humanDuration(meanMs)} from first seen to reverted; ${openText}`,
    measurements,
    ...(met
      ? {}
      : {
          nextStep:
            'reconcile drift as soon as it is detected: run `driftwarden reconcile` after each scan, or the controller in enforce mode',
        }),
  };
}
