import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyModuleSource } from './module-source.js';

test('registry modules are pinned by their version constraint', () => {
  assert.deepEqual(classifyModuleSource('terraform-aws-modules/vpc/aws', '5.1.2'), {
    kind: 'registry',
    address: 'terraform-aws-modules/vpc/aws',
    version: '5.1.2',
  });
  assert.deepEqual(classifyModuleSource('app.terraform.io/acme/network/aws//modules/x', '~> 2.0').kind, 'registry');
  assert.deepEqual(classifyModuleSource('terraform-aws-modules/vpc/aws', undefined), {
    kind: 'registry',
    address: 'terraform-aws-modules/vpc/aws',
  });
});

test('Git sources are pinned by ?ref=, other query parameters stay in the address', () => {
  assert.deepEqual(classifyModuleSource('git::https://github.com/acme/x.git//sub?ref=v1.2.0&depth=1', undefined), {
    kind: 'git',
    url: 'https://github.com/acme/x.git//sub?depth=1',
    ref: 'v1.2.0',
  });
  assert.deepEqual(classifyModuleSource('github.com/acme/x?ref=main', undefined), {
    kind: 'git',
    url: 'github.com/acme/x',
    ref: 'main',
  });
  assert.deepEqual(classifyModuleSource('git@github.com:acme/x.git', undefined), {
    kind: 'git',
    url: 'git@github.com:acme/x.git',
  });
});

test('local paths and other remote sources', () => {
  assert.deepEqual(classifyModuleSource('../../modules/app', undefined), { kind: 'local', path: '../../modules/app' });
  assert.equal(classifyModuleSource('https://example.com/mod-1.2.zip', undefined).kind, 'other');
  assert.equal(classifyModuleSource('s3::https://s3.amazonaws.com/b/mod.zip', undefined).kind, 'other');
});
