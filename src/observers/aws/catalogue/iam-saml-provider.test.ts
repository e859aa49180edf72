import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';
import { iamSamlProvider } from './iam-saml-provider.js';

const observedItems = trackObservations(iamSamlProvider);
const scope = { account: '123456789012', region: 'global' };
const ctx = { defaultRegion: 'us-east-1', managedIds: () => undefined, instanceTypeRevert: false };
const ARN = 'arn:aws:iam::123456789012:saml-provider/okta';
const METADATA = '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example"/>';

test('aws_iam_saml_provider maps GetSAMLProvider as the provider reads it: the ARN is the id, the name from the ARN', () => {
  const o = iamSamlProvider.observe(
    {
      Arn: ARN,
      SAMLMetadataDocument: METADATA,
      CreateDate: new Date('2026-11-30T10:20:30Z'),
      ValidUntil: new Date('2126-11-30T10:20:30.123Z'),
      Tags: [{ Key: 'team', Value: 'identity' }],
    },
    scope,
  );
  assert.equal(o.id, ARN);
  assert.deepEqual(o.attributes, {
    id: ARN,
    arn: ARN,
    name: 'okta',
    saml_metadata_document: METADATA,
    valid_until: '2126-11-30T10:20:30Z',
    tags: { team: 'identity' },
    tags_all: { team: 'identity' },
  });
});

test('aws_iam_saml_provider revert puts the recorded metadata back; prune deletes the provider', () => {
  const finding = {
    resource: { type: 'aws_iam_saml_provider', id: ARN, address: 'x' },
    kind: 'policy',
    changes: [{ path: 'saml_metadata_document', recorded: METADATA, observed: '<other/>', sensitive: false }],
  } as never;
  assert.deepEqual(iamSamlProvider.revert!.plan(finding, ctx), {
    calls: [
      {
        service: 'iam',
        operation: 'UpdateSAMLProvider',
        region: 'global',
        input: { SAMLProviderArn: ARN, SAMLMetadataDocument: METADATA },
      },
    ],
  });
  const prune = iamSamlProvider.prune!.plan(finding, ctx);
  assert.ok('calls' in prune && prune.calls[0]?.operation === 'DeleteSAMLProvider');
});

test('every provider attribute of aws_iam_saml_provider is observed by these fixtures or declared with a reason', () => {
  assertAccounted(iamSamlProvider, observedItems);
});
