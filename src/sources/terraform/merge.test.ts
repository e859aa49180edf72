import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DriftwardenError } from '../../model/errors.js';
import { fixture, ownFixture } from '../../../test/support/paths.js';
import { configAddressOf, stripStateLabel } from './address.js';
import { deriveLabels, mergeStates } from './merge.js';
import { parseState } from './state.js';

const load = (path: string) => parseState(readFileSync(path, 'utf8'), { source: path }).resources;

test('a single state keeps Terraform addresses', () => {
  const resources = load(fixture('terraform-json/110_sensitive_values/terraform.tfstate'));
  const merged = mergeStates([{ label: 'only', resources }]);
  assert.deepEqual(
    merged.map((r) => r.address),
    resources.map((r) => r.address),
  );
});

test('two states: every address and dependency gets its label, so equal addresses do not clash', () => {
  const a = load(ownFixture('terraform/states/aliased-providers.tfstate'));
  const b = load(ownFixture('terraform/states/aliased-providers.tfstate'));
  const merged = mergeStates([
    { label: 'prod', resources: a },
    { label: 'staging', resources: b },
  ]);
  assert.equal(new Set(merged.map((r) => r.address)).size, merged.length);
  const replica = merged.find((r) => r.address === 'staging/aws_vpc.replica');
  assert.deepEqual(replica?.dependencies, ['staging/aws_vpc.main']);
  assert.equal(
    a.find((r) => r.address === 'aws_vpc.replica')?.dependencies[0],
    'aws_vpc.main',
    'inputs are not mutated',
  );
  assert.throws(
    () =>
      mergeStates([
        { label: 'x', resources: a },
        { label: 'x', resources: b },
      ]),
    DriftwardenError,
  );
});

test('labels: explicit kept, derived from file or folder and workspace, made unique', () => {
  assert.deepEqual(
    deriveLabels([
      { location: '/infra/network/terraform.tfstate' },
      { location: 's3://bucket/app/terraform.tfstate', workspace: 'staging' },
      { location: 's3://bucket/app/terraform.tfstate', workspace: 'default' },
      { location: '/states/prod.tfstate' },
      { location: '/other/prod.tfstate' },
      { location: 'https://user:pw@tf.example.com/state/shared', label: 'shared' },
    ]),
    ['network', 'app-staging', 'app', 'prod', 'prod-2', 'shared'],
  );
  assert.throws(() => deriveLabels([{ location: 'a', label: 'x:y' }]), DriftwardenError);
  assert.throws(
    () =>
      deriveLabels([
        { location: 'a', label: 'x' },
        { location: 'b', label: 'x' },
      ]),
    DriftwardenError,
  );
});

test('configAddressOf strips the label and every instance key', () => {
  assert.equal(configAddressOf('prod/module.net["a"].aws_subnet.x["eu-west-1a"]'), 'module.net.aws_subnet.x');
  assert.equal(configAddressOf('aws_instance.web[2]'), 'aws_instance.web');
  assert.equal(configAddressOf('aws_s3_bucket.b["a]b:c"]'), 'aws_s3_bucket.b');
  assert.equal(stripStateLabel('aws_s3_bucket.b["x:y"]'), 'aws_s3_bucket.b["x:y"]');
  assert.equal(stripStateLabel('aws_s3_bucket.b["x/y"]'), 'aws_s3_bucket.b["x/y"]');
  assert.equal(configAddressOf('prod/module.x.module.y[0].data.aws_ami.z'), 'module.x.module.y.data.aws_ami.z');
  assert.equal(stripStateLabel('prod/aws_s3_bucket.b["x/y"]'), 'aws_s3_bucket.b["x/y"]');
});
