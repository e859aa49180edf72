/** `--window 30d`: how far back the assessment looks, as a positive d/h/m/s duration. */
import { DURATION, parseDuration } from '../config/duration.js';
import { DriftwardenError } from '../model/errors.js';

export const DEFAULT_WINDOW = '30d';

export function parseWindow(text: string): { readonly text: string; readonly ms: number } {
  const trimmed = text.trim();
  const ms = DURATION.test(trimmed) ? parseDuration(trimmed) : 0;
  if (ms <= 0) {
    throw new DriftwardenError('usage', `invalid duration "${text}" for --window`, {
      key: '--window',
      nextStep: 'write a positive duration made of d, h, m, s parts, such as 30d, 7d or 12h',
    });
  }
  return { text: trimmed, ms };
}
