/**
 * Hostile state backends, served by a real local server: one that never answers, one that trickles
 * a byte at a time (slow-loris), one that never finishes its TLS handshake, a gigabyte announced,
 * an endless chunked body, a gzip bomb, a damaged gzip body, a redirect to another origin. Each
 * read stops at its limit with one message naming the location and the `limits.*` key; the HTTP
 * and S3 backends both, and through the built CLI as a user runs it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DriftwardenError } from '../src/model/errors.js';
import { readStateText } from '../src/sources/terraform/locations.js';
import type { ReadLimits } from '../src/sources/terraform/limits.js';
import { runCli } from './support/cli.js';
import { ownFixture } from './support/paths.js';

const stateText = readFileSync(ownFixture('terraform/states/aliased-providers.tfstate'), 'utf8');
const MIB = 1024 * 1024;
/** 256 MiB of zeros: about 256 KiB once gzipped. */
const bomb = gzipSync(Buffer.alloc(256 * MIB), { level: 9 });
const seenAuthorization = new Map<string, string | undefined>();
const sockets = new Set<Socket>();

function handle(req: IncomingMessage, res: ServerResponse): void {
  // S3 requests (path style) arrive as /tf-state/<key>?x-id=GetObject.
  const path = (req.url ?? '').replace(/^\/tf-state/, '').replace(/\?.*$/, '');
  seenAuthorization.set(path, req.headers.authorization);
  switch (path) {
    case '/state':
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(stateText);
    case '/gzip':
      return void res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(stateText));
    case '/silent':
      return; // accepts, reads the request, never answers
    case '/trickle': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
      return;
    }
    case '/huge':
      res.writeHead(200, { 'content-length': String(1024 * MIB) });
      return void res.write('{');
    case '/endless': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      const pump = () => {
        while (res.write(chunk));
      };
      res.on('drain', pump);
      res.on('close', () => res.off('drain', pump));
      return pump();
    }
    case '/bomb':
      return void res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb);
    case '/damaged':
      return void res.writeHead(200, { 'content-encoding': 'gzip' }).end(Buffer.from('not gzip at all'));
    case '/empty':
      return void res.writeHead(200).end();
    default:
      if (path.startsWith('/elsewhere')) {
        return void res.writeHead(302, { location: `${otherBase}/state` }).end();
      }
      res.writeHead(404).end();
  }
}

let server: Server;
let other: Server;
let tls: TcpServer;
let base: string;
let otherBase: string;
let tlsBase: string;

async function listen(s: Server | TcpServer): Promise<number> {
  s.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return (s.address() as AddressInfo).port;
}

before(async () => {
  server = createServer(handle);
  other = createServer(handle);
  // Accepts TCP, never speaks TLS: an https:// client never finishes connecting.
  tls = createTcpServer(() => {});
  base = `http://127.0.0.1:${await listen(server)}`;
  otherBase = `http://127.0.0.1:${await listen(other)}`;
  tlsBase = `https://127.0.0.1:${await listen(tls)}`;
});
after(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all([server, other, tls].map((s) => new Promise((resolve) => s.close(resolve))));
});

const small: ReadLimits = {
  maxBytes: MIB,
  connectTimeoutMs: 1_000,
  firstByteTimeoutMs: 1_000,
  transferTimeoutMs: 2_000,
};

async function refused(location: string, limits: ReadLimits = small): Promise<DriftwardenError> {
  const started = Date.now();
  try {
    await readStateText({ location }, { limits, env: {} });
  } catch (err) {
    assert.ok(err instanceof DriftwardenError, String(err));
    assert.ok(Date.now() - started < 10_000, `${location} failed within its limits`);
    return err;
  }
  assert.fail(`${location} was read`);
}

test('an ordinary state, plain and gzip-encoded, is read whole', async () => {
  assert.equal((await readStateText({ location: `${base}/state` }, { limits: small })).text, stateText);
  assert.equal((await readStateText({ location: `${base}/gzip` }, { limits: small })).text, stateText);
});

test('a backend that never answers fails at the first-byte limit, naming the key', async () => {
  const err = await refused(`${base}/silent`);
  assert.equal(err.code, 'backend.unreachable');
  assert.match(err.message, /sent no response within 1 s/);
  assert.equal(err.details.key, 'limits.backend_first_byte_timeout');
  assert.equal(err.details.file, `${base}/silent`);
});

test('a slow-loris body (a byte every 100 ms, forever) fails at the whole-transfer limit', async () => {
  const err = await refused(`${base}/trickle`);
  assert.match(err.message, /did not finish sending the state within 2 s/);
  assert.equal(err.details.key, 'limits.backend_transfer_timeout');
});

test('a TLS handshake that never completes fails at the connect limit', async () => {
  const err = await refused(`${tlsBase}/state`);
  assert.match(err.message, /cannot connect to the HTTP backend within 1 s/);
  assert.equal(err.details.key, 'limits.backend_connect_timeout');
});

