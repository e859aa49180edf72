/**
 * The notification sender `driftwarden server` runs when `notifications:` is configured. Each
 * round, for each webhook (concurrently), it reads the audit entries after that webhook's cursor,
 * turns the ones it wants into events (events.ts), delivers each (deliver.ts) and moves the cursor
 * past it: delivered, or recorded as a dead letter after its last attempt. Invariants:
 *   - at least once, in audit order, per webhook (the cursor moves only after an outcome);
 *   - a webhook's first round starts at the log's head (no flood of history);
 *   - one sender per store: a lease (`notifications`) keeps two servers from both sending;
 *   - nothing waits on it: it only reads the log other code already wrote, so a receiver that
 *     fails or hangs delays its own later events and nothing else.
 */
import { hostname } from 'node:os';
import type { Clock } from '../audit/clock.js';
import type { NotificationsConfig, WebhookConfig } from '../config/notifications.js';
import type { Store } from '../store/index.js';
import { deliver } from './deliver.js';
import { bodyFor, eventFor } from './events.js';

const LEASE = 'notifications';
const LEASE_TTL_MS = 10 * 60_000;
const BATCH = 100;

export interface SenderOptions {
  readonly store: Store;
  readonly settings: NotificationsConfig;
  readonly env: NodeJS.ProcessEnv;
  readonly clock: Clock;
  /** How often a round starts (after the previous one ended). */
  readonly intervalMs: number;
  /** Failures of the sender itself (the store), and dead letters; never a URL or secret. */
  readonly log: (line: string) => void;
}

export class NotificationSender {
  readonly #options: SenderOptions;
  readonly #owner = `${hostname()}:${process.pid}:notifications`;
  #stopping = false;
  #timer: NodeJS.Timeout | undefined;
  #round: Promise<void> | undefined;
  readonly #wakers = new Set<() => void>();

  constructor(options: SenderOptions) {
    this.#options = options;
  }

  start(): void {
    const tick = () => {
      this.#round = this.runOnce()
        .catch((err: unknown) => this.#options.log(`notifications: round failed: ${(err as Error).name}`))
        .finally(() => {
          if (!this.#stopping) this.#timer = setTimeout(tick, this.#options.intervalMs);
        });
    };
    this.#timer = setTimeout(tick, 0);
  }

  /** Ends the round in flight at its next step (a backoff wait ends at once) and starts no other. */
  async stop(): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#timer);
    for (const wake of this.#wakers) wake();
    await this.#round;
    await this.#options.store.leases.release([LEASE], this.#owner).catch(() => undefined); // eslint-disable-line no-restricted-syntax -- the lease expires by itself; a store closing under us is no error to report
  }

  /** One round over every webhook; exported for tests, which drive rounds themselves. */
  async runOnce(): Promise<void> {
    const { store, settings, clock } = this.#options;
    const lease = await store.leases.acquire([LEASE], this.#owner, LEASE_TTL_MS, clock());
    if (!lease.acquired) return;
    await Promise.all(settings.webhooks.map((webhook) => this.#follow(webhook)));
  }

  async #follow(webhook: WebhookConfig): Promise<void> {
    const { store, settings, clock, env } = this.#options;
    let cursor = await store.notifications.cursor(webhook.name);
    if (cursor === undefined) {
      await store.notifications.advance(webhook.name, await store.audit.headSeq(), clock().toISOString());
      return;
    }
    while (!this.#stopping) {
      const entries = await store.audit.after(cursor, BATCH);
      if (entries.length === 0) return;
      for (const entry of entries) {
        if (this.#stopping) return;
        const event = eventFor(entry, webhook);
        if (event !== undefined) {
          const body = bodyFor(event, webhook.format);
          const result = await deliver(
            webhook,
            settings,
            { id: event.delivery, event: event.event, body },
            { env, sleep: (ms) => this.#sleep(ms), stopping: () => this.#stopping },
          );
          if (!result.delivered && this.#stopping) return; // stopped between attempts: sent again next start
          if (!result.delivered) {
            await store.notifications.deadLetter({
              webhook: webhook.name,
              auditSeq: entry.seq,
              event: event.event,
              body,
              attempts: result.attempts,
              lastError: result.lastError ?? 'failed',
              failedAt: clock().toISOString(),
            });
            this.#options.log(
              `notifications: ${event.delivery} (${event.event}) to webhook ${webhook.name} failed ${result.attempts} attempt(s), last: ${result.lastError}; kept as a dead letter`,
            );
            cursor = entry.seq;
            continue;
          }
        }
        await store.notifications.advance(webhook.name, entry.seq, clock().toISOString());
        cursor = entry.seq;
      }
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((done) => {
      const wake = () => {
        clearTimeout(timer);
        this.#wakers.delete(wake);
        done();
      };
      const timer = setTimeout(wake, ms);
      this.#wakers.add(wake);
    });
  }
}
