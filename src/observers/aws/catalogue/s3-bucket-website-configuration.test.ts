import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routingRulesJson, s3BucketWebsiteConfiguration as entry } from './s3-bucket-website-configuration.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(entry);
const scope = { account: '1', region: 'eu-west-1' };

test('aws_s3_bucket_website_configuration: documents, routing rules as blocks and as normalized JSON', () => {
  const observed = entry.observe(
    {
      bucket: 'site',
      value: {
        $metadata: {},
        IndexDocument: { Suffix: 'index.html' },
        ErrorDocument: { Key: 'error.html' },
        RoutingRules: [{ Condition: { KeyPrefixEquals: 'docs/' }, Redirect: { ReplaceKeyPrefixWith: 'documents/' } }],
      },
    },
    scope,
  );
  assert.deepEqual(observed.attributes, {
    id: 'site',
    bucket: 'site',
    expected_bucket_owner: '',
    index_document: [{ suffix: 'index.html' }],
    error_document: [{ key: 'error.html' }],
    redirect_all_requests_to: [],
    routing_rule: [
      {
        condition: [{ key_prefix_equals: 'docs/' }],
        redirect: [{ protocol: '', replace_key_prefix_with: 'documents/' }],
      },
    ],
    routing_rules: '[{"Condition":{"KeyPrefixEquals":"docs/"},"Redirect":{"ReplaceKeyPrefixWith":"documents/"}}]',
  });
});

test('aws_s3_bucket_website_configuration: a redirect-only site; no rules is "" routing_rules and no routing_rule', async () => {
  const observed = entry.observe(
    { bucket: 'r', value: { $metadata: {}, RedirectAllRequestsTo: { HostName: 'example.com', Protocol: 'https' } } },
    scope,
  );
  assert.deepEqual(observed.attributes['redirect_all_requests_to'], [{ protocol: 'https', host_name: 'example.com' }]);
  assert.deepEqual(observed.attributes['index_document'], []);
  assert.deepEqual(observed.attributes['routing_rule'], []);
  assert.equal(observed.attributes['routing_rules'], '');
  assert.equal(
    routingRulesJson([{ Redirect: { HostName: 'h', Protocol: '' as never } }]),
    '[{"Redirect":{"HostName":"h"}}]',
  );
  const repos = { s3: { bucketWebsite: async () => [{ bucket: 'none', value: undefined }] } };
  assert.deepEqual(await entry.list(repos as never, scope), []);
});

test('every provider attribute of aws_s3_bucket_website_configuration is observed by these fixtures or declared with a reason', () => {
  assertAccounted(entry, observedItems);
});
