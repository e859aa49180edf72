import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DriftwardenError } from '../../model/errors.js';
import { fixture, ownFixture } from '../../../test/support/paths.js';
import { expandFlatmap, parseState } from './state.js';
import { providerLookup } from './providers.js';

function load(path: string, extra: Partial<Parameters<typeof parseState>[1]> = {}) {
  return parseState(readFileSync(path, 'utf8'), { source: path, ...extra });
}

function expectError(fn: () => unknown, code: string, check: (err: DriftwardenError) => void = () => {}): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof DriftwardenError, `expected a DriftwardenError, got ${String(err)}`);
    assert.equal(err.code, code);
    check(err);
    return true;
  });
}

test('count instances, module resources and dependencies keep Terraform addresses (110_sensitive_values)', () => {
  const { resources, terraformVersion } = load(fixture('terraform-json/110_sensitive_values/terraform.tfstate'));
  assert.equal(terraformVersion, '1.1.0');
  assert.deepEqual(
    resources.map((r) => r.address),
    [
      'null_resource.bar',
      'null_resource.baz[0]',
      'null_resource.baz[1]',
      'null_resource.baz[2]',
      'null_resource.foo',
      'module.foo.null_resource.aliased',
      'module.foo.null_resource.foo',
    ],
  );
  const baz1 = resources[2];
  assert.equal(baz1?.id, '4055263173373670778');
  assert.deepEqual(baz1?.dependencies, ['null_resource.foo']);
  assert.equal(baz1?.provider, 'provider["registry.terraform.io/hashicorp/null"]');
  assert.equal(baz1?.environment, 'default');
  assert.deepEqual(baz1?.sensitivePaths, []);
});

test('sensitive_attributes become sensitivePaths (sensitive-variables, TF 0.14)', () => {
  const [instance] = load(
    fixture('hashicorp-terraform/show-json-state/sensitive-variables/terraform.tfstate'),
  ).resources;
  assert.equal(instance?.address, 'test_instance.test');
  assert.deepEqual(instance?.sensitivePaths, [['ami']]);
});

test('a check_results key and empty sensitive_attributes are accepted (local_provider_update, TF 1.3)', () => {
  const { resources } = load(fixture('hashicorp-terraform/equivalence-tests/local_provider_update/terraform.tfstate'), {
    environment: 'dev',
  });
  assert.equal(resources.length, 1);
  assert.equal(resources[0]?.address, 'local_file.local_file');
  assert.equal(resources[0]?.attributes['filename'], 'output.json');
  assert.equal(resources[0]?.environment, 'dev');
  assert.deepEqual(resources[0]?.sensitivePaths, []);
});

test('for_each string keys in modules, legacy attributes_flat and dependencies (v4-modules round-trip)', () => {
  const { resources } = load(fixture('hashicorp-terraform/statefile-roundtrip/v4-modules.in.tfstate'));
  assert.deepEqual(
    resources.map((r) => r.address),
    [
      'null_resource.bar',
      'module.modB.null_resource.bar["a"]',
      'module.modB.null_resource.bar["b"]',
      'module.modA.null_resource.resource',
    ],
  );
  assert.deepEqual(resources[0]?.attributes, { id: '5388490630832483079', triggers: { whaaat: '0,1' } });
  assert.deepEqual(resources[1]?.dependencies, ['module.modA.null_resource.resource']);
  assert.equal(resources[1]?.provider, 'provider["registry.terraform.io/-/null"]');
});

test('the requires-replace state (TF 0.12.0) has one managed instance without sensitive_attributes', () => {
  const { resources } = load(fixture('hashicorp-terraform/show-json/requires-replace/terraform.tfstate'));
  assert.equal(resources.length, 1);
  assert.equal(resources[0]?.mode, 'managed');
  assert.deepEqual(resources[0]?.sensitivePaths, []);
});

