/**
 * One scan, end to end: read the record (states, plan, code), observe (the plan's refresh, or live
 * AWS), run the engine, and assemble the ScanResult. History is added by the caller (the store).
 *
 * Observation comes from exactly one place per scan:
 *   - a plan (`--plan`): Terraform's own refresh is the observation; no cloud access at all;
 *   - live AWS: when AWS scopes are configured (driftwarden.yaml `aws:`) or asked for (--region,
 *     --account, --aws); the record is the states.
 */
import { randomUUID } from 'node:crypto';
import type { ApplyImpact, Finding } from '../model/finding.js';
import { DriftwardenError } from '../model/errors.js';
import type { Resource, Snapshot } from '../model/resource.js';
import { SCHEMA_VERSION, type AttributionSourceStatus, type ScanResult } from '../model/scan-result.js';
import { detectDrift } from '../engine/engine.js';
import { liveAddress, stripStateLabel } from '../model/address.js';
import type { IgnoreMatcher } from '../engine/suppress.js';
import { loadRecorded, type StateInput } from '../sources/terraform/index.js';
import type { DriftwardenConfig } from '../config/schema.js';
import { DEFAULT_READ_LIMITS } from '../sources/terraform/limits.js';
import { createIgnoreMatcher, loadIgnoreFile, type IgnoreRule } from '../config/ignore.js';
import { liveSemantics } from '../observers/catalogue.js';
import type { DeepRule, ObserveProgress } from '../observers/aws/observe.js';
import { observeLive, type Facts, type LiveContext, type LiveObservation } from './live.js';
import type { OrganizationSpec } from '../observers/aws/member-role.js';
import type { AwsAccountSpec } from '../observers/aws/client.js';
import { analyzeScan } from '../analysis/index.js';
import { toolVersion } from '../model/tool.js';
import { mergeCounts } from './counts.js';

/** Where attribution looks for who made each change; absent: no attribution. */
export interface AttributionOptions {
  readonly trailBucket?: string;
  readonly trailPrefix?: string;
  readonly trailBucketRegion?: string;
  readonly days: number;
  readonly lookupEvents: boolean;
  readonly pipelinePrincipals: ReadonlyArray<string>;
}

export interface LiveAwsOptions {
  readonly attribution?: AttributionOptions;
  readonly regions: ReadonlyArray<string>;
  readonly accounts: ReadonlyArray<AwsAccountSpec>;
  readonly types?: ReadonlyArray<string>;
  readonly tagFilters?: Readonly<Record<string, string>>;
  readonly concurrency?: number;
  /** Where per-resource attributes are read (`--deep`, `aws.deep`); none by default. */
  readonly deep?: ReadonlyArray<DeepRule>;
  /** Also every ACTIVE account of this AWS Organization (`aws.organization`), listed per scan. */
  readonly organization?: OrganizationSpec;
  /** Deadline of one AWS call, retries included. */
  readonly callTimeoutMs?: number;
  /** Deadline of the whole observation: scopes not observed by then are unchecked. */
  readonly scanTimeoutMs?: number;
}

/** Live vSphere observation (src/observers/vsphere). The password never leaves this object. */
export interface LiveVsphereOptions {
  readonly server: string;
  readonly user: string;
  readonly password: string;
  readonly insecure: boolean;
  readonly caFile?: string;
  readonly timeoutMs?: number;
  readonly datacenters?: ReadonlyArray<string>;
  readonly types?: ReadonlyArray<string>;
}

export interface ScanOptions {
  readonly config?: DriftwardenConfig;
  /** States from the command line, added to the config's. */
  readonly states: ReadonlyArray<StateInput>;
  readonly plan?: string;
  readonly planEnvironment?: string;
  readonly codeDir?: string;
  readonly ignoreFiles: ReadonlyArray<string>;
  /** Only these environments of the config (default: all). */
  readonly environments?: ReadonlyArray<string>;
  readonly aws?: LiveAwsOptions;
  readonly vsphere?: LiveVsphereOptions;
  readonly strict: boolean;
  /** Receives the observed snapshot (codify writes unmanaged resources from it). */
  readonly onObserved?: (observed: Snapshot) => void;
  /** Aborting it ends the observation at once (the controller's SIGTERM): unfinished scopes are unchecked. */
  readonly signal?: AbortSignal;
  /** The scan's id (default: a new random one); a scan spread over workers takes its run's. */
  readonly scanId?: string;
  /** Observes instead of this process (a scan spread over workers: src/scan/distributed). */
  readonly observer?: LiveObserver;
}

