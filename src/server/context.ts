/**
 * What every route module works with: the open store, the configuration (undefined when the
 * server runs without one), the clock, background jobs, metrics and the process environment (for
 * AWS credentials of the scans it runs). Built once by start.ts (or a test) and passed to buildApp.
 */
import type { Clock } from '../audit/clock.js';
import type { DriftwardenConfig } from '../config/schema.js';
import type { ServerConfig } from '../config/server.js';
import type { Store } from '../store/index.js';
import type { FailedLoginLimiter } from './auth/limiter.js';
import type { Jobs } from './jobs.js';
import type { ServerMetrics } from './metrics.js';

export interface ServerContext {
  readonly store: Store;
  /** Where the store is (a file or a postgres:// URL): reconcile runs open their own connection. */
  readonly storeLocation: string;
  readonly config: DriftwardenConfig | undefined;
  readonly settings: ServerConfig;
  readonly clock: Clock;
  readonly env: NodeJS.ProcessEnv;
  readonly jobs: Jobs;
  readonly metrics: ServerMetrics;
  readonly limiter: FailedLoginLimiter;
  readonly toolVersion: string;
  /** Where people reach the server (for the OIDC redirect URI): `server.public_url`, else the listen address. */
  readonly publicUrl: string;
}
