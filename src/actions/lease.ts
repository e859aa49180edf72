/**
 * Acting on an environment holds its lease (store/leases.ts), so two reconciles or controllers at
 * once never act twice: the second one waits until the first is done and then sees the drift
 * already gone, or (the controller) skips its cycle with a message. The lease is renewed while
 * the run lasts; a run that loses it (it was stalled past the lease's expiry and another process
 * took over) stops starting new acts. A lease whose holder on this host has died is taken at once.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DriftwardenError } from '../model/errors.js';
import type { Lease, Store } from '../store/index.js';

export const LEASE_TTL_MS = 120_000;
const POLL_MS = 500;

export interface HeldLeases {
  readonly names: ReadonlyArray<string>;
  /** True once a renewal found a lease taken by another owner. */
  lost(): boolean;
  release(): Promise<void>;
}

export interface LeaseWait {
  /** How long to wait for a held lease; 0: do not wait (return undefined when held). */
  readonly waitMs: number;
  /** Told once when the run starts waiting, with who holds the lease. */
  readonly onWait?: (heldBy: Lease) => void;
}

/** The lease names of the environments a run may act on. */
export function environmentLeaseNames(environments: ReadonlyArray<string>): string[] {
  return [...new Set(environments)].sort().map((env) => `env:${env}`);
}

export function leaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * True when the lease's owner ran on this host and its process is gone (killed, crashed): its
 * lease can be taken at once instead of after its expiry. A reused pid only makes us wait for the
 * expiry, the safe direction.
 */
export function ownerIsDead(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Takes every named lease (all or none). Held by another owner: waits up to `waitMs`, then
 * returns undefined when `waitMs` is 0, or throws `store.lease-held` naming the holder.
 */
export async function holdLeases(
  store: Store,
  names: ReadonlyArray<string>,
  wait: LeaseWait,
  owner: string = leaseOwner(),
  ttlMs: number = LEASE_TTL_MS,
): Promise<HeldLeases | undefined> {
  const deadline = Date.now() + wait.waitMs;
  let told = false;
  for (;;) {
    const attempt = await store.leases.acquire(names, owner, ttlMs, new Date());
    if (attempt.acquired) break;
    if (ownerIsDead(attempt.heldBy.owner)) {
      await store.leases.breakLease(attempt.heldBy.name, attempt.heldBy.owner);
      continue;
    }
    if (wait.waitMs === 0) {
      wait.onWait?.(attempt.heldBy);
      return undefined;
    }
    if (Date.now() >= deadline) {
      throw new DriftwardenError(
        'store.lease-held',
        `${attempt.heldBy.name} is still held by ${attempt.heldBy.owner} (until ${attempt.heldBy.expiresAt}) after waiting ${Math.round(wait.waitMs / 1000)} s`,
        { nextStep: 'wait for the other reconcile or controller to finish, then run again' },
      );
    }
    if (!told) wait.onWait?.(attempt.heldBy);
    told = true;
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
  let lost = false;
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = store.leases.renew(names, owner, ttlMs, new Date()).then(
      (held) => void (lost ||= !held),
      () => void (lost = true),
    );
  }, ttlMs / 4);
  timer.unref();
  return {
    names,
    lost: () => lost,
    async release() {
      clearInterval(timer);
      await renewing;
      await store.leases.release(names, owner);
    },
  };
}
