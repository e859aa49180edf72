/**
 * Break-glass durations and their cap. The cap comes from `breakglass.max_ttl` in driftwarden.yaml
 * (per tier, with `default`; 24h without a config). A session limited to one environment is capped
 * by that environment's tier; a session over every environment by the STRICTEST tier configured,
 * because it covers production too.
 */
import { DEFAULT_BREAKGLASS_TTL_MS, maxBreakglassTtlMs } from '../../config/breakglass-limits.js';
import { DURATION, parseDuration } from '../../config/duration.js';
import type { DriftwardenConfig, Tier } from '../../config/schema.js';
import { DriftwardenError } from '../../model/errors.js';

export function parseTtl(text: string): number {
  const trimmed = text.trim();
  const ms = DURATION.test(trimmed) ? parseDuration(trimmed) : 0;
  if (!DURATION.test(trimmed) || ms <= 0) {
    throw new DriftwardenError('usage', `invalid duration "${text}" for --ttl`, {
      key: '--ttl',
      nextStep: 'write a positive duration made of d, h, m, s parts, such as 30m, 4h or 1d12h',
    });
  }
  return ms;
}

/** `5400000` -> `1h30m`: the shortest spelling parseTtl reads back to the same value. */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms / 1000);
  let out = '';
  for (const [unit, seconds] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const count = Math.floor(rest / seconds);
    if (count > 0) out += `${count}${unit}`;
    rest -= count * seconds;
  }
  return out || '0s';
}

export interface TtlCap {
  readonly maxMs: number;
  /** The tier whose limit applies, or `default` without a config. */
  readonly tier: Tier | 'default';
  /** The environment that imposes it (for a session over every environment, the strictest one). */
  readonly environment?: string;
}

export function ttlCap(config: DriftwardenConfig | undefined, environment: string | undefined): TtlCap {
  if (config === undefined) return { maxMs: DEFAULT_BREAKGLASS_TTL_MS, tier: 'default' };
  const candidates =
    environment !== undefined ? [config.environments[environment]!] : Object.values(config.environments);
  let cap: TtlCap | undefined;
  for (const env of candidates) {
    const maxMs = maxBreakglassTtlMs(config, env.tier);
    if (cap === undefined || maxMs < cap.maxMs) cap = { maxMs, tier: env.tier, environment: env.name };
  }
  return cap ?? { maxMs: config.breakglass.maxTtlMs.default, tier: 'default' };
}

export function checkTtl(ttlMs: number, cap: TtlCap, config: DriftwardenConfig | undefined): void {
  if (ttlMs <= cap.maxMs) return;
  const where = cap.environment !== undefined ? ` (environment ${cap.environment})` : '';
  throw new DriftwardenError(
    'usage',
    `--ttl ${formatDuration(ttlMs)} is above the break-glass limit of ${formatDuration(cap.maxMs)} for tier ${cap.tier}${where}`,
    {
      key: '--ttl',
      nextStep: `ask for at most ${formatDuration(cap.maxMs)}${
        config
          ? `, or raise breakglass.max_ttl.${cap.tier} in ${config.file}`
          : ', or set breakglass.max_ttl in driftwarden.yaml'
      }`,
    },
  );
}
