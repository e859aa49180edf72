import { test } from 'node:test';
import assert from 'node:assert/strict';
import { s3BucketCorsConfiguration as entry } from './s3-bucket-cors-configuration.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(entry);
const scope = { account: '1', region: 'eu-west-1' };

test('aws_s3_bucket_cors_configuration: each rule with sorted string sets and zero values for what S3 omits', () => {
  const observed = entry.observe(
    {
      bucket: 'b',
      value: [
        {
          AllowedMethods: ['PUT', 'GET'],
          AllowedOrigins: ['https://b.example', 'https://a.example'],
          MaxAgeSeconds: 300,
        },
        { ID: 'fonts', AllowedMethods: ['GET'], AllowedOrigins: ['*'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'] },
      ],
    },
    scope,
  );
  assert.deepEqual(observed.attributes['cors_rule'], [
    {
      allowed_headers: [],
      allowed_methods: ['GET', 'PUT'],
      allowed_origins: ['https://a.example', 'https://b.example'],
      expose_headers: [],
      id: '',
      max_age_seconds: 300,
    },
    {
      allowed_headers: ['*'],
      allowed_methods: ['GET'],
      allowed_origins: ['*'],
      expose_headers: ['ETag'],
      id: 'fonts',
      max_age_seconds: 0,
    },
  ]);
  assert.equal(observed.id, 'b');
  assert.deepEqual(entry.sets, ['cors_rule']);
});

test('aws_s3_bucket_cors_configuration: NoSuchCORSConfiguration (undefined) is no resource', async () => {
  const repos = { s3: { bucketCors: async () => [{ bucket: 'none', value: undefined }] } };
  assert.deepEqual(await entry.list(repos as never, scope), []);
});

test('every provider attribute of aws_s3_bucket_cors_configuration is observed by these fixtures or declared with a reason', () => {
  assertAccounted(entry, observedItems);
});