test('a body above the size limit: refused from its Content-Length, or stopped at the limit when it has none', async () => {
  const announced = await refused(`${base}/huge`);
  assert.match(announced.message, /announced 1 GiB, above the limit of 1 MiB/);
  assert.equal(announced.details.key, 'limits.max_state_size');
  const endless = await refused(`${base}/endless`);
  assert.match(endless.message, /sent more than the limit of 1 MiB$/);
});

test('a gzip bomb stops at the size limit once decompressed; a damaged body and an empty one say so', async () => {
  const before = process.memoryUsage().rss;
  const bombed = await refused(`${base}/bomb`, { ...small, maxBytes: 8 * MIB });
  assert.match(bombed.message, /sent more than the limit of 8 MiB once decompressed/);
  assert.equal(bombed.details.key, 'limits.max_state_size');
  // 256 MiB would have been decompressed without the limit; the process grew by far less.
  assert.ok(process.memoryUsage().rss - before < 128 * MIB, 'the bomb was not decompressed whole');
  assert.match((await refused(`${base}/damaged`)).message, /gzip body is damaged/);
  assert.match((await refused(`${base}/empty`)).message, /returned an empty state/);
});

test('a redirect to another origin is followed without the credentials', async () => {
  const url = new URL(`${base}/elsewhere`);
  url.username = 'terraform';
  url.password = 'never-forwarded';
  const read = await readStateText({ location: url.toString() }, { limits: small });
  assert.equal(read.text, stateText);
  assert.match(seenAuthorization.get('/elsewhere') ?? '', /^Basic /);
  assert.equal(seenAuthorization.get('/state'), undefined, 'the other origin got no Authorization header');
});

test('through the CLI: a silent backend, a gzip bomb and an invalid URL each end in one message naming the location, exit 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-hostile-'));
  const config = join(dir, 'driftwarden.yaml');
  writeFileSync(
    config,
    'environments:\n  prod: { tier: production, states: [] }\nlimits:\n  max_state_size: 8MiB\n  backend_first_byte_timeout: 1s\n  backend_transfer_timeout: 3s\n',
  );
  const scan = (location: string) =>
    // `graph` reads the states alone (no cloud): the backend is all that is tested here.
    runCli(['graph', '--config', config, '--state', location], { cwd: dir, timeoutMs: 60_000 });
  const silent = await scan(`${base}/silent`);
  assert.equal(silent.code, 1);
  assert.equal(silent.stdout, '', 'no partial report');
  assert.match(
    silent.stderr,
    new RegExp(
      `^driftwarden: error: ${base}/silent: the HTTP backend sent no response within 1 s \\(at limits\\.backend_first_byte_timeout\\)`,
    ),
  );
  const bombed = await scan(`${base}/bomb`);
  assert.equal(bombed.code, 1);
  assert.match(bombed.stderr, /bomb: the HTTP backend sent more than the limit of 8 MiB once decompressed/);
  assert.doesNotMatch(bombed.stderr, /empty state/);
  const invalid = await scan('http://user:pa55word@[bad-host/state');
  assert.equal(invalid.code, 1);
  assert.match(
    invalid.stderr,
    /^driftwarden: error: http:\/\/\[bad-host\/state: the state location is not a valid URL/,
  );
  assert.doesNotMatch(invalid.stderr, /internal error|pa55word/);
});

test('the S3 backend: an endpoint that never answers, one that trickles, and an object above the size limit are refused, naming the key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dw-hostile-s3-'));
  const config = join(dir, 'driftwarden.yaml');
  writeFileSync(
    config,
    'environments:\n  prod: { tier: production, states: [] }\nlimits:\n  max_state_size: 1MiB\n  backend_first_byte_timeout: 1s\n  backend_transfer_timeout: 4s\n',
  );
  const s3 = (endpoint: string, key: string) =>
    runCli(['graph', '--config', config, '--state', `s3://tf-state/${key}`], {
      cwd: dir,
      timeoutMs: 60_000,
      env: {
        AWS_ENDPOINT_URL_S3: endpoint,
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_REGION: 'eu-west-1',
        AWS_MAX_ATTEMPTS: '1',
      },
    });
  const silent = await s3(base, 'silent');
  assert.equal(silent.code, 1, silent.stderr);
  assert.match(
    silent.stderr,
    /^driftwarden: error: s3:\/\/tf-state\/silent: S3 sent no response within 1 s \(at limits\.backend_first_byte_timeout\)/,
  );
  const trickle = await s3(base, 'trickle');
  assert.equal(trickle.code, 1, trickle.stderr);
  assert.match(
    trickle.stderr,
    /s3:\/\/tf-state\/trickle: reading the state from S3 did not finish within 4 s \(at limits\.backend_transfer_timeout\)/,
  );
  const huge = await s3(base, 'huge');
  assert.equal(huge.code, 1, huge.stderr);
  assert.match(
    huge.stderr,
    /s3:\/\/tf-state\/huge: the state object is 1 GiB, above the limit of 1 MiB \(at limits\.max_state_size\)/,
  );
});
