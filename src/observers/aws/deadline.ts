/**
 * Bounded AWS calls. Every call has a deadline of its own (across the SDK's retries) and obeys the
 * scan's signal (the scan deadline, or a stop request such as the controller's SIGTERM). Past
 * either, the call rejects at once with a typed error, whatever the SDK is doing: a socket that
 * never answers, a retry back-off, a credential refresh. The error names are what
 * classifyAwsFailure reads (`CallDeadlineExceeded`, `ScanDeadlineExceeded`: timeout; `ScanStopped`:
 * stopped), so a call past its deadline fails its scope and nothing else.
 */

/** A call took longer than its deadline, retries included. */
export class CallDeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`the call did not finish within its ${ms} ms deadline`);
    this.name = 'CallDeadlineExceeded';
  }
}

/** The scan's overall deadline passed; every call still in flight is abandoned. */
export class ScanDeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`the scan did not finish within its ${ms} ms deadline`);
    this.name = 'ScanDeadlineExceeded';
  }
}

/** The scan was asked to stop (SIGTERM to the controller). */
export class ScanStoppedError extends Error {
  constructor() {
    super('the scan was stopped');
    this.name = 'ScanStopped';
  }
}

export interface CallBounds {
  /** Deadline of one call, retries included. */
  readonly callTimeoutMs: number;
  /** Aborted when the scan must end (its deadline, or a stop request); its reason is the error thrown. */
  readonly signal?: AbortSignal;
}

/** Runs `call` with an abort signal that fires at the call's deadline or with the scan's signal. */
export async function bounded<T>(bounds: CallBounds, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const outer = bounds.signal;
  if (outer?.aborted) throw outer.reason;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new CallDeadlineError(bounds.callTimeoutMs)), bounds.callTimeoutMs);
  const forward = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', forward, { once: true });
  // Registered before the SDK sees the signal, so the typed reason wins the race.
  const aborted = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }),
  );
  const running = call(controller.signal);
  // Whichever loses the race must not become an unhandled rejection.
  // eslint-disable-next-line no-restricted-syntax -- the race below reports whichever failure wins
  running.catch(() => undefined);
  // eslint-disable-next-line no-restricted-syntax -- as above: the race reports the deadline when it wins
  aborted.catch(() => undefined);
  try {
    return await Promise.race([running, aborted]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', forward);
  }
}

/** A signal that aborts with ScanDeadlineError after `ms`, or with `parent`'s reason; `dispose` frees the timer. */
export function scanSignal(ms: number, parent?: AbortSignal): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new ScanDeadlineError(ms)), ms);
  const forward = () => controller.abort(parent?.reason);
  if (parent?.aborted) forward();
  else parent?.addEventListener('abort', forward, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', forward);
    },
  };
}
