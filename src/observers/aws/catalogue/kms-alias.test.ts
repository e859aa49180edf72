import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { kmsAlias } from './kms-alias.js';

const observedItems = trackObservations(kmsAlias);
const scope = { account: '123456789012', region: 'eu-west-1' };
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';

test('aws_kms_alias maps ListAliases as the provider reads it: id and name are the alias, the key ARN derived from the alias ARN', () => {
  const o = kmsAlias.observe(
    {
      AliasName: 'alias/app',
      AliasArn: 'arn:aws:kms:eu-west-1:123456789012:alias/app',
      TargetKeyId: KEY,
    },
    scope,
  );
  assert.equal(o.id, 'alias/app');
  assert.deepEqual(o.attributes, {
    id: 'alias/app',
    arn: 'arn:aws:kms:eu-west-1:123456789012:alias/app',
    name: 'alias/app',
    target_key_id: KEY,
    target_key_arn: `arn:aws:kms:eu-west-1:123456789012:key/${KEY}`,
  });
  assert.equal(o.noise, undefined);
});

test('an AWS-managed alias is observed as noise with its reason, never dropped', () => {
  const o = kmsAlias.observe(
    { AliasName: 'alias/aws/ebs', AliasArn: 'arn:aws:kms:eu-west-1:123456789012:alias/aws/ebs', TargetKeyId: KEY },
    scope,
  );
  assert.match(o.noise ?? '', /alias\/aws\/ is reserved/);
});

test('aws_kms_alias revert points the alias back at the recorded key; prune deletes it', () => {
  const finding = {
    resource: { type: 'aws_kms_alias', id: 'alias/app', region: 'eu-west-1', address: 'aws_kms_alias.app' },
    kind: 'configuration',
    changes: [{ path: 'target_key_id', recorded: KEY, observed: 'other', sensitive: false }],
  } as never;
  const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
  assert.deepEqual(kmsAlias.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'kms',
        operation: 'UpdateAlias',
        region: 'eu-west-1',
        input: { AliasName: 'alias/app', TargetKeyId: KEY },
      },
    ],
  });
  const prune = kmsAlias.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteAlias');
});

test('every provider attribute of aws_kms_alias is observed by these fixtures or declared with a reason', () => {
  assertAccounted(kmsAlias, observedItems);
});
