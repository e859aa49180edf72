/**
 * Which environments to compare and their tiers. An environment is given as `PATH` (named after
 * its folder) or `NAME=PATH`. The tier comes from driftwarden.yaml when the config has an
 * environment of that name; otherwise from the name (prod/production/prd -> production,
 * staging/stage/stg/preprod -> staging, shared -> shared), else development.
 */
import { basename, resolve } from 'node:path';
import type { DriftwardenConfig, Tier } from '../config/schema.js';
import { DriftwardenError } from '../model/errors.js';
import type { TierSource } from '../model/versions.js';

export interface EnvironmentSpec {
  readonly name: string;
  /** Absolute. */
  readonly path: string;
}

const NAMED = /^([A-Za-z0-9_.-]+)=(.+)$/;

export function parseEnvironmentSpecs(args: ReadonlyArray<string>, cwd = process.cwd()): EnvironmentSpec[] {
  if (args.length === 0) {
    throw new DriftwardenError('usage', 'no environments to compare', {
      nextStep:
        'give one Terraform root directory per environment: `driftwarden versions live/dev live/staging live/prod` (or NAME=PATH)',
    });
  }
  const specs: EnvironmentSpec[] = [];
  for (const arg of args) {
    const match = NAMED.exec(arg);
    const path = resolve(cwd, match ? match[2]! : arg);
    const name = match ? match[1]! : basename(path);
    const clash = specs.find((spec) => spec.name === name);
    if (clash) {
      throw new DriftwardenError('usage', `two environments are named "${name}" (${clash.path} and ${path})`, {
        key: arg,
        nextStep: 'name them explicitly: NAME=PATH',
      });
    }
    specs.push({ name, path });
  }
  return specs;
}

export function resolveTier(name: string, config: DriftwardenConfig | undefined): { tier: Tier; source: TierSource } {
  const configured = config?.environments[name];
  if (configured) return { tier: configured.tier, source: 'config' };
  const words = name.toLowerCase().split(/[^a-z0-9]+/);
  const has = (...candidates: string[]) => words.some((word) => candidates.includes(word));
  // Staging first: "preprod" and "pre-prod" are staging, not production.
  if (has('staging', 'stage', 'stg', 'preprod', 'uat') || /pre-?prod/.test(name.toLowerCase()))
    return { tier: 'staging', source: 'name' };
  if (has('prod', 'production', 'prd', 'live')) return { tier: 'production', source: 'name' };
  if (has('shared')) return { tier: 'shared', source: 'name' };
  if (has('dev', 'development', 'test', 'sandbox', 'qa')) return { tier: 'development', source: 'name' };
  return { tier: 'development', source: 'default' };
}
