/**
 * Page and fan-out helpers shared by the repositories. Pure functions over async iterables and
 * promises (no SDK), so page-boundary behaviour is unit-tested without an emulator: the emulator
 * returns most EC2 listings in a single page whatever the page size.
 */

/**
 * Collects the items of every page, in order. `pick` returns a page's items (undefined for an empty
 * page: AWS omits empty lists). A page that fails rejects the whole listing: a listing is complete
 * or it is an error, never silently partial.
 */
export async function collectPages<P, T>(
  pages: AsyncIterable<P>,
  pick: (page: P) => ReadonlyArray<T> | undefined,
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) {
    const picked = pick(page);
    if (picked) for (const item of picked) items.push(item);
  }
  return items;
}

/**
 * Maps with at most `limit` calls in flight, keeping input order. Rejects with the first failure
 * (the remaining calls in flight are awaited so no promise is left unobserved).
 */
export async function mapLimit<I, O>(
  inputs: ReadonlyArray<I>,
  limit: number,
  fn: (input: I, index: number) => Promise<O>,
): Promise<O[]> {
  const results = new Array<O>(inputs.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < inputs.length) {
      const index = next++;
      try {
        results[index] = await fn(inputs[index] as I, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, inputs.length)) }, () => worker());
  await Promise.all(workers);
  if (failure !== undefined) throw failure.error;
  return results;
}

/** Splits a list into chunks of at most `size` (APIs that take up to N ids per call). */
export function chunk<T>(items: ReadonlyArray<T>, size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
