import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeUriPart, redactLocation, redactUnparseableLocation } from './redact-location.js';

test('credentials and secret-looking parameters are removed from a URL', () => {
  assert.equal(redactLocation('https://u:p4ss@host/state?token=abc&ws=a'), 'https://host/state?token=REDACTED&ws=a');
  assert.equal(redactLocation('/local/path@x'), '/local/path@x');
});

test('an unparseable URL is redacted too: nothing between the scheme and the last @, no query', () => {
  // An unclosed IPv6 bracket makes the URL invalid; the password holds @ and :.
  const hostile = 'http://admin:p@ss:w0rd@[bad host/state?access_token=xyz#frag';
  assert.throws(() => new URL(hostile));
  const shown = redactLocation(hostile);
  assert.equal(shown, 'http://[bad host/state');
  for (const secret of ['p@ss', 'w0rd', 'xyz', 'admin']) assert.ok(!shown.includes(secret), secret);
  assert.equal(redactUnparseableLocation('https://[::1'), 'https://[::1');
});

test('decodeUriPart keeps a malformed escape as written', () => {
  assert.equal(decodeUriPart('a%20b'), 'a b');
  assert.equal(decodeUriPart('%E0%A4%A'), '%E0%A4%A');
});