/**
 * Another way to observe live: the same observation, made elsewhere (workers). It gets what the
 * local observation gets (the record's accounts and resources, the stop signal), so both see alike.
 */
export interface LiveObserver {
  observe(options: ScanOptions, progress: ObserveProgress, context: LiveContext): Promise<LiveObservation>;
}

/** The states to read: the config's (per selected environment) and the command line's. */
export function stateInputs(options: ScanOptions): StateInput[] {
  const inputs: StateInput[] = [];
  const configured = Object.values(options.config?.environments ?? {}).filter(
    (env) => !options.environments || options.environments.includes(env.name),
  );
  // A state's label is its name where names are unique across environments, else `<env>-<name>`.
  const names = configured.flatMap((env) => env.states.map((state) => state.name));
  const unique = new Set(names).size === names.length;
  for (const env of configured) {
    for (const state of env.states) {
      inputs.push({
        location: state.location,
        label: unique ? labelSafe(state.name) : labelSafe(`${env.name}-${state.name}`),
        environment: env.name,
        ...(state.workspace !== undefined ? { workspace: state.workspace } : {}),
      });
    }
  }
  return [...inputs, ...options.states];
}

/**
 * Findings on an observed resource carry the facts the observer reported: for an unmanaged one (a
 * leftover snapshot's age and size, an orphaned disk's size) as data for cost models and as one
 * plain reason line for people; for a changed one (a VM's power state and hot-add flags) as data
 * the revert plan reads. Observed resources are keyed by their live address (`<type>.<id>`).
 */
function withFacts(findings: ReadonlyArray<Finding>, facts: ReadonlyMap<string, Facts>): Finding[] {
  if (facts.size === 0) return [...findings];
  return findings.map((finding) => {
    if (finding.kind === 'missing') return finding;
    const live =
      finding.resource.id !== undefined ? liveAddress(finding.resource.type, finding.resource.id) : undefined;
    const f = facts.get(finding.resource.address) ?? (live !== undefined ? facts.get(live) : undefined);
    if (!f) return finding;
    if (finding.kind !== 'unmanaged') return { ...finding, facts: f };
    const line = Object.entries(f)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
    return { ...finding, facts: f, reasons: [...finding.reasons, line] };
  });
}

function labelSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

function ignoreMatcher(options: ScanOptions): IgnoreMatcher {
  const rules: IgnoreRule[] = [...(options.config?.ignoreRules ?? [])];
  for (const file of options.ignoreFiles) rules.push(...loadIgnoreFile(file));
  const matcher = createIgnoreMatcher(rules);
  const origin = (rule: IgnoreRule) => `${rule.source.file}:${rule.source.line}`;
  // A rule written with a state label (`network/aws_vpc.main`) concerns that state; a rule written
  // without one concerns the address in every state.
  const first = <T>(address: string, ask: (a: string) => T | undefined): T | undefined =>
    ask(address) ?? (stripStateLabel(address) !== address ? ask(stripStateLabel(address)) : undefined);
  return {
    ignoresResource: (address, type) => {
      const rule = first(address, (a) => matcher.ignoresResource(a, type));
      return rule ? { rule: rule.text, origin: origin(rule) } : undefined;
    },
    ignoresPath: (address, path) => {
      const rule = first(address, (a) => matcher.ignoresPath(a, path));
      return rule ? { rule: rule.text, origin: origin(rule) } : undefined;
    },
  };
}

/**
 * Why a recorded resource is outside the slice being observed (--type, --region, --account,
 * --tag), or undefined when it is inside. A resource outside was not looked for: it must be neither
 * missing nor unchecked, and it is counted as not covered with this reason, never dropped.
 * Resources whose region or account the record does not tell stay in.
 */
