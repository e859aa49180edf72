import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson } from './canonical.js';
import {
  entryHash,
  GENESIS_HASH,
  verifyChain,
  type AuditEntryContent,
  type ChainHead,
  type StoredEntryRow,
} from './chain.js';
import { redactDetails } from './redact.js';

function chain(count: number): StoredEntryRow[] {
  const rows: StoredEntryRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const content: AuditEntryContent = {
      seq,
      time: `2025-01-01T00:00:0${seq}Z`,
      actor: 'alice',
      action: 'finding.opened',
      subject: `aws_instance.web${seq}`,
      details: { n: seq },
    };
    const hash = entryHash(content, prev);
    rows.push({ ...content, details: canonicalJson(content.details), prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

const headOf = (rows: StoredEntryRow[]): ChainHead => ({
  seq: rows.at(-1)?.seq ?? 0,
  hash: rows.at(-1)?.hash ?? GENESIS_HASH,
  count: rows.length,
});

test('canonical JSON sorts keys at every depth and drops undefined members', () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'é' }, u: undefined }),
    '{"a":{"c":"é","d":[1,{"x":1,"y":2}]},"b":1}',
  );
  assert.throws(() => canonicalJson({ n: Number.NaN }), /cannot hold the number NaN/);
});

test('an intact chain verifies and reports its head hash', () => {
  const rows = chain(4);
  assert.deepEqual(verifyChain(rows, headOf(rows)), { ok: true, entries: 4, headHash: rows[3]!.hash });
  assert.deepEqual(verifyChain([], { seq: 0, hash: GENESIS_HASH, count: 0 }), {
    ok: true,
    entries: 0,
    headHash: GENESIS_HASH,
  });
});

test('each kind of tampering names the first bad entry', () => {
  const rows = chain(5);
  const head = headOf(rows);
  const edited = rows.map((r) => (r.seq === 3 ? { ...r, details: '{"n":33}' } : r));
  assert.equal(verifyChain(edited, head).firstBadSeq, 3);
  assert.match(verifyChain(edited, head).problem!, /entry 3 was edited/);

  const deleted = rows.filter((r) => r.seq !== 2);
  assert.equal(verifyChain(deleted, head).firstBadSeq, 2);
  assert.match(verifyChain(deleted, head).problem!, /entry 2 is missing/);

  const truncated = rows.slice(0, 3);
  assert.equal(verifyChain(truncated, head).firstBadSeq, 4);
  assert.match(verifyChain(truncated, head).problem!, /entries 4 to 5 were deleted/);

  // Swapped contents keep their positions' seq numbers: the chain link breaks at the first one.
  const swapped = [rows[0]!, { ...rows[2]!, seq: 2 }, { ...rows[1]!, seq: 3 }, rows[3]!, rows[4]!];
  assert.equal(verifyChain(swapped, head).firstBadSeq, 2);
  assert.match(verifyChain(swapped, head).problem!, /does not follow entry 1/);

  // A forged entry appended with a correct hash but without moving the head.
  const forged = chain(6);
  assert.equal(verifyChain(forged, head).firstBadSeq, 6);
  assert.match(verifyChain(forged, head).problem!, /not the head/);

  assert.match(verifyChain(rows, undefined).problem!, /head record is missing/);
});

test('details are redacted by key name, in URLs and in PEM blocks', () => {
  const out = redactDetails({
    password: 'hunter2',
    nested: { client_secret: 'x', sessionToken: 'y', http_tokens: 'required', sensitive: true },
    source: 'https://user:pw@example.com/state?access_token=abc',
    note: 'key: -----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY----- done',
  }) as Record<string, unknown>;
  assert.equal(out['password'], '(sensitive)');
  assert.deepEqual(out['nested'], {
    client_secret: '(sensitive)',
    sessionToken: '(sensitive)',
    http_tokens: 'required',
    sensitive: true,
  });
  assert.equal(out['source'], 'https://example.com/state');
  assert.equal(out['note'], 'key: (sensitive) done');
});