test('AWS resources get account and region from their ARN; the azurerm data source is kept as data (driftctl aws_lb_listener)', () => {
  const { resources } = load(fixture('driftctl/aws_lb_listener/terraform.tfstate'));
  assert.equal(resources.length, 7);
  const data = resources.filter((r) => r.mode === 'data');
  assert.deepEqual(
    data.map((r) => r.address),
    ['data.azurerm_resource_group.raphael-dev'],
  );
  const lb = resources.find((r) => r.type === 'aws_lb');
  assert.ok(lb?.account && /^\d{12}$/.test(lb.account));
  assert.ok(lb?.region);
});

test('aliased providers: ARNs place resources in two accounts and regions; the alias config places ARN-less ones', () => {
  const path = ownFixture('terraform/states/aliased-providers.tfstate');
  const withoutCode = load(path);
  const byAddress = new Map(withoutCode.resources.map((r) => [r.address, r]));
  assert.deepEqual(
    [byAddress.get('aws_vpc.main')?.account, byAddress.get('aws_vpc.main')?.region],
    ['111111111111', 'us-east-1'],
  );
  assert.deepEqual(
    [byAddress.get('aws_vpc.replica')?.account, byAddress.get('aws_vpc.replica')?.region],
    ['222222222222', 'eu-west-1'],
  );
  assert.equal(byAddress.get('aws_vpc.replica')?.provider, 'provider["registry.terraform.io/hashicorp/aws"].euw1');
  assert.equal(byAddress.get('aws_route53_record.replica')?.region, undefined);
  assert.equal(byAddress.get('data.aws_caller_identity.current')?.mode, 'data');

  const providers = providerLookup([
    { type: 'aws', module: '', file: 'main.tf', region: 'us-east-1' },
    { type: 'aws', module: '', file: 'main.tf', alias: 'euw1', region: 'eu-west-1', account: '222222222222' },
  ]);
  const record = load(path, { providers }).resources.find((r) => r.address === 'aws_route53_record.replica');
  assert.deepEqual([record?.account, record?.region], ['222222222222', 'eu-west-1']);
});

test('both sensitive step shapes (get_attr, index with a typed value) become paths', () => {
  const db = load(ownFixture('terraform/states/aliased-providers.tfstate')).resources.find(
    (r) => r.type === 'aws_db_instance',
  );
  assert.deepEqual(db?.sensitivePaths, [['password'], ['tags', 'Secret']]);
  const text = JSON.stringify({
    version: 4,
    resources: [
      {
        mode: 'managed',
        type: 't',
        name: 'n',
        provider: 'p',
        instances: [
          {
            attributes: { id: 'x' },
            sensitive_attributes: [
              [
                { type: 'get_attr', value: 'rules' },
                { type: 'index', value: 1 },
              ],
            ],
          },
        ],
      },
    ],
  });
  assert.deepEqual(parseState(text, { source: 'inline' }).resources[0]?.sensitivePaths, [['rules', 1]]);
  const maskShape = text.replace(
    '"sensitive_attributes":[[{"type":"get_attr","value":"rules"},{"type":"index","value":1}]]',
    '"sensitive_attributes":{"password":true,"rules":[false,{"token":true}]}',
  );
  assert.notEqual(maskShape, text);
  assert.deepEqual(parseState(maskShape, { source: 'inline' }).resources[0]?.sensitivePaths, [
    ['password'],
    ['rules', 1, 'token'],
  ]);
});

test('module for_each and count addresses (hand-written)', () => {
  const { resources } = load(ownFixture('terraform/states/modules-for-each.tfstate'));
  assert.deepEqual(
    resources.map((r) => r.address),
    [
      'module.network.module.subnets.aws_subnet.private["eu-west-1a"]',
      'module.network.module.subnets.aws_subnet.private["eu-west-1b"]',
      'module.network.aws_vpc.this',
      'aws_instance.web[0]',
      'aws_instance.web[1]',
      'data.aws_ami.ubuntu',
    ],
  );
  const ami = resources[5];
  assert.equal(ami?.region, 'eu-west-1');
  assert.equal(ami?.account, undefined, 'an ARN without account leaves the account unknown');
});

