/**
 * Notification bookkeeping (migration 9): how far each webhook has followed the audit log, and the
 * dead letters (deliveries that failed every attempt). Holds no URL and no secret.
 */
import type { SqlExecutor } from './sql.js';

export interface DeadLetter {
  /** `<webhook>:<audit seq>`, the delivery id the receiver was sent. */
  readonly id: string;
  readonly webhook: string;
  readonly auditSeq: number;
  readonly event: string;
  readonly body: unknown;
  readonly attempts: number;
  readonly lastError: string;
  readonly failedAt: string;
}

interface DeadLetterRow {
  id: string;
  webhook: string;
  audit_seq: number | string;
  event: string;
  body: string;
  attempts: number | string;
  last_error: string;
  failed_at: string;
}

export class NotificationStore {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  /** The last audit seq handled for this webhook; undefined before its first run. */
  async cursor(webhook: string): Promise<number | undefined> {
    const row = await this.#sql.get<{ after_seq: number | string }>(
      'SELECT after_seq FROM notification_cursors WHERE webhook = ?',
      [webhook],
    );
    return row === undefined ? undefined : Number(row.after_seq);
  }

  async advance(webhook: string, afterSeq: number, at: string): Promise<void> {
    await this.#sql.run(
      `INSERT INTO notification_cursors (webhook, after_seq, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (webhook) DO UPDATE SET after_seq = excluded.after_seq, updated_at = excluded.updated_at`,
      [webhook, afterSeq, at],
    );
  }

  /** Records a dead letter and moves the cursor past it, in one transaction. */
  deadLetter(letter: Omit<DeadLetter, 'id'>): Promise<void> {
    return this.#sql.write(async (tx) => {
      await tx.run(
        `INSERT INTO notification_dead_letters (id, webhook, audit_seq, event, body, attempts, last_error, failed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
        [
          `${letter.webhook}:${letter.auditSeq}`,
          letter.webhook,
          letter.auditSeq,
          letter.event,
          JSON.stringify(letter.body),
          letter.attempts,
          letter.lastError,
          letter.failedAt,
        ],
      );
      await new NotificationStore(tx).advance(letter.webhook, letter.auditSeq, letter.failedAt);
    });
  }

  /** Newest first. */
  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    const rows = await this.#sql.all<DeadLetterRow>(
      'SELECT * FROM notification_dead_letters ORDER BY failed_at DESC, id DESC LIMIT ?',
      [limit],
    );
    return rows.map((row) => ({
      id: row.id,
      webhook: row.webhook,
      auditSeq: Number(row.audit_seq),
      event: row.event,
      body: JSON.parse(row.body) as unknown,
      attempts: Number(row.attempts),
      lastError: row.last_error,
      failedAt: row.failed_at,
    }));
  }
}
