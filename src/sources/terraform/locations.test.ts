import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { DriftwardenError } from '../../model/errors.js';
import { fixture, ownFixture } from '../../../test/support/paths.js';
import { parseS3Location, readStateText, redactLocation, s3WorkspaceKey } from './locations.js';

test('a local path and a file:// URL read the same text', async () => {
  const path = fixture('hashicorp-terraform/show-json-state/sensitive-variables/terraform.tfstate');
  const local = await readStateText({ location: path });
  const url = await readStateText({ location: pathToFileURL(path).href });
  assert.equal(local.source, path);
  assert.equal(url.text, local.text);
  assert.match(local.text, /"version": 4/);
});

test('a missing local file is input.missing-file naming the path; a directory is input.invalid', async () => {
  const missing = ownFixture('terraform/states/nope.tfstate');
  await assert.rejects(readStateText({ location: missing }), (err: unknown) => {
    assert.ok(err instanceof DriftwardenError);
    assert.equal(err.code, 'input.missing-file');
    assert.equal(err.details.file, missing);
    return true;
  });
  await assert.rejects(
    readStateText({ location: ownFixture('terraform/states') }),
    (err: unknown) => err instanceof DriftwardenError && err.code === 'input.invalid',
  );
});

test('the S3 backend workspace key convention', () => {
  assert.equal(s3WorkspaceKey('path/terraform.tfstate', undefined), 'path/terraform.tfstate');
  assert.equal(s3WorkspaceKey('path/terraform.tfstate', 'default'), 'path/terraform.tfstate');
  assert.equal(s3WorkspaceKey('path/terraform.tfstate', 'staging'), 'env:/staging/path/terraform.tfstate');
  assert.equal(
    s3WorkspaceKey('path/terraform.tfstate', 'staging', 'workspaces'),
    'workspaces/staging/path/terraform.tfstate',
  );
  assert.deepEqual(parseS3Location('s3://bucket/a/b.tfstate'), { bucket: 'bucket', key: 'a/b.tfstate' });
  assert.throws(
    () => parseS3Location('s3://bucket'),
    (err: unknown) => err instanceof DriftwardenError && err.code === 'config.invalid',
  );
});

test('redaction removes user, password and secret-looking query values', () => {
  assert.equal(
    redactLocation('https://alice:s3cret@tf.example.com/state?token=abc&name=x'),
    'https://tf.example.com/state?token=REDACTED&name=x',
  );
  assert.equal(redactLocation('not a url with //user:pw@host'), 'not a url with //host');
});
