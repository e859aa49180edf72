import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEntry } from '../audit/chain.js';
import type { AuditLog } from '../store/index.js';
import { danglingActions } from './recovery.js';

/** An audit log of the given entries (seq order), answering `entries({ actions })` as the store does. */
function logOf(entries: ReadonlyArray<Pick<AuditEntry, 'action' | 'subject' | 'details'>>): AuditLog {
  const all = entries.map((e, i) => ({ seq: i + 1, time: '', actor: 'test', prevHash: '', hash: '', ...e }));
  return {
    entries: ({ actions }: { actions?: ReadonlyArray<string> } = {}) =>
      Promise.resolve(all.filter((e) => !actions || actions.includes(e.action))),
  } as unknown as AuditLog;
}

const planned = (key: string, subject = 'aws_autoscaling_group.app') => ({
  action: 'action.planned',
  subject,
  details: { key, resource: { type: 'aws_autoscaling_group' }, paths: ['desired_capacity'], calls: [] },
});
const applied = (key: string) => ({ action: 'action.applied', subject: 'aws_autoscaling_group.app', details: { key } });

test('an act planned and never finished is dangling; one finished is not', async () => {
  const dangling = await danglingActions(logOf([planned('a'), applied('a'), planned('b', 'aws_instance.web')]));
  assert.deepEqual(
    dangling.map((d) => [d.key, d.address, d.type]),
    [['b', 'aws_instance.web', 'aws_autoscaling_group']],
  );
});

test('the same act again after it finished once (the drift came back): the new one is dangling', async () => {
  const dangling = await danglingActions(logOf([planned('a'), applied('a'), planned('a')]));
  assert.equal(dangling.length, 1, 'a finished act of last week does not hide the same act interrupted today');
  assert.equal(dangling[0]!.entry.seq, 3);
});

test('a planned act closed by a later failure is not dangling', async () => {
  const failed = { action: 'action.failed', subject: 'aws_autoscaling_group.app', details: { key: 'a' } };
  assert.deepEqual(await danglingActions(logOf([planned('a'), failed])), []);
});
