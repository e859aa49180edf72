import { test } from 'node:test';
import assert from 'node:assert/strict';
import { realignAround } from './hcl-layout.js';
import { loadHclPositionParser, type HclAttribute, type HclBlock } from '../../sources/terraform/hcl-parser.js';
import { parseLiteral, renderLiteral } from './hcl-literal.js';

const TEXT = `# resource "aws_instance" "web" { in a comment
locals {
  x = "resource \\"aws_instance\\" \\"web\\" { ${'${'}"}"}"
}
resource "aws_instance" "web" {
  user_data = <<EOT
}
instance_type = "wrong"
EOT
  /* } */ instance_type = "t3.small" // why
  tags = {
    Name = "web", "Cost Center" = var.cc
  }
  nested {
    instance_type = "inner"
  }
}
`;

test('the parser places the block, its own attributes and the tags entries past strings, templates, heredocs and comments', async () => {
  const { items } = await (await loadHclPositionParser())('main.tf', TEXT);
  const block = items.find((i): i is HclBlock => i.kind === 'block' && i.labels.join('.') === 'aws_instance.web');
  assert.ok(block);
  assert.equal(block.line, 5);
  assert.equal(TEXT[block.open], '{');
  assert.equal(block.close, TEXT.lastIndexOf('}'));
  const attributes = block.items.filter((i): i is HclAttribute => i.kind === 'attribute');
  assert.deepEqual(
    attributes.map((a) => [a.name, TEXT.slice(a.valueStart, a.valueEnd)]),
    [
      ['user_data', '<<EOT\n}\ninstance_type = "wrong"\nEOT'],
      ['instance_type', '"t3.small"'],
      ['tags', '{\n    Name = "web", "Cost Center" = var.cc\n  }'],
    ],
  );
  assert.deepEqual(
    attributes[2]!.entries?.map((e) => [e.key, TEXT.slice(e.valueStart, e.valueEnd)]),
    [
      ['Name', '"web"'],
      ['Cost Center', 'var.cc'],
    ],
  );
});

test('literals: plain values parse, anything Terraform evaluates does not; rendering round-trips', () => {
  assert.deepEqual(parseLiteral('["a", 1, true] # c'), { ok: true, value: ['a', 1, true] });
  assert.deepEqual(parseLiteral('{\n  a = "x"\n  "b c" = 2\n}'), { ok: true, value: { a: 'x', 'b c': 2 } });
  for (const expression of ['var.x', '"${var.x}-a"', 'merge({}, {})', 'local.tags', '<<EOT\nx\nEOT', '1 + 2']) {
    assert.equal(parseLiteral(expression).ok, false, expression);
  }
  const value = { Name: 'a ${not} template', 'cost:center': '7', list: ['x', 'y'] };
  assert.deepEqual(parseLiteral(renderLiteral(value, '')), { ok: true, value });
});

test('realigns the run of one-line assignments around an edit, as terraform fmt does', () => {
  const text = 'x {\n  a = 1\n  longer_name = 2\n  m = {\n    k = 1\n  }\n  b = 3\n}\n';
  assert.equal(
    realignAround(text, text.indexOf('a =')),
    'x {\n  a           = 1\n  longer_name = 2\n  m = {\n    k = 1\n  }\n  b = 3\n}\n',
  );
});
