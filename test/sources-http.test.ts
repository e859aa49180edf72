/** The HTTP backend against a real node:http server with basic auth, on 127.0.0.1. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DriftwardenError } from '../src/model/errors.js';
import { readStateText } from '../src/sources/terraform/locations.js';
import { loadRecorded } from '../src/sources/terraform/index.js';
import { ownFixture } from './support/paths.js';

const USER = 'terraform';
const PASSWORD = 'pa55-w0rd-never-shown';
const stateText = readFileSync(ownFixture('terraform/states/aliased-providers.tfstate'), 'utf8');
let server: Server;
let base: string;
const seenAuth: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    seenAuth.push(req.headers.authorization ?? '');
    if (req.method !== 'GET') return void res.writeHead(405).end();
    if (req.headers.authorization !== expected) return void res.writeHead(401, { 'www-authenticate': 'Basic' }).end();
    if (req.url === '/state/app') return void res.writeHead(200, { 'content-type': 'application/json' }).end(stateText);
    if (req.url === '/state/forbidden') return void res.writeHead(403).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function withCredentials(user: string, password: string, path: string): string {
  const url = new URL(path, base);
  url.username = user;
  url.password = password;
  return url.toString();
}

test('credentials in the URL are sent as basic auth and kept out of the source', async () => {
  const read = await readStateText({ location: withCredentials(USER, PASSWORD, '/state/app') });
  assert.equal(read.text, stateText);
  assert.equal(read.source, `${base}/state/app`);
  assert.equal(seenAuth.at(-1), `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`);
});

test('TF_HTTP_USERNAME / TF_HTTP_PASSWORD are used when the URL has none', async () => {
  const loaded = await loadRecorded({
    states: [{ location: `${base}/state/app` }],
    read: { env: { TF_HTTP_USERNAME: USER, TF_HTTP_PASSWORD: PASSWORD } },
  });
  assert.ok(loaded.recorded.resources.some((r) => r.address === 'aws_vpc.replica'));
  assert.deepEqual(loaded.sources, [`${base}/state/app`]);
});

test('wrong credentials are backend.denied without the password anywhere in the error', async () => {
  const wrong = 'wr0ng-secret-value';
  await assert.rejects(readStateText({ location: withCredentials(USER, wrong, '/state/app') }), (err: unknown) => {
    assert.ok(err instanceof DriftwardenError);
    assert.equal(err.code, 'backend.denied');
    assert.equal(err.details.file, `${base}/state/app`);
    const everything = `${err.describe()} ${JSON.stringify(err.details)} ${String(err.stack)}`;
    assert.ok(!everything.includes(wrong), 'the password must not appear');
    assert.ok(!everything.includes(USER + ':'), 'the user:password pair must not appear');
    return true;
  });
  await assert.rejects(
    readStateText({ location: `${base}/state/app` }, { env: { TF_HTTP_USERNAME: USER, TF_HTTP_PASSWORD: wrong } }),
    (err: unknown) => {
      assert.ok(err instanceof DriftwardenError && err.code === 'backend.denied');
      assert.ok(!err.describe().includes(wrong));
      return true;
    },
  );
});

test('403 is backend.denied, 404 and a closed port are backend.unreachable', async () => {
  const env = { TF_HTTP_USERNAME: USER, TF_HTTP_PASSWORD: PASSWORD };
  await assert.rejects(
    readStateText({ location: `${base}/state/forbidden` }, { env }),
    (err: unknown) => err instanceof DriftwardenError && err.code === 'backend.denied',
  );
  await assert.rejects(readStateText({ location: `${base}/state/none` }, { env }), (err: unknown) => {
    assert.ok(err instanceof DriftwardenError && err.code === 'backend.unreachable');
    assert.match(err.message, /404/);
    return true;
  });
  await assert.rejects(
    readStateText({ location: withCredentials(USER, PASSWORD, 'http://127.0.0.1:9/state') }),
    (err: unknown) => {
      assert.ok(err instanceof DriftwardenError && err.code === 'backend.unreachable');
      assert.ok(!err.describe().includes(PASSWORD));
      assert.equal(err.details.file, 'http://127.0.0.1:9/state');
      return true;
    },
  );
});