test('state v3 is rejected with an upgrade hint', () => {
  expectError(
    () => load(fixture('hashicorp-terraform/statefile-roundtrip/v3-simple.in.tfstate')),
    'input.unsupported-version',
    (err) => {
      assert.match(err.message, /state v3/);
      assert.match(err.message, /Terraform >= 0\.12/);
      assert.match(err.details.file ?? '', /v3-simple\.in\.tfstate$/);
    },
  );
  expectError(
    () => parseState('{"version": 5, "resources": []}', { source: 'future.tfstate' }),
    'input.unsupported-version',
    (err) => assert.match(err.message, /v5/),
  );
});

test('a corrupt state (8 bytes "invalid\\n") is an input.parse error at line 1 column 1', () => {
  expectError(
    () => load(fixture('hashicorp-terraform/show-corrupt-statefile/terraform.tfstate')),
    'input.parse',
    (err) => {
      assert.equal(err.details.line, 1);
      assert.equal(err.details.column, 1);
      assert.match(err.describe(), /show-corrupt-statefile\/terraform\.tfstate:1:1: /);
    },
  );
});

test('a state broken mid-document reports the line and column of the break (driftctl v4/invalid)', () => {
  // Line 16 is `      west-3:`: the rest of an ARN string cut out of the line above; `w` (column 7) is where
  // a JSON key was expected.
  expectError(
    () => load(fixture('driftctl/v4/invalid.tfstate')),
    'input.parse',
    (err) => {
      assert.equal(err.details.line, 16);
      assert.equal(err.details.column, 7);
      assert.match(err.message, /unexpected 'w'/);
    },
  );
  expectError(
    () => parseState('{"version": 4, "resources": [', { source: 'cut.tfstate' }),
    'input.parse',
    (err) => assert.match(err.message, /truncated/),
  );
  expectError(
    () => parseState('{\n  "version": 4,\n  "a": "x\ny"}', { source: 'ctl.tfstate' }),
    'input.parse',
    (err) => {
      assert.deepEqual([err.details.line, err.details.column], [3, 10]); // the line break inside the string
      assert.match(err.message, /line break/);
    },
  );
});

test('structurally invalid states name the JSON key', () => {
  const bad = {
    version: 4,
    resources: [0, 1, 2, { mode: 'managed', type: 't', name: 'n', provider: 'p', instances: 'nope' }],
  };
  bad.resources[0] = { mode: 'managed', type: 't', name: 'a', provider: 'p', instances: [] } as never;
  bad.resources[1] = bad.resources[0] as never;
  bad.resources[2] = bad.resources[0] as never;
  expectError(
    () => parseState(JSON.stringify(bad), { source: 's.tfstate' }),
    'input.invalid',
    (err) => assert.equal(err.details.key, 'resources[3].instances'),
  );
  expectError(
    () => parseState('{"version":4,"resources":{}}', { source: 's.tfstate' }),
    'input.invalid',
    (err) => assert.equal(err.details.key, 'resources'),
  );
  expectError(() => parseState('[]', { source: 's.tfstate' }), 'input.invalid');
  expectError(
    () => parseState('{"resources":[]}', { source: 's.tfstate' }),
    'input.invalid',
    (err) => assert.equal(err.details.key, 'version'),
  );
});

test('attribute objects are referenced, not copied (no per-attribute work)', () => {
  const text = JSON.stringify({
    version: 4,
    resources: [
      {
        mode: 'managed',
        type: 't',
        name: 'n',
        provider: 'p',
        instances: [{ attributes: { id: 'x', big: { a: [1, 2] } } }],
      },
    ],
  });
  const parsed = JSON.parse(text);
  const [resource] = parseState(text, { source: 'x' }).resources;
  assert.deepEqual(resource?.attributes, parsed.resources[0].instances[0].attributes);
  assert.equal(resource?.id, 'x');
});

test('expandFlatmap turns legacy list and map keys into values', () => {
  assert.deepEqual(expandFlatmap({ 'a.#': '2', 'a.0': 'x', 'a.1': 'y', 'm.%': '1', 'm.k': 'v', id: 'i' }), {
    a: ['x', 'y'],
    m: { k: 'v' },
    id: 'i',
  });
});
