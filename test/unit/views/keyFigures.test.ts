import { describe, expect, it } from 'vitest';
import { hashrateTrendPercent, hashvalueBtcPerPhDay } from '../../../src/core/economics';
import type { DerivedSeries } from '../../../src/core/history/derive';
import { computeKeyFigures, coversKeyFigures, hashrateChangePercent } from '../../../src/core/views/keyFigures';
import type { NetworkSnapshot } from '../../../src/core/model';

const DAY = 86_400;
const TODAY = 1_795_564_800; // 2026-11-25T00:00:00Z
const NOW_MS = (TODAY + 9 * 3600) * 1000;

function series(n: number, fill: (i: number, n: number) => Partial<Record<keyof DerivedSeries, number | null>>): DerivedSeries {
  const cols = ['hashrate', 'hashrateMa7', 'hashrateMa30', 'difficulty', 'difficultyHps', 'hashpriceFiat', 'hashpriceSats', 'rewardSats', 'feesSats', 'feeSharePercent', 'price'] as const;
  const out = Object.fromEntries(cols.map((c) => [c, [] as (number | null)[]])) as unknown as Record<(typeof cols)[number], (number | null)[]>;
  for (let i = 0; i < n; i++) {
    const row = fill(i, n);
    for (const c of cols) out[c].push(row[c] ?? null);
  }
  return { timeS: Array.from({ length: n }, (_, i) => TODAY - (n - 1 - i) * DAY), ...out };
}

const snapshot: NetworkSnapshot = {
  schema: 1,
  fetchedAtMs: NOW_MS,
  sourceHost: 'example.test',
  tipHeight: 975_000,
  hashrate: { daily: [], difficulty: [], currentHashrateHps: 9.9e20, currentDifficulty: 1.4e14 },
  adjustment: {
    progressPercent: 63.1,
    difficultyChangePercent: 1.5,
    estimatedRetargetMs: NOW_MS + 5 * DAY * 1000,
    remainingBlocks: 744,
    remainingTimeMs: 5 * DAY * 1000,
    previousRetargetPercent: -2,
    previousRetargetS: TODAY - 9 * DAY,
    nextRetargetHeight: 975_744,
    timeAvgMs: 590_000,
    adjustedTimeAvgMs: 590_000,
    expectedBlocks: 1290,
  },
  // 144 blocks, 0.02 BTC fees each.
  rewardStats: { startBlock: 974_857, endBlock: 975_000, totalRewardSats: 144 * 314_500_000, totalFeeSats: 144 * 2_000_000, totalTx: 500_000 },
  prices: { timeS: TODAY, perBtc: { USD: 100_000 } },
  latestBlocks: [],
};

describe('hashrateChangePercent', () => {
  it('compares the last 7 daily estimates with the 7 that ended 30 days earlier', () => {
    // 60 days; the last (today) has no estimate yet. The 7 days before it: 110; everything else: 100.
    const s = series(60, (i, n) => ({ hashrate: i === n - 1 ? null : i >= n - 8 ? 110 : 100 }));
    expect(hashrateChangePercent(s)).toBeCloseTo(10, 10);
  });

  it('is the status bar trend\'s function: the last 7 estimates, skipping days without one', () => {
    // Days 10 and 12 have no estimate: the last 7 estimates are days 7-9, 11 and 13-15, all 120 (the rest 100).
    const s = series(50, (i, n) => ({ hashrate: i === n - 5 || i === n - 3 ? null : i >= n - 9 ? 120 : 100 }));
    expect(hashrateChangePercent(s)).toBeCloseTo(20, 10);
    const daily = s.timeS.map((timeS, i) => ({ timeS, hashrateHps: s.hashrate[i] ?? null }));
    expect(hashrateChangePercent(s, 7, 7)).toBe(hashrateTrendPercent(daily, 7, 7));
  });

  it('needs the history to reach back 37 days', () => {
    expect(hashrateChangePercent(series(30, () => ({ hashrate: 100 })))).toBeNull();
  });
});

describe('computeKeyFigures', () => {
  // Live hashprice: (3.125 BTC subsidy at height 975,001 + 0.02 BTC fees) at difficulty 1.4e14, $100,000.
  const live = hashvalueBtcPerPhDay(314_500_000, 1.4e14);

  it('takes the levels from the snapshot and the 7/30-day changes from the daily history', () => {
    const s = series(45, (i, n) => ({ hashrate: 100, hashpriceFiat: i === n - 8 ? 50 : 40, hashpriceSats: i === n - 31 ? 50_000 : 40_000, price: i === n - 31 ? 80_000 : 90_000 }));
    const f = computeKeyFigures(snapshot, 'USD', NOW_MS, s);
    expect(f.hashpriceFiat).toBeCloseTo(live * 100_000, 10);
    expect(f.hashpriceSats).toBeCloseTo(live * 1e8, 6);
    expect(f.hashpriceChange7dPercent).toBeCloseTo(((live * 100_000) / 50 - 1) * 100, 8);
    expect(f.hashpriceChange30dPercent).toBeCloseTo(((live * 100_000) / 40 - 1) * 100, 8);
    expect(f.hashpriceSatsChange30dPercent).toBeCloseTo(((live * 1e8) / 50_000 - 1) * 100, 8);
    expect(f.btcPriceChange30dPercent).toBeCloseTo(25, 10);
    expect(f.hashrateChange30dPercent).toBeCloseTo(0, 10);
    expect(f.feeSharePercent).toBeCloseTo((2_000_000 / 314_500_000) * 100, 10);
    expect([f.difficulty, f.remainingBlocks, f.nextRetargetHeight, f.halvingHeight, f.halvingBlocksLeft]).toEqual([1.4e14, 744, 975_744, 1_050_000, 75_000]);
    expect(f.subsidyAfterHalvingSats).toBe(156_250_000);
  });

  it('epoch progress comes from the tip, as in the hover, even when the adjustment response is a block behind', () => {
    const stale = { ...snapshot, adjustment: { ...snapshot.adjustment, remainingBlocks: 745, nextRetargetHeight: 975_744, progressPercent: 63.05 } };
    const f = computeKeyFigures(stale, 'USD', NOW_MS, null);
    // 975,000 mod 2016 = 1,272 mined → 744 to go, 63.095 %.
    expect([f.remainingBlocks, f.nextRetargetHeight]).toEqual([744, 975_744]);
    expect(f.progressPercent).toBeCloseTo((1272 / 2016) * 100, 12);
  });

  it('shows levels without changes when there is no history (or no fiat price)', () => {
    const f = computeKeyFigures({ ...snapshot, prices: { timeS: TODAY, perBtc: {} } }, 'EUR', NOW_MS, null);
    expect(f.hashpriceFiat).toBeNull();
    expect(f.btcPrice).toBeNull();
    expect([f.hashrateChange30dPercent, f.hashpriceChange7dPercent, f.hashpriceSatsChange7dPercent]).toEqual([null, null, null]);
  });

  it('coversKeyFigures asks for 40 days', () => {
    expect(coversKeyFigures(series(41, () => ({})))).toBe(true);
    expect(coversKeyFigures(series(31, () => ({})))).toBe(false);
    expect(coversKeyFigures(null)).toBe(false);
  });
});
