/**
 * Hostile text on its way to a browser or a log reader: an address carrying a right-to-left
 * override (U+202E) and control characters. HTML escaping alone does not help here: a browser
 * applies a bidi override written as `&#x202e;` just the same, reordering what the reader sees.
 * The HTML report and the dashboard show such characters as visible escapes (`\u202e`), and the
 * server's JSON access log writes them as `\uXXXX` escapes, as every JSON output of Driftwarden does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { runCli } from './support/cli.js';
import { ownFixture } from './support/paths.js';
import { spawnServer, startTestServer } from './support/server.js';
import { finding, record, scan, T1 } from './support/store-contract.js';

// Bidi controls, C1 and the line separators: never raw in a page or a log line. (C0 but tab and
// LF too; CR is checked apart, since a page may end its lines with CR LF.)
// eslint-disable-next-line no-control-regex -- finding control characters is the point of the test
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

function assertNoRaw(text: string, what: string): void {
  const raw = RAW.exec(text);
  assert.equal(
    raw,
    null,
    `${what}: raw U+${raw?.[0].codePointAt(0)?.toString(16).padStart(4, '0')} at ${raw?.index}: ${JSON.stringify(text.slice(Math.max(0, (raw?.index ?? 0) - 60), (raw?.index ?? 0) + 20))}`,
  );
}

test('the HTML report shows bidi overrides and control characters in addresses as visible escapes', async () => {
  const run = await runCli(['scan', '--plan', ownFixture('hostile/plan.json'), '-o', 'html', '--no-history']);
  assert.equal(run.code, 2, run.stderr);
  assertNoRaw(run.stdout, 'scan -o html');
  assert.match(run.stdout, /\\u202e/, 'the override is shown, not dropped');
  assert.match(run.stdout, /\\x1b\[2J/, 'the ESC is shown, not dropped');
});

test('the dashboard shows a hostile address with visible escapes', async () => {
  const server = await startTestServer();
  try {
    const hostile = finding('x', {});
    const address = 'aws_security_group.gnp\u202eexe.txt\u0085';
    await record(
      server.store.history,
      scan('scan-1', T1, [{ ...hostile, resource: { ...hostile.resource, address } }]),
    );
    const signIn = await fetch(`${server.url}/ui/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: server.tokens.viewer, returnTo: '/ui/findings' }).toString(),
      redirect: 'manual',
    });
    assert.equal(signIn.status, 303, await signIn.text());
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const page = await fetch(`${server.url}/ui/findings`, { headers: { cookie } });
    const html = await page.text();
    assert.equal(page.status, 200, html);
    assertNoRaw(html, 'GET /ui/findings');
    assert.match(html, /gnp\\u202eexe\.txt\\x85/, 'the address is shown with its escapes');
  } finally {
    await server.close();
  }
});

test("the server's JSON access log writes raw C1 and bidi characters from a request as \\u escapes", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-hostile-log-'));
  const server = await spawnServer(['--store', join(dir, 'history.db')]);
  try {
    const { hostname, port } = new URL(server.url);
    // A raw request whose Host header carries UTF-8 bytes: Node reads header bytes as Latin-1, so
    // E2 80 AE (U+202E in UTF-8) arrives as "\u00e2\u0080\u00ae", a C1 character among them.
    const reply = await new Promise<string>((done, fail) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write(
          Buffer.concat([
            Buffer.from('GET /healthz HTTP/1.1\r\nHost: a'),
            Buffer.from([0xe2, 0x80, 0xae, 0xc2, 0x85]),
            Buffer.from('b\r\nConnection: close\r\n\r\n'),
          ]),
        );
      });
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('end', () => done(text));
      socket.on('error', fail);
    });
    assert.match(reply, /^HTTP\/1\.1 200/, reply);
    await new Promise((r) => setTimeout(r, 200)); // the log line is written after the reply
    const log = server.stdout();
    assert.match(log, /"host":"a\u00e2\\u0080®/, `the request's host is logged, escaped:\n${log}`);
    assertNoRaw(log, 'access log');
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
