import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOGUE } from '../../observers/aws/catalogue/index.js';
import { undeclaredCall } from './execute.js';
import { isActionService, sdkModule } from '../../observers/aws/calls.js';

test('every operation an entry declares it sends exists as an SDK command (resolved by name at run time)', async () => {
  let count = 0;
  for (const entry of CATALOGUE) {
    for (const ref of [...(entry.revert?.sends ?? []), ...(entry.prune?.sends ?? [])]) {
      const [service, operation] = ref.split(':') as [string, string];
      // The executor's own module table (calls.ts): a service it cannot load fails here by name.
      assert.ok(isActionService(service), `${entry.type}: ${ref}: no SDK module for ${service}`);
      const module = await sdkModule(service);
      assert.equal(typeof module[`${operation}Command`], 'function', `${entry.type}: ${ref}`);
      count += 1;
    }
  }
  assert.ok(count >= 20, `only ${count} declared operations`);
});

test('the executor sends only what the type entry declares: a plan file cannot reach another operation', () => {
  assert.equal(
    undeclaredCall('aws_security_group', { service: 'ec2', operation: 'RevokeSecurityGroupIngress' }),
    undefined,
  );
  assert.match(
    undeclaredCall('aws_instance', { service: 'ec2', operation: 'TerminateInstances' }) ?? '',
    /aws_instance declares no ec2:TerminateInstances/,
  );
  // DeleteVolume is declared by aws_ebs_volume's prune, not by aws_vpc.
  assert.ok(undeclaredCall('aws_vpc', { service: 'ec2', operation: 'DeleteVolume' }));
  assert.match(undeclaredCall('aws_nothing', { service: 'ec2', operation: 'CreateTags' }) ?? '', /no catalogue entry/);
});

test('every declared step runs before or after a call', () => {
  for (const entry of CATALOGUE)
    for (const [name, step] of Object.entries(entry.steps ?? {}))
      assert.ok(step.before ?? step.after, `${entry.type}: step ${name} does nothing`);
  const stepsOf = (type: string) => Object.keys(CATALOGUE.find((e) => e.type === type)?.steps ?? {});
  assert.deepEqual(stepsOf('aws_instance'), ['waitStopped']);
  assert.deepEqual(stepsOf('aws_ebs_volume'), ['waitSnapshotCompleted']);
  assert.deepEqual(stepsOf('aws_iam_policy'), ['detachEverywhere']);
  assert.deepEqual(stepsOf('aws_s3_bucket_public_access_block'), ['mergeCurrentSettings']);
});
