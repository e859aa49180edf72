/**
 * Which audit entries become notifications, and what they say. Pure: an entry in, an event (or
 * nothing) out. Every event the issue names is already an audit entry (the sender follows the
 * log), so nothing upstream calls the sender and no scan or action can wait on a receiver.
 *   - finding:    `finding.opened` at or above the webhook's minimum severity;
 *   - breakglass: `breakglass.opened`, `breakglass.closed`, `breakglass.expired`;
 *   - reconcile:  `action.applied`, `action.failed`, `action.verified` (each act and its result);
 *   - controller: `action.cycle-failed`.
 * The body carries the entry's details as the audit log holds them: already redacted.
 */
import type { AuditEntry } from '../audit/chain.js';
import type { NotificationEventGroup, WebhookConfig } from '../config/notifications.js';
import { SEVERITIES, type Severity } from '../model/finding.js';
import { neutralize } from '../model/text.js';

const GROUP_OF: Readonly<Record<string, NotificationEventGroup>> = {
  'finding.opened': 'finding',
  'breakglass.opened': 'breakglass',
  'breakglass.closed': 'breakglass',
  'breakglass.expired': 'breakglass',
  'action.applied': 'reconcile',
  'action.failed': 'reconcile',
  'action.verified': 'reconcile',
  'action.cycle-failed': 'controller',
};

export interface NotificationEvent {
  /** `<webhook>:<audit seq>`: the same on every retry, so a receiver can drop duplicates. */
  readonly delivery: string;
  readonly event: string;
  readonly group: NotificationEventGroup;
  readonly auditSeq: number;
  readonly time: string;
  readonly actor: string;
  readonly subject: string;
  readonly details: AuditEntry['details'];
}

/** The event this webhook is sent for the entry, or undefined when it is not one it wants. */
export function eventFor(entry: AuditEntry, webhook: WebhookConfig): NotificationEvent | undefined {
  const group = GROUP_OF[entry.action];
  if (group === undefined || !webhook.events.includes(group)) return undefined;
  if (group === 'finding') {
    const severity = entry.details['severity'];
    if (typeof severity !== 'string' || !SEVERITIES.includes(severity as Severity)) return undefined;
    if (SEVERITIES.indexOf(severity as Severity) < SEVERITIES.indexOf(webhook.minSeverity)) return undefined;
  }
  return {
    delivery: `${webhook.name}:${entry.seq}`,
    event: entry.action,
    group,
    auditSeq: entry.seq,
    time: entry.time,
    actor: entry.actor,
    subject: entry.subject,
    details: entry.details,
  };
}

/** The JSON body a webhook receives: the event itself (generic), or one line of text (Slack). */
export function bodyFor(event: NotificationEvent, format: WebhookConfig['format']): unknown {
  if (format === 'generic') return { schemaVersion: '1', source: 'driftwarden', ...event };
  return { text: slackText(event) };
}

const text = (value: unknown) => (typeof value === 'string' ? neutralize(value) : undefined);

/** One line for a chat channel; every value from the store is neutralized (hostile text stays text). */
export function slackText(event: NotificationEvent): string {
  const d = event.details;
  const subject = neutralize(event.subject);
  switch (event.group) {
    case 'finding':
      return `Driftwarden: new ${text(d['severity']) ?? ''} ${text(d['kind']) ?? ''} finding in ${text(d['environment']) ?? '?'}: ${text(d['summary']) ?? subject}`;
    case 'breakglass':
      return `Driftwarden: break-glass session ${subject} ${event.event.slice('breakglass.'.length)} (by ${neutralize(event.actor)})${text(d['reason']) ? `: ${text(d['reason'])}` : ''}`;
    case 'reconcile':
      return `Driftwarden: reconcile ${event.event.slice('action.'.length)}: ${subject}${text(d['reason']) ? ` (${text(d['reason'])})` : ''}`;
    case 'controller':
      return `Driftwarden: controller ${subject} failed: ${text(d['reason']) ?? 'no reason recorded'}`;
  }
}
