/** The S3 backend against moto through the real AWS SDK: workspace keys, missing keys, denied buckets. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DriftwardenError } from '../src/model/errors.js';
import { readStateText } from '../src/sources/terraform/locations.js';
import { loadRecorded } from '../src/sources/terraform/index.js';
import { startMoto, type Moto } from './support/moto.js';
import { ownFixture } from './support/paths.js';

let moto: Moto;
let s3: S3Client;
const stateText = readFileSync(ownFixture('terraform/states/modules-for-each.tfstate'), 'utf8');
const defaultText = readFileSync(ownFixture('terraform/states/aliased-providers.tfstate'), 'utf8');

before(async () => {
  moto = await startMoto();
  s3 = new S3Client(moto.clientConfig());
  await s3.send(
    new CreateBucketCommand({ Bucket: 'tf-state', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }),
  );
  await s3.send(
    new PutObjectCommand({ Bucket: 'tf-state', Key: 'env:/staging/path/terraform.tfstate', Body: stateText }),
  );
  await s3.send(new PutObjectCommand({ Bucket: 'tf-state', Key: 'path/terraform.tfstate', Body: defaultText }));
  await s3.send(new PutObjectCommand({ Bucket: 'tf-state', Key: 'ws/qa/path/terraform.tfstate', Body: stateText }));
});
after(async () => {
  s3?.destroy();
  await moto?.stop();
});

test('workspace staging reads env:/staging/<key>; the default workspace reads the key itself', async () => {
  const staging = await readStateText(
    { location: 's3://tf-state/path/terraform.tfstate', workspace: 'staging' },
    { s3Client: s3 },
  );
  assert.equal(staging.text, stateText);
  assert.equal(staging.source, 's3://tf-state/env:/staging/path/terraform.tfstate');
  const plain = await readStateText({ location: 's3://tf-state/path/terraform.tfstate' }, { s3Client: s3 });
  assert.equal(plain.text, defaultText);
  const prefixed = await readStateText(
    { location: 's3://tf-state/path/terraform.tfstate', workspace: 'qa', workspaceKeyPrefix: 'ws' },
    { s3Client: s3 },
  );
  assert.equal(prefixed.text, stateText);
});

test('the default credential chain and AWS_ENDPOINT_URL work unchanged (no client passed in)', async () => {
  const saved = { ...process.env };
  Object.assign(process.env, moto.env());
  delete process.env['AWS_PROFILE'];
  try {
    const loaded = await loadRecorded({
      states: [{ location: 's3://tf-state/path/terraform.tfstate', workspace: 'staging', environment: 'staging' }],
    });
    assert.ok(
      loaded.recorded.resources.some(
        (r) => r.address === 'module.network.module.subnets.aws_subnet.private["eu-west-1a"]',
      ),
    );
    assert.equal(loaded.recorded.resources[0]?.environment, 'staging');
    assert.deepEqual(loaded.sources, ['s3://tf-state/env:/staging/path/terraform.tfstate']);
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
});

test('a missing key is backend.unreachable naming the s3:// location', async () => {
  await assert.rejects(
    readStateText({ location: 's3://tf-state/path/terraform.tfstate', workspace: 'nope' }, { s3Client: s3 }),
    (err: unknown) => {
      assert.ok(err instanceof DriftwardenError);
      assert.equal(err.code, 'backend.unreachable');
      assert.equal(err.details.file, 's3://tf-state/env:/nope/path/terraform.tfstate');
      assert.match(err.message, /no state at this key/);
      return true;
    },
  );
  await assert.rejects(readStateText({ location: 's3://no-such-bucket/k' }, { s3Client: s3 }), (err: unknown) => {
    assert.ok(err instanceof DriftwardenError);
    assert.equal(err.code, 'backend.unreachable');
    assert.match(err.message, /bucket does not exist/);
    return true;
  });
});

test('an unreachable endpoint is backend.unreachable', async () => {
  const dead = new S3Client({ ...moto.clientConfig(), endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
  try {
    await assert.rejects(
      readStateText({ location: 's3://tf-state/path/terraform.tfstate' }, { s3Client: dead }),
      (err: unknown) => {
        assert.ok(err instanceof DriftwardenError);
        assert.equal(err.code, 'backend.unreachable');
        assert.equal(err.details.file, 's3://tf-state/path/terraform.tfstate');
        return true;
      },
    );
  } finally {
    dead.destroy();
  }
});
