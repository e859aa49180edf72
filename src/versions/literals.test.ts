import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyScan, parseImageReference, scanLiterals } from './literals.js';

test('image references: tag after the last colon that follows the last slash, digests win', () => {
  assert.deepEqual(parseImageReference('nginx:1.25'), { repository: 'nginx', tag: '1.25' });
  assert.deepEqual(parseImageReference('registry.local:5000/team/app'), { repository: 'registry.local:5000/team/app' });
  assert.deepEqual(parseImageReference('registry.local:5000/team/app:2.0.1'), {
    repository: 'registry.local:5000/team/app',
    tag: '2.0.1',
  });
  assert.deepEqual(parseImageReference('app@sha256:abc'), { repository: 'app', digest: 'sha256:abc' });
});

test('AMI literals anywhere, image literals under image keys, expressions noted', () => {
  const out = emptyScan();
  scanLiterals(
    {
      ami: 'ami-0123456789abcdef0',
      launch: [{ image_id: '${var.ami}' }],
      tags: { Name: 'ami-not-an-id' },
      container: [{ image: 'ghcr.io/acme/api:1.4.2' }, { image: 'busybox' }],
    },
    '',
    out,
  );
  assert.deepEqual(
    out.literals.map((l) => [l.category, l.path, l.value, l.unpinned]),
    [
      ['ami', 'ami', 'ami-0123456789abcdef0', false],
      ['image', 'container[0].image', '1.4.2', false],
      ['image', 'container[1].image', undefined, true],
    ],
  );
  assert.deepEqual(out.expressions, ['launch[0].image_id']);
});

test('images inside jsonencode(...) and inside a JSON heredoc', () => {
  const out = emptyScan();
  scanLiterals(
    {
      container_definitions:
        '${jsonencode([{ name = "api", image = "acme/api:1.4.2" }, { name = "log", image = "fluent/fluent-bit:latest" }])}',
      heredoc: '[{"name":"web","image":"nginx:1.25.3"}]',
      dynamic: '${jsonencode([{ name = "x", image = "${var.repo}:${var.tag}" }])}',
    },
    '',
    out,
  );
  assert.deepEqual(
    out.literals.map((l) => [l.path, l.source, l.value, l.unpinned]),
    [
      ['container_definitions#0', 'acme/api', '1.4.2', false],
      ['container_definitions#1', 'fluent/fluent-bit', 'latest', true],
      ['heredoc[0].image', 'nginx', '1.25.3', false],
    ],
  );
  assert.deepEqual(out.expressions, ['dynamic']);
});

test('a computed image next to a literal one in the same jsonencode is noted, the literal read', () => {
  const out = emptyScan();
  scanLiterals({ defs: '${jsonencode([{ image = var.image }, { image = "fluent/fluent-bit:2.32.0" }])}' }, '', out);
  assert.deepEqual(
    out.literals.map((l) => [l.path, l.value]),
    [['defs#1', '2.32.0']],
  );
  assert.deepEqual(out.expressions, ['defs#0']);
});
