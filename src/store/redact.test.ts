import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSource } from './redact.js';

test('redactSource strips credentials and the query, also from a URL the parser refuses', () => {
  assert.equal(redactSource('https://u:tok3n@host/state?access_token=x'), 'https://host/state');
  const unparseable = 'https://admin:p@ss:w0rd@[bad host/state?sig=abc';
  assert.throws(() => new URL(unparseable));
  const kept = redactSource(unparseable);
  for (const secret of ['p@ss', 'w0rd', 'abc', 'admin']) assert.ok(!kept.includes(secret), `${secret} in ${kept}`);
  assert.equal(redactSource('./states/app.tfstate'), './states/app.tfstate');
});
