/**
 * `notifications:` in driftwarden.yaml: where `driftwarden server` sends events (generic webhooks
 * with an HMAC-SHA256-signed body, Slack-compatible incoming webhooks), which events, and how hard
 * it tries. Secrets never live in the resolved config: it names where they are (an environment
 * variable or a file) and the sender reads them when it sends (src/notify/secrets.ts), so they
 * cannot reach a log line that prints the config.
 */
import { resolve } from 'node:path';
import type { Severity } from '../model/finding.js';
import { parseDuration, type RawConfig } from './schema.js';

export type RawNotifications = NonNullable<RawConfig['notifications']>;

/** What a webhook can be told about; `finding` is a new finding at or above its severity. */
export const NOTIFICATION_EVENTS = ['finding', 'breakglass', 'reconcile', 'controller'] as const;
export type NotificationEventGroup = (typeof NOTIFICATION_EVENTS)[number];

/** Where a secret value is: read when needed, never copied into the config. */
export type SecretRef = { readonly env: string } | { readonly file: string };

export interface WebhookConfig {
  readonly name: string;
  readonly format: 'generic' | 'slack';
  /** A URL written in the file, or where to read it (a Slack webhook URL is itself a secret). */
  readonly url: { readonly value: string } | SecretRef;
  /** The HMAC key of a generic webhook. */
  readonly secret?: SecretRef;
  readonly events: ReadonlyArray<NotificationEventGroup>;
  readonly minSeverity: Severity;
}

export interface NotificationsConfig {
  readonly webhooks: ReadonlyArray<WebhookConfig>;
  /** Attempts per event and webhook (1 = no retry) before it becomes a dead letter. */
  readonly attempts: number;
  /** Delay before the second attempt; doubled for each later one, up to maxBackoffMs. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** One attempt's limit (connect, send, answer). */
  readonly timeoutMs: number;
}

export function resolveNotifications(raw: RawNotifications, baseDir: string): NotificationsConfig {
  const minSeverity = raw.min_severity ?? 'high';
  return {
    attempts: raw.attempts ?? 5,
    backoffMs: raw.backoff !== undefined ? parseDuration(raw.backoff) : 2_000,
    maxBackoffMs: raw.max_backoff !== undefined ? parseDuration(raw.max_backoff) : 60_000,
    timeoutMs: raw.timeout !== undefined ? parseDuration(raw.timeout) : 10_000,
    webhooks: raw.webhooks.map((w) => ({
      name: w.name,
      format: w.format ?? 'generic',
      url:
        w.url !== undefined
          ? { value: w.url }
          : w.url_env !== undefined
            ? { env: w.url_env }
            : { file: resolve(baseDir, w.url_file!) },
      ...(w.secret_env !== undefined ? { secret: { env: w.secret_env } } : {}),
      ...(w.secret_file !== undefined ? { secret: { file: resolve(baseDir, w.secret_file) } } : {}),
      events: w.events ?? NOTIFICATION_EVENTS,
      minSeverity: w.min_severity ?? minSeverity,
    })),
  };
}