export function outsideSlice(aws: LiveAwsOptions): (resource: Resource) => string | undefined {
  const accounts = aws.accounts.map((a) => a.account).filter((a): a is string => a !== undefined);
  const tags = Object.entries(aws.tagFilters ?? {});
  // Accounts narrow the slice only when every observed account is named by id.
  // An organization's members are listed per scan: they never narrow the slice.
  const allNamed = aws.organization === undefined && aws.accounts.length > 0 && accounts.length === aws.accounts.length;
  return (r) => {
    // A type Driftwarden cannot observe is "no observer", whatever the slice.
    if (!liveSemantics(r.type)) return undefined;
    if (aws.types && aws.types.length > 0 && !aws.types.includes(r.type))
      return `its type was not part of this scan (--type ${aws.types.join(', ')})`;
    if (r.region !== undefined && r.region !== 'global' && !aws.regions.includes(r.region))
      return `region ${r.region} was not observed in this scan (add it with --region, or to aws.regions in driftwarden.yaml)`;
    if (r.account !== undefined && allNamed && !accounts.includes(r.account))
      return `account ${r.account} was not observed in this scan (add it with --account, or to aws.accounts in driftwarden.yaml)`;
    if (tags.length > 0) {
      const attrs = r.attributes;
      const own = (attrs['tags_all'] ?? attrs['tags'] ?? {}) as Record<string, unknown>;
      if (!tags.every(([key, value]) => own[key] === value))
        return `its recorded tags do not match --tag ${tags.map(([k, v]) => `${k}=${v}`).join(', ')}`;
    }
    return undefined;
  };
}

/**
 * Why a recorded resource of an observable type was outside this live scan: its platform was not
 * observed at all, or it is outside the platform's slice. Types no catalogue knows are left to the
 * engine, which calls them "no observer".
 */
function outsideLiveScan(options: ScanOptions): (resource: Resource) => string | undefined {
  const aws = options.aws ? outsideSlice(options.aws) : undefined;
  const vsphereTypes = options.vsphere?.types;
  return (r) => {
    if (!liveSemantics(r.type)) return undefined;
    if (r.type.startsWith('vsphere_')) {
      if (!options.vsphere) return 'vSphere was not observed in this scan (--vsphere, or vsphere: in driftwarden.yaml)';
      if (vsphereTypes && vsphereTypes.length > 0 && !vsphereTypes.includes(r.type))
        return `its type was not part of this scan (--type ${vsphereTypes.join(', ')})`;
      return undefined;
    }
    if (!aws) return 'AWS was not observed in this scan (--region, --aws, or aws: in driftwarden.yaml)';
    return aws(r);
  };
}

/** The accounts the record's ARNs name: what an observation whose identity could not be read was meant to see. */
export function recordedAccounts(recorded: Snapshot): string[] {
  const accounts = new Set<string>();
  for (const r of recorded.resources)
    if (r.account !== undefined && /^\d{12}$/.test(r.account)) accounts.add(r.account);
  return [...accounts].sort();
}

