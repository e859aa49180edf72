import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bounded, scanSignal, ScanStoppedError } from './deadline.js';

const never = () => new Promise<never>(() => undefined);

test('a call that never settles rejects at its deadline with CallDeadlineExceeded, and its signal is aborted', async () => {
  let seen: AbortSignal | undefined;
  const started = Date.now();
  await assert.rejects(
    bounded({ callTimeoutMs: 50 }, (signal) => {
      seen = signal;
      return never();
    }),
    { name: 'CallDeadlineExceeded' },
  );
  assert.ok(Date.now() - started < 1_000);
  assert.equal(seen?.aborted, true, 'the SDK is told to abort the request');
});

test('the scan signal ends a call at once with its reason, and a call after it never starts', async () => {
  const stop = new AbortController();
  const pending = bounded({ callTimeoutMs: 60_000, signal: stop.signal }, never);
  stop.abort(new ScanStoppedError());
  await assert.rejects(pending, { name: 'ScanStopped' });
  let started = false;
  await assert.rejects(
    bounded({ callTimeoutMs: 60_000, signal: stop.signal }, () => {
      started = true;
      return Promise.resolve(1);
    }),
    { name: 'ScanStopped' },
  );
  assert.equal(started, false);
});

test('the scan deadline aborts with ScanDeadlineExceeded; a parent stop is forwarded', async () => {
  const deadline = scanSignal(30);
  await assert.rejects(bounded({ callTimeoutMs: 60_000, signal: deadline.signal }, never), {
    name: 'ScanDeadlineExceeded',
  });
  deadline.dispose();
  const parent = new AbortController();
  const child = scanSignal(60_000, parent.signal);
  parent.abort(new ScanStoppedError());
  assert.equal((child.signal.reason as Error).name, 'ScanStopped');
  child.dispose();
});

test('a call that answers in time returns its value', async () => {
  assert.equal(await bounded({ callTimeoutMs: 1_000 }, () => Promise.resolve(42)), 42);
});
