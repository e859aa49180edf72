import { test } from 'node:test';
import assert from 'node:assert/strict';
import { S3Client, CreateBucketCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { startMoto } from './support/moto.js';

test('the moto harness starts an emulator the real SDK can talk to, and reset empties it', async () => {
  const moto = await startMoto();
  try {
    const s3 = new S3Client(moto.clientConfig());
    await s3.send(
      new CreateBucketCommand({ Bucket: 'harness', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }),
    );
    assert.deepEqual(
      (await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name),
      ['harness'],
    );
    await moto.reset();
    assert.equal((await s3.send(new ListBucketsCommand({}))).Buckets?.length ?? 0, 0);
  } finally {
    await moto.stop();
  }
});
