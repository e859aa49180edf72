import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leaseTtlMs, tickMs } from './scheduler.js';

test('a standby takes over within one interval: lease time-to-live plus one tick never exceeds the interval', () => {
  for (const interval of [1_000, 2_000, 3_000, 30_000, 60_000, 15 * 60_000, 24 * 3600_000]) {
    assert.ok(leaseTtlMs(interval) + tickMs(interval) <= interval, `interval ${interval} ms`);
    assert.ok(leaseTtlMs(interval) >= 3 * tickMs(interval), 'the leader renews at least twice before its lease ends');
  }
});
