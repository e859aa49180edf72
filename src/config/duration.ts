/**
 * Durations written as d/h/m/s parts (`30m`, `4h`, `1d12h`). Apart from schema.ts so that the CLI's
 * flag declarations can use them without loading the schema validator.
 */
export const DURATION = /^(?:\d+[smhd])+$/;
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds in a duration; 0 for text that has no d/h/m/s part (check DURATION first). */
export function parseDuration(text: string): number {
  let total = 0;
  for (const m of text.matchAll(/(\d+)([smhd])/g)) total += Number(m[1]) * UNIT_MS[m[2]!]!;
  return total;
}
