/**
 * The clock of audit entries and break-glass sessions. Production reads the system time; tests
 * (and only tests) set DRIFTWARDEN_NOW to an ISO 8601 instant so that expiry can be proven
 * without waiting: every command run with it sees that fixed time.
 */
import { DriftwardenError } from '../model/errors.js';

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export const NOW_ENV = 'DRIFTWARDEN_NOW';

export function clockFromEnv(env: NodeJS.ProcessEnv): Clock {
  const fixed = env[NOW_ENV];
  if (fixed === undefined || fixed === '') return systemClock;
  const time = new Date(fixed);
  if (Number.isNaN(time.getTime())) {
    throw new DriftwardenError('usage', `${NOW_ENV} is not an ISO 8601 time: "${fixed}"`, {
      key: NOW_ENV,
      nextStep: `unset ${NOW_ENV} (it exists for tests), or set it like 2025-01-31T12:00:00Z`,
    });
  }
  return () => new Date(time.getTime());
}
