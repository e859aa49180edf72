/**
 * Typed errors. Every error a user can cause carries a code, what it concerns (file and line, or
 * config key, or scope) and the next step. The CLI prints `message` (one line, plus the next step)
 * and exits 1; it never prints a stack trace for a DriftwardenError.
 */
import { excerpt, safeLines } from './text.js';

/** Longest line of an error message shown; the parts naming input are bounded before that. */
const MAX_MESSAGE_LINE = 1_000;
/** Longest file name or key shown. */
const MAX_NAME = 400;

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
  | 'vsphere.error'
  | 'vsphere.refused'
  | 'store.unavailable'
  | 'store.error'
  | 'store.lease-held'
  | 'environment.native-module'
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

  /**
   * `file:line: message` (the location prefix only where there is one), then the next step. Every
   * part may carry input (a path, a key, a quoted value): control characters are shown escaped and
   * each part bounded, so an error can neither rewrite the terminal, forge a line, nor flood it.
   */
  describe(): string {
    const { file, line, column, key, nextStep } = this.details;
    const where = file
      ? `${excerpt(file, MAX_NAME)}${line !== undefined ? `:${line}` : ''}${
          line !== undefined && column !== undefined ? `:${column}` : ''
        }: `
      : '';
    const at = key ? ` (at ${excerpt(key, MAX_NAME)})` : '';
    const next = nextStep ? `\n  next step: ${safeLines(nextStep, MAX_MESSAGE_LINE)}` : '';
    // The message keeps the line breaks Driftwarden wrote (one line per config problem); input
    // quoted inside it is bounded where the message is built (excerpt), and escaped here again.
    return `${where}${safeLines(this.message, MAX_MESSAGE_LINE)}${at}${next}`;
  }
}

export function isDriftwardenError(err: unknown): err is DriftwardenError {
  return err instanceof DriftwardenError;
}
