import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DriftwardenError } from '../../model/errors.js';
import { HclParseError, loadHclParser, loadHclPositionParser, type HclBlock, type HclItem } from './hcl-parser.js';
import { hclSyntaxError, readTerraformCode } from './hcl.js';

const block = (items: ReadonlyArray<HclItem>, name: string, ...labels: string[]): HclBlock => {
  const found = items.find(
    (i): i is HclBlock => i.kind === 'block' && i.name === name && labels.every((l, n) => i.labels[n] === l),
  );
  assert.ok(found, `block ${name} ${labels.join(' ')}`);
  return found;
};
const attribute = (items: ReadonlyArray<HclItem>, name: string) => {
  const found = items.find((i) => i.kind === 'attribute' && i.name === name);
  assert.ok(found?.kind === 'attribute', `attribute ${name}`);
  return found;
};

test('heredocs: a brace or an interpolation inside is text; the attribute ends after the marker', async () => {
  const text = [
    'resource "aws_iam_policy" "p" {',
    '  policy = <<-EOT',
    '    {"Statement": [{"Resource": "}"}]}',
    '  EOT',
    '  description = <<EOT',
    'plain ${var.x} }',
    'EOT',
    '}',
    '',
  ].join('\n');
  const { body, items } = await (await loadHclPositionParser())('heredoc.tf', text);
  const fields = (body['resource'] as Record<string, Record<string, Array<Record<string, unknown>>>>)[
    'aws_iam_policy'
  ]!['p']![0]!;
  assert.equal(fields['policy'], '{"Statement": [{"Resource": "}"}]}\n');
  assert.equal(fields['description'], 'plain ${var.x} }\n');
  const resource = block(items, 'resource', 'aws_iam_policy', 'p');
  assert.equal(resource.close, text.lastIndexOf('}'));
  const policy = attribute(resource.items, 'policy');
  assert.equal(text.slice(policy.valueStart, policy.valueEnd), '<<-EOT\n    {"Statement": [{"Resource": "}"}]}\n  EOT');
  assert.equal(attribute(resource.items, 'description').line, 5);
});

test('a template with nested braces, strings and a for expression is one value', async () => {
  const value = '"x-${join("-", [for k, v in { a = "}" } : "${k}=${v}"])}-y"';
  const text = `locals {\n  a = ${value}\n  b = "%{ if var.on }on%{ else }off%{ endif }"\n  c = "$\${literal}"\n}\n`;
  const { body, items } = await (await loadHclPositionParser())('template.tf', text);
  const locals = (body['locals'] as Array<Record<string, unknown>>)[0]!;
  assert.equal(locals['a'], value.slice(1, -1));
  assert.equal(locals['c'], '$${literal}');
  const a = attribute(block(items, 'locals').items, 'a');
  assert.equal(text.slice(a.valueStart, a.valueEnd), value);
  assert.deepEqual(
    block(items, 'locals').items.map((i) => [i.name, i.line]),
    [
      ['a', 2],
      ['b', 3],
      ['c', 4],
    ],
  );
});

test('a comment holding `}` or a quote changes no structure', async () => {
  const text = [
    '# a comment with } and { braces',
    'resource "aws_vpc" "main" { # trailing }',
    '  cidr_block = "10.0.0.0/16" // another }',
    '  /* block comment with } and',
    '     "an unterminated quote */',
    '  tags = {',
    '    Name = "main" # }',
    '  }',
    '}',
    'resource "aws_vpc" "second" {',
    '}',
    '',
  ].join('\n');
  const { body, items } = await (await loadHclPositionParser())('comment.tf', text);
  assert.deepEqual(Object.keys((body['resource'] as Record<string, object>)['aws_vpc']!), ['main', 'second']);
  const main = block(items, 'resource', 'aws_vpc', 'main');
  assert.equal(main.line, 2);
  assert.equal(text.slice(main.close, main.end), '}');
  assert.equal(text.slice(0, main.end).split('\n').length, 9);
  const cidr = attribute(main.items, 'cidr_block');
  assert.equal(text.slice(cidr.valueStart, cidr.valueEnd), '"10.0.0.0/16"');
  assert.equal(block(items, 'resource', 'aws_vpc', 'second').line, 10);
});

test('unicode labels and values: labels read back, positions are JavaScript string indices', async () => {
  // The emoji is two UTF-16 code units and four UTF-8 bytes: byte offsets would point too far.
  const text = 'locals {\n  e = "🚀 ünïcode"\n}\nresource "aws_instance" "wéb_東京" {\n  ami = "ami-1"\n}\n';
  const { body, items } = await (await loadHclPositionParser())('unicode.tf', text);
  assert.deepEqual(Object.keys((body['resource'] as Record<string, object>)['aws_instance']!), ['wéb_東京']);
  const resource = block(items, 'resource', 'aws_instance', 'wéb_東京');
  assert.equal(text.slice(resource.start, resource.open), 'resource "aws_instance" "wéb_東京" ');
  const ami = attribute(resource.items, 'ami');
  assert.equal(text.slice(ami.start, ami.valueEnd), 'ami = "ami-1"');
});

test('syntax Terraform rejects is rejected, with its diagnostic, line and column', async () => {
  const parse = await loadHclParser();
  // Each of these was accepted by a tree-sitter HCL grammar (newlines are not significant there).
  const cases: Array<[string, string, number, RegExp]> = [
    ['a = 1 b = 2\n', 'two.tf', 1, /Missing newline after argument/],
    ['resource "a" "b" { x = 1 y = 2 }\n', 'oneline.tf', 1, /Invalid single-argument block definition/],
    ['locals {\n  a = { x = 1 y = 2 }\n}\n', 'object.tf', 2, /Missing attribute separator/],
    ['locals {\n  a = 1\n  a = 2\n}\n', 'dup.tf', 3, /Attribute redefined/],
    ['resource "a" "b" {\n  x = 1 # }\n', 'unclosed.tf', 1, /Unclosed configuration block/],
    ['a = <<EOT\nno end\n', 'heredoc.tf', 3, /Unterminated template string/],
  ];
  for (const [text, file, line, message] of cases) {
    await assert.rejects(parse(file, text), (err: unknown) => {
      assert.ok(err instanceof HclParseError, file);
      assert.equal(err.line, line, file);
      assert.match(err.message, message);
      return true;
    });
  }
});

test('a syntax error in a code directory is one hcl.syntax error naming the file and line', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dw-hcl-'));
  try {
    await writeFile(join(dir, 'a.tf'), 'resource "aws_vpc" "ok" {\n  cidr_block = "10.0.0.0/16"\n}\n');
    await writeFile(join(dir, 'b.tf'), 'locals {\n  a = "x" b = "y"\n}\n');
    await assert.rejects(readTerraformCode(dir), (err: unknown) => {
      assert.ok(err instanceof DriftwardenError);
      assert.equal(err.code, 'hcl.syntax');
      assert.equal(err.details.file, join(dir, 'b.tf'));
      assert.deepEqual([err.details.line, err.details.column], [2, 11]);
      assert.equal(
        err.message,
        'HCL syntax error: Missing newline after argument; An argument definition must end with a newline.',
      );
      return true;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an error that is not the parser rejecting the file is not reported as a syntax error', () => {
  const defect = new TypeError('boom');
  assert.throws(
    () => hclSyntaxError('x.tf', defect),
    (err: unknown) => err === defect,
  );
});
