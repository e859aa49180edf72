/**
 * Notifications against real HTTP receivers on loopback ports started here: a generic webhook
 * whose receiver verifies the HMAC-SHA256 signature itself, a Slack-compatible one whose URL comes
 * from the environment, a receiver that answers 500 and then recovers, one that never answers
 * (timeout, then a dead letter visible through the API), and a scan recorded while a receiver
 * hangs (it does not wait). The sender follows a real store's audit log (SQLite).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NotificationsConfig, WebhookConfig } from '../src/config/notifications.js';
import { NotificationSender } from '../src/notify/sender.js';
import { openStore, type Store } from '../src/store/index.js';
import { finding, record, scan, T1 } from './support/store-contract.js';
import { api, startTestServer, tempStorePath } from './support/server.js';

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A receiver whose answer to each request the test decides; it keeps every request it got. */
async function receiver(answer: (n: number, res: ServerResponse) => void) {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(got.length, res);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/T000/B000/not-a-real-path`;
  return {
    url,
    got,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

const SECRET = 'whsec-test-0123456789';
const settings = (webhooks: WebhookConfig[], over: Partial<NotificationsConfig> = {}): NotificationsConfig => ({
  webhooks,
  attempts: 3,
  backoffMs: 20,
  maxBackoffMs: 100,
  timeoutMs: 500,
  ...over,
});
const generic = (url: string, over: Partial<WebhookConfig> = {}): WebhookConfig => ({
  name: 'ops',
  format: 'generic',
  url: { value: url },
  secret: { env: 'DW_TEST_HOOK_SECRET' },
  events: ['finding', 'breakglass', 'reconcile', 'controller'],
  minSeverity: 'high',
  ...over,
});
const env = { DW_TEST_HOOK_SECRET: SECRET } as NodeJS.ProcessEnv;

/** What a receiver does: recompute the HMAC of the exact bytes with its copy of the secret. */
function verified(r: Received, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(r.body).digest('hex')}`);
  const sent = Buffer.from(String(r.headers['x-driftwarden-signature-256'] ?? ''));
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function storeWithSender(config: NotificationsConfig, extraEnv: NodeJS.ProcessEnv = {}) {
  const temp = tempStorePath();
  const store = await openStore(temp.path);
  const logs: string[] = [];
  const sender = new NotificationSender({
    store,
    settings: config,
    env: { ...env, ...extraEnv },
    clock: () => new Date(),
    intervalMs: 60_000,
    log: (line) => logs.push(line),
  });
  cleanups.push(temp.cleanup, () => store.close());
  // The first round starts the cursor at the log's head: history before it is not sent.
  await store.audit.append({ actor: 'test', action: 'breakglass.opened', subject: 'before-start', details: {} });
  await sender.runOnce();
  return { store, sender, logs, location: temp.path };
}

async function appendEvents(store: Store): Promise<void> {
  const add = (action: Parameters<Store['audit']['append']>[0]['action'], subject: string, details: object) =>
    store.audit.append({ actor: 'driftwarden', action, subject, details });
  await add('finding.opened', 'aws_security_group.web', {
    findingId: 'f-critical',
    severity: 'critical',
    kind: 'policy',
    environment: 'prod',
    summary: 'ingress 0.0.0.0/0 on port 22 added',
  });
  await add('finding.opened', 'aws_s3_bucket.logs', { findingId: 'f-low', severity: 'low', environment: 'prod' });
  await add('scan.recorded', 'scan-1', { findings: 2 });
  await add('breakglass.opened', 'bg-1', { reason: 'incident 42' });
  await add('action.applied', 'aws_security_group.web', { findingId: 'f-critical' });
  await add('action.cycle-failed', 'cycle-7', { reason: 'state unreadable' });
}

test('a generic webhook gets each event once, in order, signed; the receiver verifies the HMAC; below the severity and other entries are not sent', async () => {
  const hook = await receiver((_n, res) => res.writeHead(204).end());
  cleanups.push(hook.close);
  const slack = await receiver((_n, res) => res.writeHead(200).end('ok'));
  cleanups.push(slack.close);
  const slackHook: WebhookConfig = {
    name: 'team',
    format: 'slack',
    url: { env: 'DW_TEST_SLACK_URL' },
    events: ['finding', 'breakglass'],
    minSeverity: 'critical',
  };
  const { store, sender, logs } = await storeWithSender(settings([generic(hook.url), slackHook]), {
    DW_TEST_SLACK_URL: slack.url,
  });
  assert.equal(hook.got.length, 0, 'history before the first round is not sent');
  await appendEvents(store);
  await sender.runOnce();
  await sender.runOnce(); // a second round sends nothing again

  assert.deepEqual(
    hook.got.map((r) => r.headers['x-driftwarden-event']),
    ['finding.opened', 'breakglass.opened', 'action.applied', 'action.cycle-failed'],
  );
  for (const r of hook.got) {
    assert.ok(verified(r, SECRET), 'signature verifies with the shared secret');
    assert.ok(!verified(r, 'another-secret'), 'and not with another');
    assert.ok(!verified({ ...r, body: `${r.body} ` }, SECRET), 'an edited body fails');
    assert.equal(r.headers['content-type'], 'application/json');
    assert.doesNotMatch(r.body, new RegExp(SECRET), 'the secret is never in the body');
  }
  const first = JSON.parse(hook.got[0]!.body) as Record<string, unknown>;
  assert.equal(first['event'], 'finding.opened');
  assert.equal(first['subject'], 'aws_security_group.web');
  assert.equal((first['details'] as Record<string, unknown>)['severity'], 'critical');
  assert.equal(first['delivery'], hook.got[0]!.headers['x-driftwarden-delivery']);

  assert.deepEqual(
    slack.got.map((r) => (JSON.parse(r.body) as { text: string }).text),
    [
      'Driftwarden: new critical policy finding in prod: ingress 0.0.0.0/0 on port 22 added',
      'Driftwarden: break-glass session bg-1 opened (by driftwarden): incident 42',
    ],
  );
  assert.equal(slack.got[0]!.headers['x-driftwarden-signature-256'], undefined, 'Slack bodies are not signed');
  assert.deepEqual(await store.notifications.deadLetters(), []);
  assert.deepEqual(logs, []);
});

