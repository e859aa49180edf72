import { test } from 'node:test';
import assert from 'node:assert/strict';
import { s3Bucket } from './s3-bucket.js';
import { assertAccounted, trackObservations } from '../../../../test/support/catalogue-accounting.js';

const observedItems = trackObservations(s3Bucket);

test('aws_s3_bucket: id is the name, region from the scope, tags without aws: ones; no tags set is an empty map', () => {
  const scope = { account: '1', region: 'eu-west-1' };
  const observed = s3Bucket.observe(
    {
      bucket: 'logs',
      value: [
        { Key: 'env', Value: 'prod' },
        { Key: 'aws:cloudformation:stack-id', Value: 'x' },
      ],
    },
    scope,
  );
  assert.equal(observed.id, 'logs');
  assert.deepEqual(observed.attributes, {
    id: 'logs',
    arn: 'arn:aws:s3:::logs',
    bucket: 'logs',
    region: 'eu-west-1',
    bucket_domain_name: 'logs.s3.amazonaws.com',
    bucket_regional_domain_name: 'logs.s3.eu-west-1.amazonaws.com',
    tags: { env: 'prod' },
    tags_all: { env: 'prod' },
  });
  assert.deepEqual(s3Bucket.observe({ bucket: 'bare', value: undefined }, scope).attributes['tags_all'], {});
});

test('every provider attribute of aws_s3_bucket is observed by these fixtures or declared with a reason', () => {
  assertAccounted(s3Bucket, observedItems);
});
