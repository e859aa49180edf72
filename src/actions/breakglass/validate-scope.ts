/**
 * Does a new session's scope match anything known? A scope that matches nothing is accepted (the
 * resource may be about to be created during the incident) but warned about, because a typo would
 * otherwise leave the real resource unprotected and the session useless.
 *
 * Known addresses: the findings of the latest recorded scan (the store keeps findings, not
 * resources), and the resources of the configuration's LOCAL state files. Remote states (s3://,
 * http(s)://) are not read: opening a session during an incident must not wait on, or fail because
 * of, a backend; the warning says how many were skipped.
 */
import type { DriftwardenConfig } from '../../config/schema.js';
import { loadRecorded } from '../../sources/terraform/index.js';
import type { Store } from '../../store/index.js';
import { scopeCovers, type BreakglassScope } from './scope.js';

export interface ScopeCheck {
  readonly matched: boolean;
  readonly findingsChecked: number;
  readonly resourcesChecked: number;
  readonly remoteStatesSkipped: number;
  /** Local states that could not be read (path and reason), never fatal here. */
  readonly unreadableStates: ReadonlyArray<string>;
}

export async function checkScopeMatches(
  store: Store,
  scope: BreakglassScope,
  config: DriftwardenConfig | undefined,
): Promise<ScopeCheck> {
  const findings = await store.history.latestScanFindings();
  const inFindings = findings.some((f) => scopeCovers(scope, f.address, f.environment, f.type));
  const environments = Object.values(config?.environments ?? {}).filter(
    (env) => scope.environment === undefined || env.name === scope.environment,
  );
  const local = environments
    .flatMap((env) => env.states.map((state) => ({ env: env.name, state })))
    .filter(({ state }) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(state.location));
  const remote = environments.reduce((n, env) => n + env.states.length, 0) - local.length;
  let resourcesChecked = 0;
  const unreadable: string[] = [];
  let inStates = false;
  if (!inFindings) {
    const loaded = await Promise.allSettled(
      local.map(({ env, state }) =>
        loadRecorded({ states: [{ location: state.location, environment: env, label: state.name }] }),
      ),
    );
    loaded.forEach((outcome, i) => {
      if (outcome.status === 'rejected') {
        unreadable.push(
          `${local[i]!.state.location}: ${outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason)}`,
        );
        return;
      }
      for (const resource of outcome.value.recorded.resources) {
        resourcesChecked++;
        if (scopeCovers(scope, resource.address, resource.environment, resource.type)) inStates = true;
      }
    });
  }
  return {
    matched: inFindings || inStates,
    findingsChecked: findings.length,
    resourcesChecked,
    remoteStatesSkipped: remote,
    unreadableStates: unreadable,
  };
}
