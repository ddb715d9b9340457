import { describe, expect, it } from 'vitest';
import { hashrateTrendPercent, hashvalueBtcPerPhDay } from '../../../src/core/economics';
import type { DerivedSeries } from '../../../src/core/history/derive';
import { computeKeyFigures, coversKeyFigures, hashrateChangePercent } from '../../../src/core/views/keyFigures';
import type { NetworkSnapshot } from '../../../src/core/model';
import { expectRelative } from '../estimates/relative';

const DAY = 86_400;
const TODAY = 1_795_564_800; // 2026-11-25T00:00:00Z
const NOW_MS = (TODAY + 9 * 3600) * 1000;

function series(
  n: number,
  fill: (i: number, n: number) => Partial<Record<keyof DerivedSeries, number | null>>,
): DerivedSeries {
  const cols = [
    'hashrate',
    'hashrateMa7',
    'hashrateMa30',
    'difficulty',
    'difficultyHps',
    'hashpriceFiat',
    'hashpriceSats',
    'rewardSats',
    'feesSats',
    'feeSharePercent',
    'price',
  ] as const;
  const out = Object.fromEntries(cols.map((c) => [c, [] as (number | null)[]])) as unknown as Record<
    (typeof cols)[number],
    (number | null)[]
  >;
  for (let i = 0; i < n; i++) {
    const row = fill(i, n);
    for (const c of cols) out[c].push(row[c] ?? null);
  }
  // The key figures do not read the band: empty columns keep the fixture about what they do read.
  return {
    timeS: Array.from({ length: n }, (_, i) => TODAY - (n - 1 - i) * DAY),
    ...out,
    hashrateMa7Low: [],
    hashrateMa7High: [],
    bandLevel: 0.95,
  };
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
  rewardStats: {
    startBlock: 974_857,
    endBlock: 975_000,
    totalRewardSats: 144 * 314_500_000,
    totalFeeSats: 144 * 2_000_000,
    totalTx: 500_000,
  },
  prices: { timeS: TODAY, perBtc: { USD: 100_000 } },
  latestBlocks: [],
};

