/**
 * `driftwarden versions` as a function: reads every environment, builds the matrix and the
 * findings, and collects what could not be assessed. An environment path that does not exist is a
 * fatal gap (the command exits 1) but the other environments are still compared.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import type { DriftwardenConfig } from '../config/schema.js';
import { collectEnvironment, type CollectedEntry } from './collect.js';
import { buildMatrix, versionFindings, type EnvironmentPins } from './compare.js';
import { resolveTier, type EnvironmentSpec } from './environments.js';
import {
  VERSIONS_SCHEMA_VERSION,
  type AssessmentGap,
  type VersionEnvironment,
  type VersionReport,
} from '../model/versions.js';

export interface AnalyzeOptions {
  readonly config?: DriftwardenConfig;
  readonly toolVersion: string;
  readonly now?: () => Date;
}

export async function analyzeVersions(
  specs: ReadonlyArray<EnvironmentSpec>,
  options: AnalyzeOptions,
): Promise<VersionReport> {
  const baseDir = commonDirectory(specs.map((spec) => spec.path));
  const pins: EnvironmentPins[] = [];
  const gaps: AssessmentGap[] = [];
  for (const spec of specs) {
    const { tier, source: tierSource } = resolveTier(spec.name, options.config);
    const base = { name: spec.name, path: spec.path, tier, tierSource };
    if (!existsSync(spec.path) || !statSync(spec.path).isDirectory()) {
      gaps.push({
        environment: spec.name,
        scope: 'environment',
        message: `environment ${spec.name}: directory not found: ${spec.path}`,
        file: spec.path,
        nextStep: 'give the Terraform root directory of each environment (the folder with its *.tf files)',
        fatal: true,
      });
      pins.push({
        environment: { ...base, codeAssessed: false, providersAssessed: false },
        entries: new Map<string, CollectedEntry>(),
      });
      continue;
    }
    const collected = await collectEnvironment(spec.name, spec.path, baseDir);
    gaps.push(...collected.gaps);
    const environment: VersionEnvironment = {
      ...base,
      codeAssessed: collected.codeAssessed,
      providersAssessed: collected.providersAssessed,
    };
    pins.push({ environment, entries: collected.entries });
  }
  const environments = pins.map((p) => p.environment);
  const items = buildMatrix(pins);
  return {
    schemaVersion: VERSIONS_SCHEMA_VERSION,
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    tool: { name: 'driftwarden', version: options.toolVersion },
    environments,
    items,
    findings: versionFindings(environments, items),
    gaps: mergeSharedNotes(gaps),
  };
}

/**
 * A computed value inside a shared module is the same note in every environment that calls it:
 * one note naming all of them reads better than one per environment.
 */
function mergeSharedNotes(gaps: ReadonlyArray<AssessmentGap>): AssessmentGap[] {
  const merged: AssessmentGap[] = [];
  const notes = new Map<string, { gap: AssessmentGap; environments: string[] }>();
  for (const gap of gaps) {
    if (gap.scope !== 'expression') {
      merged.push(gap);
      continue;
    }
    const key = `${gap.file ?? ''}\u0000${gap.message}`;
    const seen = notes.get(key);
    if (seen) seen.environments.push(gap.environment);
    else {
      const entry = { gap, environments: [gap.environment] };
      notes.set(key, entry);
      merged.push(gap);
    }
  }
  return merged.map((gap) => {
    const note = gap.scope === 'expression' ? notes.get(`${gap.file ?? ''}\u0000${gap.message}`) : undefined;
    return note && note.gap === gap ? { ...gap, environment: note.environments.join(', ') } : gap;
  });
}

/** The deepest directory containing every environment, so local module paths read `modules/app`. */
export function commonDirectory(paths: ReadonlyArray<string>): string {
  if (paths.length === 0) return process.cwd();
  let common = paths.length === 1 ? dirname(paths[0]!) : paths[0]!;
  for (const path of paths.slice(1)) {
    while (
      common !== dirname(common) &&
      path !== common &&
      !path.startsWith(common.endsWith(sep) ? common : `${common}${sep}`)
    ) {
      common = dirname(common);
    }
  }
  return common;
}
