/**
 * How much a state or plan read may take, in time and size (`limits:` in driftwarden.yaml). The
 * defaults are far above real states (the largest seen in practice are tens of MB) and far below
 * what would exhaust the machine: reading stops at the limit with one message naming the key.
 */
export interface ReadLimits {
  /** Largest state or plan accepted, in bytes, after decompression (local, S3 and HTTP). */
  readonly maxBytes: number;
  /** Connecting to a remote backend (HTTP, S3). */
  readonly connectTimeoutMs: number;
  /** From the request to the first byte of the response (HTTP), or between bytes (S3). */
  readonly firstByteTimeoutMs: number;
  /** The whole transfer of one state, redirects and body included. */
  readonly transferTimeoutMs: number;
}

/**
 * 256 MiB: a V8 string holds at most about 512 M characters, and a parsed state takes several times
 * its text in memory; no real state comes near it.
 */
export const DEFAULT_MAX_STATE_BYTES = 256 * 1024 * 1024;

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxBytes: DEFAULT_MAX_STATE_BYTES,
  connectTimeoutMs: 10_000,
  firstByteTimeoutMs: 30_000,
  transferTimeoutMs: 120_000,
};
