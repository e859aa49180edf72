import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DriftwardenError } from '../../model/errors.js';
import { ownFixture } from '../../../test/support/paths.js';
import { normaliseTraversal, readTerraformCode } from './hcl.js';
import { providerLookup } from './providers.js';

test('ignore_changes per resource, local modules followed, tags["Owner"] normalised, all kept', async () => {
  const code = await readTerraformCode(ownFixture('terraform/code'));
  assert.deepEqual(Object.fromEntries(code.ignoreChanges), {
    'aws_vpc.main': ['tags.Owner', 'tags.Team'],
    'aws_db_instance.app': ['all'],
    'module.network.aws_subnet.private': ['tags', 'ebs_block_device[0].volume_size', 'tags["kubernetes.io/role/elb"]'],
  });
  assert.deepEqual(
    code.files.map((f) => f.slice(f.indexOf('terraform/code/'))),
    ['terraform/code/main.tf', 'terraform/code/modules/net/main.tf'],
  );
});

test('provider blocks: alias, literal region, account from the assumed role; expressions stay unknown', async () => {
  const code = await readTerraformCode(ownFixture('terraform/code'));
  const summary = code.providers.map(({ type, alias, module, region, account, roleArn }) => ({
    type,
    alias,
    module,
    region,
    account,
    roleArn,
  }));
  assert.deepEqual(summary, [
    { type: 'aws', alias: undefined, module: '', region: 'us-east-1', account: undefined, roleArn: undefined },
    {
      type: 'aws',
      alias: 'euw1',
      module: '',
      region: 'eu-west-1',
      account: '222222222222',
      roleArn: 'arn:aws:iam::222222222222:role/driftwarden-deploy',
    },
    {
      type: 'aws',
      alias: 'local',
      module: 'module.network.',
      region: undefined,
      account: undefined,
      roleArn: undefined,
    },
  ]);
  const lookup = providerLookup(code.providers);
  assert.deepEqual(lookup('provider["registry.terraform.io/hashicorp/aws"].euw1'), {
    account: '222222222222',
    region: 'eu-west-1',
  });
  assert.deepEqual(lookup('provider["registry.terraform.io/hashicorp/aws"]'), { region: 'us-east-1' });
  // A module without its own default block inherits the root one.
  assert.deepEqual(lookup('module.network.provider["registry.terraform.io/hashicorp/aws"]'), { region: 'us-east-1' });
  assert.equal(lookup('provider["registry.terraform.io/hashicorp/aws"].nope'), undefined);
});

test('an HCL syntax error names the file, line and column', async () => {
  await assert.rejects(readTerraformCode(ownFixture('terraform/code-syntax-error')), (err: unknown) => {
    assert.ok(err instanceof DriftwardenError);
    assert.equal(err.code, 'hcl.syntax');
    assert.match(err.details.file ?? '', /code-syntax-error\/main\.tf$/);
    assert.equal(err.details.line, 5);
    assert.equal(typeof err.details.column, 'number');
    assert.doesNotMatch(err.message, /parse config/);
    return true;
  });
});

test('a missing code directory is input.missing-file', async () => {
  await assert.rejects(
    readTerraformCode(ownFixture('terraform/no-such-dir')),
    (err: unknown) => err instanceof DriftwardenError && err.code === 'input.missing-file',
  );
});

test('a local module whose directory is missing is reported as not read; the rest of the code is still read', async () => {
  const code = await readTerraformCode(ownFixture('terraform/missing-module'));
  assert.deepEqual(
    code.modulesNotRead.map((m) => [m.module, m.source, m.reason]),
    [['module.gone', './modules/gone', 'its source directory does not exist']],
  );
  assert.match(code.modulesNotRead[0]!.file, /missing-module\/main\.tf$/);
  assert.deepEqual(code.ignoreChanges.get('aws_s3_bucket.logs'), ['tags']);
  assert.deepEqual(code.ignoreChanges.get('module.present.aws_sqs_queue.jobs'), ['visibility_timeout_seconds']);
});

test('traversals normalise string keys to dotted form only when they are identifiers', () => {
  assert.equal(normaliseTraversal('tags["Owner"]'), 'tags.Owner');
  assert.equal(normaliseTraversal('a["b"]["c"][0].d'), 'a.b.c[0].d');
  assert.equal(normaliseTraversal('tags["a b"]'), 'tags["a b"]');
});
