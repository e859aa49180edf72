/**
 * What every part of the bare peer shares: the counting middleware (keys as the scan's
 * ApiCallCounter names them, `service:Operation`), page collection, the scan's fan-out, and the
 * client registry that counts and destroys. The SDK's own clients and paginators only.
 */
import type { AnyClientPlugin } from '../../src/observers/aws/client.js';
import type { ClientConfig } from '../aws-populate.js';

/** The scan's fan-out for per-resource reads in one scope (RepositoryContext.fanOut). */
export const FAN_OUT = 4;

type Pluggable = { middlewareStack: { use(p: AnyClientPlugin): void }; destroy(): void };

/** The clients of one bare run: each counted under the scan's service name, all destroyed at the end. */
export class BareRun {
  readonly counts = new Map<string, number>();
  private readonly clients: Pluggable[] = [];
  constructor(readonly config: ClientConfig) {}

  client<C extends Pluggable>(client: C, service: string): C {
    const counts = this.counts;
    client.middlewareStack.use({
      applyToStack(stack) {
        stack.add(
          (next, context) => async (args) => {
            const key = `${service}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`;
            counts.set(key, (counts.get(key) ?? 0) + 1);
            return next(args);
          },
          { step: 'initialize', name: 'benchCounter' },
        );
      },
    });
    this.clients.push(client);
    return client;
  }

  destroy(): void {
    for (const c of this.clients) c.destroy();
  }
}

/** Paginator config: the client and, where the scan sets one, its page size. */
export const p = <C>(client: C, pageSize?: number) => ({ client, ...(pageSize ? { pageSize } : {}) });

export async function pages<P>(
  iterable: AsyncIterable<P>,
  pick: (page: P) => unknown[] | undefined,
): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const page of iterable) out.push(...(pick(page) ?? []));
  return out;
}

/** `undefined` when the API answers that the item or configuration does not exist (not a failure). */
export async function unlessAbsent<T>(call: Promise<T>, absent: RegExp = /^NoSuch|NotFound/): Promise<T | undefined> {
  try {
    return await call;
  } catch (err) {
    if (absent.test((err as { name?: string }).name ?? '')) return undefined;
    throw err;
  }
}

/** A listing paged by hand where the SDK has no paginator: `next` undefined ends it. */
export async function manual<T>(fetch: (token?: string) => Promise<{ items?: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const { items, next } = await fetch(token);
    out.push(...(items ?? []));
    token = next === token ? undefined : next;
  } while (token);
  return out;
}
