/**
 * Break-glass limits from the configuration. Apart from schema.ts so that a scan (which expires
 * sessions) does not load the schema validator.
 */
import type { DriftwardenConfig, Tier } from './schema.js';

export const DEFAULT_BREAKGLASS_TTL_MS = 24 * 3_600_000;

/** Break-glass limit for a tier: its own entry, else the default. */
export function maxBreakglassTtlMs(config: DriftwardenConfig, tier: Tier): number {
  return config.breakglass.maxTtlMs[tier] ?? config.breakglass.maxTtlMs.default;
}
