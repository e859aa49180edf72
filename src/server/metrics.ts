/**
 * Prometheus metrics (`GET /metrics`, prom-client), one registry per server. What the store knows
 * (open findings, the latest scan, break-glass sessions, reconcile actions, controller failures)
 * is read from the store at scrape time, so it includes what the CLI and the controller did in
 * other processes; the reconcile and controller counters count audit entries, which only grow.
 * What only this process sees (HTTP requests, scans it ran and their AWS API calls) is counted here.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { openBreakglassSessions } from '../actions/breakglass/sessions.js';
import type { Store } from '../store/index.js';

/** Audit actions counted as reconcile results (label value: the part after `action.`). */
const RESULT_ACTIONS = ['action.applied', 'action.failed', 'action.notified'] as const;

export class ServerMetrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route'>;
  readonly scanDuration: Histogram<'outcome'>;
  readonly scanApiCalls: Counter<'call'>;

  constructor(store: Store, now: () => Date) {
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'driftwarden_http_requests_total',
      help: 'HTTP requests this server answered, by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'driftwarden_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method and route',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.scanDuration = new Histogram({
      name: 'driftwarden_scan_duration_seconds',
      help: 'Duration of the scans this server ran, by outcome (complete, incomplete, failed)',
      labelNames: ['outcome'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
      registers,
    });
    this.scanApiCalls = new Counter({
      name: 'driftwarden_scan_api_calls_total',
      help: 'Cloud API calls made by the scans this server ran, by call',
      labelNames: ['call'],
      registers,
    });
    new Gauge({
      name: 'driftwarden_findings_open',
      help: 'Open findings in the store, by kind, severity and environment',
      labelNames: ['kind', 'severity', 'environment'],
      registers,
      async collect() {
        this.reset();
        for (const c of await store.queries.openCounts())
          this.set({ kind: c.kind, severity: c.severity, environment: c.environment }, c.count);
      },
    });
    new Gauge({
      name: 'driftwarden_last_scan_incomplete_scopes',
      help: 'Scopes the latest recorded scan could not observe (0: it saw everything it was asked to)',
      registers,
      async collect() {
        const latest = (await store.history.listScans(1))[0];
        this.set(latest === undefined ? 0 : latest.incompleteScopes.length);
      },
    });
    new Gauge({
      name: 'driftwarden_last_scan_timestamp_seconds',
      help: 'When the latest recorded scan finished (Unix time; 0 when there is none)',
      registers,
      async collect() {
        const latest = (await store.history.listScans(1))[0];
        this.set(latest === undefined ? 0 : Date.parse(latest.finishedAt) / 1000);
      },
    });
    new Gauge({
      name: 'driftwarden_breakglass_sessions_open',
      help: 'Break-glass sessions open now (intact and not past their expiry)',
      registers,
      async collect() {
        this.set((await openBreakglassSessions(store).active(now())).length);
      },
    });
    new Counter({
      name: 'driftwarden_reconcile_actions_total',
      help: 'Reconcile actions recorded in the audit log, by result (applied, failed, notified)',
      labelNames: ['result'],
      registers,
      async collect() {
        const counts = await store.audit.countByAction(RESULT_ACTIONS);
        this.reset();
        for (const action of RESULT_ACTIONS) this.inc({ result: action.slice('action.'.length) }, counts[action] ?? 0);
      },
    });
    new Counter({
      name: 'driftwarden_controller_cycle_failures_total',
      help: 'Controller cycles that failed, as recorded in the audit log',
      registers,
      async collect() {
        const counts = await store.audit.countByAction(['action.cycle-failed']);
        this.reset();
        this.inc(counts['action.cycle-failed'] ?? 0);
      },
    });
  }
}