export async function runScan(options: ScanOptions, progress: ObserveProgress): Promise<ScanResult> {
  const startedAt = new Date().toISOString();
  const states = stateInputs(options);
  if (options.plan !== undefined && (options.aws !== undefined || options.vsphere !== undefined)) {
    throw new DriftwardenError('usage', 'a scan observes either through a plan (--plan) or live AWS, not both', {
      nextStep: 'drop --plan to observe AWS live, or drop the AWS options to scan the plan alone',
    });
  }
  if (options.plan !== undefined && states.length > 0) {
    throw new DriftwardenError('usage', 'a plan carries its own record: --plan cannot be combined with states', {
      nextStep: 'scan the plan alone, or the states with live AWS observation',
    });
  }
  if (options.plan === undefined && options.aws === undefined && options.vsphere === undefined) {
    throw new DriftwardenError(
      'usage',
      states.length === 0 ? 'nothing to scan' : 'nothing to compare the states with',
      {
        nextStep:
          'pass --plan FILE (from `terraform show -json`), or --state with AWS observation (--region, or `aws:` in driftwarden.yaml)',
      },
    );
  }
  const ignore = ignoreMatcher(options);

  const task = 'terraform sources';
  progress.start(task, states.length + (options.plan ? 1 : 0));
  const sources = await loadRecorded({
    states,
    // Not schema.ts's readLimits: that module loads zod, which a scan without a config never needs.
    read: { limits: options.config?.limits ?? DEFAULT_READ_LIMITS },
    ...(options.plan !== undefined ? { plan: options.plan } : {}),
    ...(options.planEnvironment !== undefined ? { planEnvironment: options.planEnvironment } : {}),
    ...(options.codeDir !== undefined ? { codeDir: options.codeDir } : {}),
  });
  progress.advance(task, states.length + (options.plan ? 1 : 0));
  progress.finish(task);

  let recorded: Snapshot = sources.recorded;
  let observed: Snapshot;
  let apiCalls: Record<string, number> | undefined;
  let impacts: ReadonlyMap<string, ApplyImpact> = sources.impacts;
  let expectedUnmanaged: ReadonlyMap<string, string> | undefined;
  let facts: ReadonlyMap<string, Facts> = new Map();
  let outsideScan: ((resource: Resource) => string | undefined) | undefined;
  let scanId = options.scanId;
  if (sources.observedFromPlan) {
    recorded = sources.planRecorded ?? recorded;
    observed = sources.observedFromPlan;
  } else {
    const context: LiveContext = {
      recordedAccounts: recordedAccounts(recorded),
      recorded: recorded.resources,
      ...(options.signal ? { signal: options.signal } : {}),
    };
    const live = options.observer
      ? await options.observer.observe(options, progress, context)
      : await observeLive(options.aws, options.vsphere, options.config, progress, context);
    observed = live.snapshot;
    apiCalls = live.apiCalls;
    impacts = new Map();
    expectedUnmanaged = live.expectedUnmanaged;
    facts = live.facts;
    outsideScan = outsideLiveScan(options);
    scanId = live.scanId ?? scanId;
    // Values the observer could only keep as digests (secrets, on their way through the store).
    if (live.prepareRecorded) recorded = { ...recorded, resources: recorded.resources.map(live.prepareRecorded) };
  }

  options.onObserved?.(observed);
  let output = detectDrift({
    recorded,
    observed,
    semantics: liveSemantics,
    ignore,
    ignoreChanges: sources.ignoreChanges,
    impacts,
    strict: options.strict,
    ...(expectedUnmanaged ? { expectedUnmanaged } : {}),
    ...(outsideScan ? { outsideScan } : {}),
  });
  // Cascades, blast radius and the graph span every state read.
  const analysis = analyzeScan({
    findings: output.findings,
    recorded,
    observed,
    config: options.config,
    impacts,
  });
  output = { ...output, findings: withFacts(analysis.findings, facts) };
  let attributionSources: AttributionSourceStatus[] | undefined;
  if (options.aws?.attribution && output.findings.length > 0) {
    // Attribution reads CloudTrail through the S3 and CloudTrail SDKs: loaded only when it runs.
    const { attributeFindings } = await import('./attribution.js');
    const attributed = await attributeFindings(output.findings, options.aws.attribution, progress);
    output = { ...output, findings: attributed.findings };
    attributionSources = attributed.sources;
    apiCalls = mergeCounts(apiCalls ?? {}, attributed.apiCalls);
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    scan: {
      id: scanId ?? randomUUID(),
      startedAt,
      finishedAt: new Date().toISOString(),
      complete: observed.incompleteScopes.length === 0,
      incompleteScopes: observed.incompleteScopes,
      sources: sources.sources,
      ...(apiCalls ? { apiCalls } : {}),
      tool: { name: 'driftwarden', version: toolVersion() },
      ...(attributionSources ? { attributionSources } : {}),
      ...(sources.modulesNotRead.length > 0 ? { modulesNotRead: sources.modulesNotRead } : {}),
    },
    summary: output.summary,
    accounting: output.accounting,
    findings: output.findings,
    suppressions: output.suppressions,
    graph: analysis.graph,
  };
}
