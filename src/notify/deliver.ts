/**
 * One event to one webhook: POST its JSON body, signed for generic webhooks with HMAC-SHA256 of
 * the exact body bytes (`X-Driftwarden-Signature-256: sha256=<hex>`, as GitHub signs its hooks),
 * each attempt bounded by the timeout, retried with doubling backoff up to the attempt limit. A 2xx
 * answer is delivered; anything else (another status, a refused connection, a timeout) is retried.
 * Errors name the webhook, never its URL or secret (a Slack webhook URL is a credential).
 */
import { createHmac } from 'node:crypto';
import type { NotificationsConfig, SecretRef, WebhookConfig } from '../config/notifications.js';
import { DriftwardenError } from '../model/errors.js';
import { readBoundedBytes } from '../sources/files.js';

const MAX_SECRET_BYTES = 64 * 1024;

/** A secret's value from its environment variable or file (trailing line break dropped). */
export function readSecret(ref: SecretRef, env: NodeJS.ProcessEnv, what: string): string {
  const value =
    'env' in ref
      ? env[ref.env]
      : readBoundedBytes(ref.file, { what, maxBytes: MAX_SECRET_BYTES })
          .toString('utf8')
          .replace(/\r?\n$/, '');
  if (value === undefined || value === '') {
    throw new DriftwardenError('usage', `${what} is empty`, {
      key: 'env' in ref ? ref.env : ref.file,
      nextStep: 'env' in ref ? `export ${ref.env}` : `write it to ${ref.file}`,
    });
  }
  return value;
}

export function webhookUrl(webhook: WebhookConfig, env: NodeJS.ProcessEnv): string {
  return 'value' in webhook.url
    ? webhook.url.value
    : readSecret(webhook.url, env, `the URL of webhook ${webhook.name}`);
}

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export interface DeliveryResult {
  readonly delivered: boolean;
  readonly attempts: number;
  /** Why the last attempt failed (status or error class); never the URL. */
  readonly lastError?: string;
}

export interface DeliverOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Resolves after the delay, or early when the sender stops (then no further attempt is made). */
  readonly sleep: (ms: number) => Promise<void>;
  readonly stopping: () => boolean;
}

export async function deliver(
  webhook: WebhookConfig,
  settings: NotificationsConfig,
  delivery: { readonly id: string; readonly event: string; readonly body: unknown },
  options: DeliverOptions,
): Promise<DeliveryResult> {
  const body = JSON.stringify(delivery.body);
  let lastError = 'not attempted';
  let attempts = 0;
  for (let attempt = 1; attempt <= settings.attempts; attempt++) {
    if (attempt > 1) {
      await options.sleep(Math.min(settings.backoffMs * 2 ** (attempt - 2), settings.maxBackoffMs));
      if (options.stopping()) break;
    }
    attempts = attempt;
    try {
      const url = webhookUrl(webhook, options.env);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'driftwarden-notifications',
        'x-driftwarden-delivery': delivery.id,
        'x-driftwarden-event': delivery.event,
      };
      if (webhook.secret !== undefined)
        headers['x-driftwarden-signature-256'] = signature(
          readSecret(webhook.secret, options.env, `the secret of webhook ${webhook.name}`),
          body,
        );
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      // The answer is not read beyond its status: a receiver's text is not ours to log.
      await response.body?.cancel();
      if (response.ok) return { delivered: true, attempts };
      lastError = `HTTP ${response.status}`;
    } catch (err) {
      lastError = describeFailure(err, settings.timeoutMs);
    }
  }
  return { delivered: false, attempts, lastError };
}

/** A failure by its class, never its message (fetch errors can quote the URL). */
function describeFailure(err: unknown, timeoutMs: number): string {
  if (err instanceof DriftwardenError) return err.message;
  const name = (err as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = (err as { cause?: { code?: string } }).cause?.code;
  return code !== undefined ? `connection failed (${code})` : `request failed (${name ?? 'error'})`;
}
