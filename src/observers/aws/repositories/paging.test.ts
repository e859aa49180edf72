import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunk, collectPages, mapLimit } from './paging.js';
import { instancesOfReservations } from './ec2.js';
import type { Reservation } from '@aws-sdk/client-ec2';

/** A fake paginated API over `data`: NextToken-style, like DescribeInstances paging by reservation. */
function fakePaginatedApi<T>(data: T[], pageSize: number) {
  const calls: (string | undefined)[] = [];
  const call = async (token?: string): Promise<{ Items?: T[]; NextToken?: string }> => {
    calls.push(token);
    const start = token ? Number(token) : 0;
    const items = data.slice(start, start + pageSize);
    const next = start + pageSize < data.length ? String(start + pageSize) : undefined;
    return { ...(items.length ? { Items: items } : {}), ...(next ? { NextToken: next } : {}) };
  };
  async function* pages() {
    let token: string | undefined;
    do {
      const page = await call(token);
      yield page;
      token = page.NextToken;
    } while (token);
  }
  return { pages, calls };
}

test('collectPages keeps every item across page boundaries, in order', async () => {
  for (const [size, pageSize, expectedCalls] of [
    [0, 5, 1],
    [5, 5, 1],
    [6, 5, 2],
    [11, 5, 3],
    [1000, 1000, 1],
  ] as const) {
    const data = Array.from({ length: size }, (_, i) => i);
    const api = fakePaginatedApi(data, pageSize);
    assert.deepEqual(await collectPages(api.pages(), (p) => p.Items), data, `size ${size}`);
    assert.equal(api.calls.length, expectedCalls, `calls for size ${size}`);
  }
});

test('instances paged by reservation: reservations split over pages flatten to every instance once', async () => {
  const reservations: Reservation[] = [
    { ReservationId: 'r-1', Instances: [{ InstanceId: 'i-1' }, { InstanceId: 'i-2' }] },
    { ReservationId: 'r-2', Instances: [{ InstanceId: 'i-3' }] },
    { ReservationId: 'r-3', Instances: [] },
    { ReservationId: 'r-4', Instances: [{ InstanceId: 'i-4' }, { InstanceId: 'i-5' }, { InstanceId: 'i-6' }] },
  ];
  const api = fakePaginatedApi(reservations, 1);
  const collected = instancesOfReservations(await collectPages(api.pages(), (p) => p.Items));
  assert.deepEqual(
    collected.map((i) => i.InstanceId),
    ['i-1', 'i-2', 'i-3', 'i-4', 'i-5', 'i-6'],
  );
  assert.equal(api.calls.length, 4);
});

test('a page that fails fails the listing (never a silently partial result)', async () => {
  async function* pages() {
    yield { Items: [1, 2] };
    throw Object.assign(new Error('boom'), { name: 'Throttling' });
  }
  await assert.rejects(
    collectPages(pages(), (p: { Items: number[] }) => p.Items),
    { name: 'Throttling' },
  );
});

test('mapLimit keeps order, never exceeds its limit, and rejects with the first failure', async () => {
  let inFlight = 0;
  let peak = 0;
  const out = await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setImmediate(r));
    inFlight--;
    return n * 10;
  });
  assert.deepEqual(out, [10, 20, 30, 40, 50, 60, 70]);
  assert.equal(peak, 3);
  await assert.rejects(
    mapLimit([1, 2, 3], 2, async (n) => {
      if (n === 2) throw new Error('second');
      return n;
    }),
    /second/,
  );
  assert.deepEqual(await mapLimit([], 4, async (n: number) => n), []);
  assert.deepEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
});
