/**
 * The recorded layer in one call, as the CLI needs it:
 *
 *   const sources = await loadRecorded({
 *     states: [{ location: 's3://tf-state/net/terraform.tfstate', workspace: 'staging', environment: 'staging' }],
 *     plan: 'plan.json',          // optional: `terraform show -json plan.out`
 *     codeDir: './infra',         // optional: ignore_changes and provider blocks
 *   });
 *
 * Order: the code first (its provider blocks place state resources that carry no ARN), then every
 * state concurrently, then the plan. Any failure is a DriftwardenError naming its file or location.
 */
import type { ApplyImpact } from '../../model/finding.js';
import type { Resource, Snapshot } from '../../model/resource.js';
import { readStateText, type ReadOptions } from './locations.js';
import { deriveLabels, mergeStates } from './merge.js';
import { parsePlan, type PlanMove } from './plan.js';
import { providerLookup, type ProviderConfig } from './providers.js';
import { readTerraformCode, type ModuleNotRead } from './hcl.js';
import { parseState } from './state.js';

export { configAddressOf, stripStateLabel } from './address.js';
export type { ProviderConfig } from './providers.js';
export type { ModuleNotRead } from './hcl.js';

export interface StateInput {
  /** Local path, `s3://bucket/key` or `http(s)://...` (see locations.ts). */
  readonly location: string;
  /** Prefix for this state's addresses when several states are scanned; derived when absent. */
  readonly label?: string;
  /** Environment name for its resources; `default` when absent. */
  readonly environment?: string;
  /** S3 backend workspace and key prefix (`env:` by default). */
  readonly workspace?: string;
  readonly workspaceKeyPrefix?: string;
}

export interface LoadRecordedOptions {
  readonly states: ReadonlyArray<StateInput>;
  /** Plan JSON file (local path or URL, read like a state). */
  readonly plan?: string;
  /** Environment for the plan's resources; `default` when absent. */
  readonly planEnvironment?: string;
  /** Root module directory of the Terraform code. */
  readonly codeDir?: string;
  /** Passed to the location readers (an S3 client for tests or custom configuration). */
  readonly read?: ReadOptions;
}

export interface RecordedSources {
  /** The merged states; when only a plan is given, the plan's pre-refresh record. */
  readonly recorded: Snapshot;
  /** The plan's refreshed state (layer observed, covers the record by identity), to diff against `planRecorded`. */
  readonly observedFromPlan?: Snapshot;
  /** The plan's pre-refresh record (equals `recorded` when no state is given). */
  readonly planRecorded?: Snapshot;
  /** `moved` blocks the plan applied on refresh: not drift. */
  readonly moves: ReadonlyArray<PlanMove>;
  /** Next-apply impact per plan address (unprefixed: plan addresses carry no state label). */
  readonly impacts: Map<string, ApplyImpact>;
  /**
   * ignore_changes per configuration address (no state label, no instance keys): match a resource
   * with `ignoreChanges.get(configAddressOf(resource.address))`.
   */
  readonly ignoreChanges: Map<string, string[]>;
  readonly providers: ReadonlyArray<ProviderConfig>;
  /** State locations (credentials stripped), plan file and .tf files read. */
  readonly sources: ReadonlyArray<string>;
  /** The label of each state, in input order (used as `label:` address prefix when there are several). */
  readonly labels: ReadonlyArray<string>;
  /** Local modules of the code that could not be read (their ignore_changes are unknown). */
  readonly modulesNotRead: ReadonlyArray<ModuleNotRead>;
}

export async function loadRecorded(options: LoadRecordedOptions): Promise<RecordedSources> {
  const code = options.codeDir === undefined ? undefined : await readTerraformCode(options.codeDir);
  const providers = code?.providers ?? [];
  const lookup = providerLookup(providers);
  const labels = deriveLabels(options.states);

  const states = await Promise.all(
    options.states.map(async (state, i) => {
      const { text, source } = await readStateText(state, options.read);
      const parsed = parseState(text, {
        source,
        providers: lookup,
        ...(state.environment !== undefined ? { environment: state.environment } : {}),
      });
      return { label: labels[i] ?? source, resources: parsed.resources, source };
    }),
  );
  const resources: Resource[] = mergeStates(states);
  const sources = states.map((state) => state.source);

  let plan: ReturnType<typeof parsePlan> | undefined;
  if (options.plan !== undefined) {
    const { text, source } = await readStateText({ location: options.plan }, options.read, 'plan file');
    plan = parsePlan(text, {
      source,
      providers: lookup,
      ...(options.planEnvironment !== undefined ? { environment: options.planEnvironment } : {}),
    });
    sources.push(source);
  }

  const recorded: Snapshot =
    options.states.length === 0 && plan
      ? plan.recorded
      : { layer: 'recorded', resources, completeScopes: [], incompleteScopes: [] };
  return {
    recorded,
    ...(plan ? { observedFromPlan: plan.observed, planRecorded: plan.recorded } : {}),
    moves: plan?.moves ?? [],
    impacts: plan?.impacts ?? new Map(),
    ignoreChanges: code?.ignoreChanges ?? new Map(),
    providers,
    sources: [...sources, ...(code?.files ?? [])],
    labels,
    modulesNotRead: code?.modulesNotRead ?? [],
  };
}
