/**
 * Typed errors. Every error a user can cause carries a code, what it concerns (file and line, or
 * config key, or scope) and the next step. The CLI prints `message` (one line, plus the next step)
 * and exits 1; it never prints a stack trace for a DriftwardenError.
 */
export type ErrorCode =
  | 'input.missing-file'
  | 'input.parse'
  | 'input.unsupported-version'
  | 'input.invalid'
  | 'config.invalid'
  | 'backend.unreachable'
  | 'backend.denied'
  | 'hcl.syntax'
  | 'aws.access-denied'
  | 'aws.throttled'
  | 'aws.unsupported'
  | 'aws.endpoint'
  | 'aws.timeout'
  | 'aws.unattributable'
  | 'aws.stopped'
  | 'aws.error'
  | 'store.unavailable'
  | 'store.error'
  | 'store.lease-held'
  | 'usage';

export interface ErrorDetails {
  /** File or location (state path, s3:// URL, http URL) the error concerns. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** Config key or JSON key path, for example `environments.prod.tier`. */
  readonly key?: string;
  readonly nextStep?: string;
  readonly cause?: unknown;
}

export class DriftwardenError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'DriftwardenError';
    this.code = code;
    this.details = details;
  }

  /** `file:line: message` (the location prefix only where there is one), then the next step. */
  describe(): string {
    const where = this.details.file
      ? `${this.details.file}${this.details.line !== undefined ? `:${this.details.line}` : ''}${
          this.details.line !== undefined && this.details.column !== undefined ? `:${this.details.column}` : ''
        }: `
      : '';
    const key = this.details.key ? ` (at ${this.details.key})` : '';
    const next = this.details.nextStep ? `\n  next step: ${this.details.nextStep}` : '';
    return `${where}${this.message}${key}${next}`;
  }
}

export function isDriftwardenError(err: unknown): err is DriftwardenError {
  return err instanceof DriftwardenError;
}
