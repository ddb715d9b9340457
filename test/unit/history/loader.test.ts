import { describe, expect, it } from 'vitest';
import { HISTORY_PATHS } from '../../../src/core/history/fetchHistory';
import { HistoryLoader, TtlCache } from '../../../src/core/history/loader';
import { ADJUSTMENTS_ALL, FEES_1Y, HASHRATE_1Y, PRICES_EUR, REWARDS_1Y, fakeTransport } from './fixtures';

describe('TtlCache', () => {
  it('serves a fresh value, reloads a stale one, and shares a load in flight', async () => {
    let now = 0;
    let loads = 0;
    const cache = new TtlCache<number>(() => now);
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get('k', 100, load), cache.get('k', 100, load)]);
    expect([a.value, b.value, loads]).toEqual([1, 1, 1]);
    now = 50;
    expect((await cache.get('k', 100, load)).value).toBe(1);
    now = 100;
    expect((await cache.get('k', 100, load)).value).toBe(2);
    expect((await cache.get('k', 100, load, true)).value).toBe(3);
  });

  it('keeps the old value when a reload fails, and rethrows', async () => {
    let now = 0;
    const cache = new TtlCache<string>(() => now);
    await cache.get('k', 10, async () => 'good');
    now = 20;
    await expect(cache.get('k', 10, async () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect(cache.peek('k')).toEqual({ value: 'good', atMs: 0 });
    expect(cache.isLoading('k')).toBe(false);
  });

  it('forgets the least recently stored entries beyond its size', async () => {
    const cache = new TtlCache<number>(() => 0, 2);
    for (const k of ['a', 'b', 'c']) await cache.get(k, 10, async () => 1);
    expect([cache.peek('a'), cache.peek('b')?.value, cache.peek('c')?.value]).toEqual([undefined, 1, 1]);
  });
});

const BODIES = {
  [HISTORY_PATHS.hashrate('1Y')]: HASHRATE_1Y,
  [HISTORY_PATHS.rewards('1Y')]: REWARDS_1Y,
  [HISTORY_PATHS.fees('1Y')]: FEES_1Y,
  [HISTORY_PATHS.adjustments]: ADJUSTMENTS_ALL,
  [HISTORY_PATHS.prices('EUR')]: PRICES_EUR,
};

function loader(bodies: Record<string, unknown> = BODIES) {
  const log: string[] = [];
  let now = 1_000_000;
  const l = new HistoryLoader({
    transport: () => fakeTransport(bodies, log),
    sourceHost: () => 'example.test',
    now: () => now,
    maxAgeMs: 600_000,
  });
  return { l, log, advance: (ms: number) => (now += ms) };
}

describe('HistoryLoader', () => {
  it('assembles a range from its series, the whole retarget list and (USD) the reward prices', async () => {
    const { l, log } = loader();
    const ds = await l.load('1Y', 'USD');
    expect(log.sort()).toEqual(
      [
        HISTORY_PATHS.adjustments,
        HISTORY_PATHS.fees('1Y'),
        HISTORY_PATHS.rewards('1Y'),
        HISTORY_PATHS.hashrate('1Y'),
      ].sort(),
    );
    expect(ds.days.timeS).toEqual([1_795_392_000, 1_795_478_400]);
    expect(ds.days.price).toEqual([100_500, 100_800]);
    expect(ds.days.feesSats).toEqual([2_500_000, 1_500_000]);
    // The whole list (genesis + 2) merged with the range's own record (already in it).
    expect(ds.adjustments.height).toEqual([0, 973_728, 975_744]);
    expect(ds.days.difficulty).toEqual([1.394e14, 1.394e14]);
    expect(ds.notes).toEqual([]);
  });

  it('caches per part: a second load costs nothing; a currency switch fetches only its prices', async () => {
    const { l, log } = loader();
    await l.load('1Y', 'USD');
    log.length = 0;
    await l.load('1Y', 'USD');
    expect(log).toEqual([]);
    const eur = await l.load('1Y', 'EUR');
    expect(log).toEqual([HISTORY_PATHS.prices('EUR')]);
    expect(eur.days.price).toEqual([86_400, 86_700]);
    expect(l.peek('1Y', 'EUR')?.days.price).toEqual([86_400, 86_700]);
  });

  it('refreshes what is older than its age, or everything when forced', async () => {
    const { l, log, advance } = loader();
    await l.load('1Y', 'USD');
    expect(l.isStale('1Y')).toBe(false);
    advance(600_000);
    expect(l.isStale('1Y')).toBe(true);
    log.length = 0;
    await l.load('1Y', 'USD');
    expect(log).toHaveLength(4);
    log.length = 0;
    await l.load('1Y', 'USD', true);
    expect(log).toHaveLength(4);
  });

  it('does without the whole retarget list (using the range’s own) and says so', async () => {
    const { [HISTORY_PATHS.adjustments]: _omit, ...bodies } = BODIES;
    const { l } = loader(bodies);
    const ds = await l.load('1Y', 'USD');
    expect(ds.adjustments.height).toEqual([973_728]);
    expect(ds.notes.join(' ')).toMatch(/Retarget history unavailable/);
  });

  it('shows no fiat values when the currency has no price history, and says so', async () => {
    const { [HISTORY_PATHS.prices('EUR')]: _omit, ...bodies } = BODIES;
    const { l } = loader(bodies);
    const ds = await l.load('1Y', 'EUR');
    expect(ds.days.price).toEqual([null, null]);
    expect(ds.notes.join(' ')).toMatch(/EUR price history unavailable/);
  });

  it('peeks nothing before the first load and fails when the series fails', async () => {
    const { l } = loader({});
    expect(l.peek('1Y', 'USD')).toBeNull();
    await expect(l.load('1Y', 'USD')).rejects.toThrow(/HTTP 404/);
  });
});
