import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { iamOpenidConnectProvider } from './iam-openid-connect-provider.js';

const observedItems = trackObservations(iamOpenidConnectProvider);
const scope = { account: '123456789012', region: 'global' };
const ARN = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC';
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };

test('aws_iam_openid_connect_provider maps GetOpenIDConnectProvider as the provider reads it: the ARN is the id, the URL as returned', () => {
  const o = iamOpenidConnectProvider.observe(
    {
      Arn: ARN,
      Url: 'oidc.eks.eu-west-1.amazonaws.com/id/ABC',
      ClientIDList: ['sts.amazonaws.com'],
      ThumbprintList: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'],
      CreateDate: new Date('2026-11-30T10:20:30Z'),
      Tags: [
        { Key: 'cluster', Value: 'prod' },
        { Key: 'aws:cloudformation:stack-id', Value: 'x' },
      ],
    },
    scope,
  );
  assert.equal(o.id, ARN);
  assert.deepEqual(o.attributes, {
    id: ARN,
    arn: ARN,
    url: 'oidc.eks.eu-west-1.amazonaws.com/id/ABC',
    client_id_list: ['sts.amazonaws.com'],
    thumbprint_list: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'],
    tags: { cluster: 'prod' },
    tags_all: { cluster: 'prod' },
  });
});

test('aws_iam_openid_connect_provider revert restores thumbprints and the recorded audiences; prune deletes it', () => {
  const finding = {
    resource: { type: 'aws_iam_openid_connect_provider', id: ARN, address: 'x' },
    kind: 'policy',
    changes: [
      { path: 'thumbprint_list', recorded: ['aaa'], observed: ['bbb'], sensitive: false },
      { path: 'client_id_list', recorded: ['sts.amazonaws.com'], observed: ['evil'], sensitive: false },
    ],
  } as never;
  const planned = iamOpenidConnectProvider.revert!.plan(finding, ctx);
  assert.ok('calls' in planned);
  assert.deepEqual(
    planned.calls.map((c) => [c.operation, c.input['ThumbprintList'] ?? c.input['ClientID']]),
    [
      ['UpdateOpenIDConnectProviderThumbprint', ['aaa']],
      ['AddClientIDToOpenIDConnectProvider', 'sts.amazonaws.com'],
      ['RemoveClientIDFromOpenIDConnectProvider', 'evil'],
    ],
  );
  const prune = iamOpenidConnectProvider.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteOpenIDConnectProvider');
});

test('every provider attribute of aws_iam_openid_connect_provider is observed by these fixtures or declared with a reason', () => {
  assertAccounted(iamOpenidConnectProvider, observedItems);
});