describe('hashrateChangePercent', () => {
  it('compares the last 7 daily estimates with the 7 that ended 30 days earlier', () => {
    // 60 days; the last (today) has no estimate yet. The 7 days before it: 110; everything else: 100.
    const s = series(60, (i, n) => ({ hashrate: i === n - 1 ? null : i >= n - 8 ? 110 : 100 }));
    expect(hashrateChangePercent(s)).toBeCloseTo(10, 10);
  });

  it("is the status bar trend's function: the last 7 estimates, skipping days without one", () => {
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
    const s = series(45, (i, n) => ({
      hashrate: 100,
      hashpriceFiat: i === n - 8 ? 50 : 40,
      hashpriceSats: i === n - 31 ? 50_000 : 40_000,
      price: i === n - 31 ? 80_000 : 90_000,
    }));
    const f = computeKeyFigures(snapshot, 'USD', NOW_MS, s);
    expect(f.hashpriceFiat).toBeCloseTo(live * 100_000, 10);
    expect(f.hashpriceSats).toBeCloseTo(live * 1e8, 6);
    expect(f.hashpriceChange7dPercent).toBeCloseTo(((live * 100_000) / 50 - 1) * 100, 8);
    expect(f.hashpriceChange30dPercent).toBeCloseTo(((live * 100_000) / 40 - 1) * 100, 8);
    expect(f.hashpriceSatsChange30dPercent).toBeCloseTo(((live * 1e8) / 50_000 - 1) * 100, 8);
    expect(f.btcPriceChange30dPercent).toBeCloseTo(25, 10);
    expect(f.hashrateChange30dPercent).toBeCloseTo(0, 10);
    expect(f.feeSharePercent).toBeCloseTo((2_000_000 / 314_500_000) * 100, 10);
    expect([f.difficulty, f.remainingBlocks, f.nextRetargetHeight, f.halvingHeight, f.halvingBlocksLeft]).toEqual([
      1.4e14, 744, 975_744, 1_050_000, 75_000,
    ]);
    expect(f.subsidyAfterHalvingSats).toBe(156_250_000);
  });

  it('epoch progress comes from the tip, as in the hover, even when the adjustment response is a block behind', () => {
    const stale = {
      ...snapshot,
      adjustment: { ...snapshot.adjustment, remainingBlocks: 745, nextRetargetHeight: 975_744, progressPercent: 63.05 },
    };
    const f = computeKeyFigures(stale, 'USD', NOW_MS, null);
    // 975,000 mod 2016 = 1,272 mined → 744 to go, 63.095 %.
    expect([f.remainingBlocks, f.nextRetargetHeight]).toEqual([744, 975_744]);
    expect(f.progressPercent).toBeCloseTo((1272 / 2016) * 100, 12);
  });

  it('shows levels without changes when there is no history (or no fiat price)', () => {
    const f = computeKeyFigures({ ...snapshot, prices: { timeS: TODAY, perBtc: {} } }, 'EUR', NOW_MS, null);
    expect(f.hashpriceFiat).toBeNull();
    expect(f.btcPrice).toBeNull();
    expect([f.hashrateChange30dPercent, f.hashpriceChange7dPercent, f.hashpriceSatsChange7dPercent]).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('coversKeyFigures asks for 40 days', () => {
    expect(coversKeyFigures(series(41, () => ({})))).toBe(true);
    expect(coversKeyFigures(series(31, () => ({})))).toBe(false);
    expect(coversKeyFigures(null)).toBe(false);
  });
});

describe('computeKeyFigures: intervals', () => {
  // Independent values from scipy.stats (gamma, f, betaprime), as written next to each.
  const tipSnapshot: NetworkSnapshot = {
    ...snapshot,
    latestBlocks: [
      {
        height: 975_000,
        timeS: TODAY + 8 * 3600,
        difficulty: 1.4e14,
        rewardSats: 314_500_000,
        totalFeesSats: 2_000_000,
        poolName: 'x',
      },
    ],
  };

  it('gives the 1008-block hash-rate interval and P(below 1 ZH/s) at the level asked for', () => {
    const f = computeKeyFigures(tipSnapshot, 'USD', NOW_MS, null, { confidenceLevel: 0.95 });
    expect(f.confidenceLevel).toBe(0.95);
    // 9.9e20 × gamma.ppf([0.025, 0.975], 1008) / 1008.
    expectRelative(f.hashrateLowHps!, 9.29819759382e20, 1e-8);
    expectRelative(f.hashrateHighHps!, 1.05204058686e21, 1e-8);
    // gamma.cdf(1008 × 1e21 / 9.9e20, 1008).
    expect(f.hashrateBelowProbability).toBeCloseTo(0.62934313, 6);
    expect(f.hashrateBelowThresholdHps).toBe(1e21);
  });

  it("gives the next retarget's change and date from this epoch's blocks (n = 1272 since day −9)", () => {
    const f = computeKeyFigures(tipSnapshot, 'USD', NOW_MS, null);
    // t = 9 d 9 h = 810,000 s; change = (1,209,600 / (t + t·betaprime.ppf(1 − p, 743, 1272)) − 1)·100.
    expect(f.difficultyChangeLowPercent).toBeCloseTo(-8.89409006, 5);
    expect(f.difficultyChangeMedianPercent).toBeCloseTo(-5.72453067, 5);
    expect(f.difficultyChangeHighPercent).toBeCloseTo(-2.60480172, 5);
    // now + t·betaprime.ppf(p, 744, 1272), ms.
    expect(f.retargetLowMs! / 1000).toBeCloseTo(1_796_029_749.09, 0);
    expect(f.retargetMedianMs! / 1000).toBeCloseTo(1_796_070_885.46, 0);
    expect(f.retargetHighMs! / 1000).toBeCloseTo(1_796_115_563.28, 0);
  });

  it("has no retarget interval without the tip's timestamp", () => {
    const f = computeKeyFigures(snapshot, 'USD', NOW_MS, null);
    expect([f.difficultyChangeLowPercent, f.difficultyChangeMedianPercent, f.retargetHighMs]).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('gives the 30-day change an interval and says when it is within noise', () => {
    const rising = series(60, (i, n) => ({ hashrate: i === n - 1 ? null : i >= n - 8 ? 110 : 100 }));
    const f = computeKeyFigures(tipSnapshot, 'USD', NOW_MS, rising, { confidenceLevel: 0.9 });
    // (1.1 × f.ppf([0.05, 0.95], 2016, 2016) − 1)·100.
    expect(f.hashrateChange30dLowPercent).toBeCloseTo(2.22696408, 5);
    expect(f.hashrateChange30dHighPercent).toBeCloseTo(18.36407458, 5);
    expect(f.hashrateChange30dWithinNoise).toBe(false);
    const flat = series(60, (i, n) => ({ hashrate: i === n - 1 ? null : i >= n - 8 ? 102 : 100 }));
    const g = computeKeyFigures(tipSnapshot, 'USD', NOW_MS, flat);
    // (1.02 × f.ppf([0.025, 0.975], 2016, 2016) − 1)·100: contains 0.
    expect(g.hashrateChange30dLowPercent).toBeCloseTo(-6.52963965, 5);
    expect(g.hashrateChange30dWithinNoise).toBe(true);
    expect(computeKeyFigures(tipSnapshot, 'USD', NOW_MS, null).hashrateChange30dWithinNoise).toBeNull();
  });
});
