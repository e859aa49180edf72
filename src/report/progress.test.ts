import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createProgress, describeTaskCounts, silentProgress } from './progress.js';

/** A stream that records what was written; `isTTY` makes cli-progress treat it as a terminal. */
function recordingStream(isTTY: boolean): Writable & { text(): string; isTTY: boolean; columns: number } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  }) as Writable & { text(): string; isTTY: boolean; columns: number };
  stream.isTTY = isTTY;
  stream.columns = 160;
  stream.text = () => chunks.join('');
  return stream;
}

function runScan(progress: ReturnType<typeof createProgress>): void {
  progress.start('aws 123456789012 eu-west-1 aws_instance');
  progress.start('state s3://b/k', 3);
  progress.advance('aws 123456789012 eu-west-1 aws_instance', 40);
  progress.advance('aws 123456789012 eu-west-1 aws_instance', 2);
  progress.advance('state s3://b/k');
  progress.start('aws 123456789012 us-east-1 aws_iam_role');
  progress.fail('aws 123456789012 us-east-1 aws_iam_role', 'access denied for iam:ListRoles');
  progress.finish('aws 123456789012 eu-west-1 aws_instance');
  progress.finish('aws 123456789012 us-east-1 aws_iam_role');
  progress.stop();
}

test('not a TTY and not verbose: writes nothing at all', () => {
  const stream = recordingStream(false);
  runScan(createProgress({ tty: false, stream }));
  assert.equal(stream.text(), '');
});

test('not a TTY, verbose: exactly one line per finished task, with counts and errors', () => {
  const stream = recordingStream(false);
  runScan(createProgress({ tty: false, stream, verbose: true }));
  const lines = stream.text().trimEnd().split('\n');
  assert.deepEqual(lines, [
    'done aws 123456789012 eu-west-1 aws_instance (42 listed)',
    'failed aws 123456789012 us-east-1 aws_iam_role (0 listed, 1 error): access denied for iam:ListRoles',
    'interrupted state s3://b/k (1/3 listed, 2 remaining)',
  ]);
});

test('on a TTY: a live display naming running tasks, counts, and failures with their reason', () => {
  const stream = recordingStream(true);
  const progress = createProgress({ tty: true, stream });
  progress.start('state s3://b/k', 3);
  progress.advance('state s3://b/k', 2);
  progress.start('aws 123456789012 us-east-1 aws_iam_role');
  progress.fail('aws 123456789012 us-east-1 aws_iam_role', 'access denied for iam:ListRoles');
  progress.finish('aws 123456789012 us-east-1 aws_iam_role');
  progress.stop();
  progress.stop(); // idempotent
  const output = stream.text();
  assert.match(output, /state s3:\/\/b\/k\s.*2\/3 listed, 1 remaining/);
  assert.match(
    output,
    /failed aws 123456789012 us-east-1 aws_iam_role \(0 listed, 1 error\): access denied for iam:ListRoles/,
  );
  assert.match(output, /Scanning: 1\/2 tasks done, 2 resources listed, 1 error/);
  assert.ok(output.includes('\u001b[?25h'), 'the cursor is shown again after stop');
});

test('on a TTY with many tasks, only maxLines task lines are drawn and the rest are counted', () => {
  const stream = recordingStream(true);
  const progress = createProgress({ tty: true, stream, maxLines: 2 });
  for (let index = 0; index < 5; index += 1) progress.start(`task-${index}`);
  progress.stop();
  const output = stream.text();
  assert.match(output, /task-0/);
  assert.match(output, /task-1/);
  assert.doesNotMatch(output, /task-4/);
  assert.match(output, /\(3 more running\)/);
});

test('describeTaskCounts with and without a total', () => {
  assert.equal(describeTaskCounts({ listed: 5, total: undefined, errors: [] }), '5 listed');
  assert.equal(describeTaskCounts({ listed: 5, total: 8, errors: ['x', 'y'] }), '5/8 listed, 3 remaining, 2 errors');
});

test('silentProgress accepts every call', () => {
  runScan(silentProgress);
});
