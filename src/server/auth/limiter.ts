/**
 * Failed logins are rate limited per client address: after `maxFailures` failed attempts (a wrong
 * or revoked token, a failed OpenID Connect callback, a person without a role) within `windowMs`,
 * every further attempt to authenticate from that address is refused with 429 until the oldest
 * failure leaves the window. Kept in this process's memory: with several server processes each
 * counts on its own (the limit per process still holds), and a restart forgets.
 */
export interface LimiterOptions {
  readonly maxFailures: number;
  readonly windowMs: number;
  /** Addresses tracked at most (the oldest are forgotten first), so a flood cannot exhaust memory. */
  readonly maxAddresses?: number;
}

export class FailedLoginLimiter {
  readonly #failures = new Map<string, number[]>();
  readonly #options: Required<LimiterOptions>;

  constructor(options: LimiterOptions) {
    this.#options = { maxAddresses: 10_000, ...options };
  }

  #recent(address: string, now: number): number[] {
    const times = (this.#failures.get(address) ?? []).filter((t) => t > now - this.#options.windowMs);
    if (times.length === 0) this.#failures.delete(address);
    else this.#failures.set(address, times);
    return times;
  }

  /** Milliseconds until this address may try again; 0 when it may now. */
  retryAfterMs(address: string, now: number): number {
    const times = this.#recent(address, now);
    if (times.length < this.#options.maxFailures) return 0;
    return times[times.length - this.#options.maxFailures]! + this.#options.windowMs - now;
  }

  fail(address: string, now: number): void {
    const times = this.#recent(address, now);
    times.push(now);
    this.#failures.delete(address);
    this.#failures.set(address, times);
    if (this.#failures.size > this.#options.maxAddresses) {
      this.#failures.delete(this.#failures.keys().next().value!);
    }
  }
}