test('a receiver that answers 500 and then recovers gets the event on a later attempt, with the same delivery id', async () => {
  const hook = await receiver((n, res) => res.writeHead(n <= 2 ? 500 : 200).end());
  cleanups.push(hook.close);
  const { store, sender } = await storeWithSender(settings([generic(hook.url)]));
  await store.audit.append({ actor: 'ann', action: 'breakglass.closed', subject: 'bg-2', details: {} });
  await sender.runOnce();
  assert.equal(hook.got.length, 3);
  assert.equal(new Set(hook.got.map((r) => r.headers['x-driftwarden-delivery'])).size, 1);
  assert.ok(hook.got.every((r) => verified(r, SECRET)));
  assert.deepEqual(await store.notifications.deadLetters(), []);
});

test('a receiver that never answers: each attempt times out, the event becomes a dead letter (API, operators only), later events still go out', async () => {
  let hanging = true;
  const held: ServerResponse[] = [];
  const hook = await receiver((_n, res) => {
    if (hanging) held.push(res);
    else res.writeHead(200).end();
  });
  cleanups.push(hook.close);
  const { store, sender, logs, location } = await storeWithSender(
    settings([generic(hook.url)], { attempts: 2, timeoutMs: 200 }),
  );
  await store.audit.append({ actor: 'driftwarden', action: 'action.failed', subject: 'aws_instance.a', details: {} });
  await sender.runOnce();
  assert.equal(hook.got.length, 2, 'two attempts');
  const letters = await store.notifications.deadLetters();
  assert.equal(letters.length, 1);
  assert.equal(letters[0]!.event, 'action.failed');
  assert.equal(letters[0]!.attempts, 2);
  assert.equal(letters[0]!.lastError, 'no answer within 200 ms');
  assert.equal(letters[0]!.id, hook.got[0]!.headers['x-driftwarden-delivery']);
  for (const text of [...logs, JSON.stringify(letters)]) {
    assert.doesNotMatch(text, /not-a-real-path|127\.0\.0\.1/, 'no URL in logs or dead letters');
    assert.doesNotMatch(text, new RegExp(SECRET));
  }
  assert.match(logs.join('\n'), /ops:\d+ \(action\.failed\) to webhook ops failed 2 attempt\(s\)/);

  hanging = false;
  await store.audit.append({ actor: 'driftwarden', action: 'action.applied', subject: 'aws_instance.b', details: {} });
  await sender.runOnce();
  assert.equal(hook.got.at(-1)!.headers['x-driftwarden-event'], 'action.applied', 'the next event is sent');
  assert.equal(hook.got.length, 3, 'the dead letter is not retried');

  const server = await startTestServer({ storeLocation: location });
  try {
    const listed = await api<{ items: Array<{ event: string; webhook: string }> }>(
      `${server.url}/api/v1/notifications/dead-letters`,
      { token: server.tokens.operator },
    );
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(
      listed.body.items.map((l) => [l.webhook, l.event]),
      [['ops', 'action.failed']],
    );
    const viewer = await api(`${server.url}/api/v1/notifications/dead-letters`, { token: server.tokens.viewer });
    assert.equal(viewer.status, 403);
  } finally {
    await server.close();
  }
  held.forEach((res) => res.destroy());
});

test('a scan is recorded while a receiver hangs: recording never waits on a notification', async () => {
  const held: ServerResponse[] = [];
  let received!: () => void;
  const arrived = new Promise<void>((done) => (received = done));
  const hook = await receiver((_n, res) => {
    held.push(res);
    received();
  });
  cleanups.push(hook.close);
  const { store, sender } = await storeWithSender(settings([generic(hook.url)], { attempts: 1, timeoutMs: 30_000 }));
  await store.audit.append({ actor: 'driftwarden', action: 'action.cycle-failed', subject: 'cycle-1', details: {} });
  const round = sender.runOnce();
  await arrived; // the receiver holds the request open from here on
  const history = await record(store.history, scan('scan-during', T1, [finding('x', { severity: 'critical' })]));
  assert.deepEqual(history.newFindingIds, ['x']);
  assert.equal(held.length, 1);
  assert.equal(held[0]!.writableEnded, false, 'the receiver had still not answered when the scan was recorded');
  held[0]!.writeHead(200).end();
  await round;
  await sender.stop();
});
