import { describe, expect, it } from 'vitest';
import {
  binDailyMean,
  buildHistoryDataset,
  carryForward,
  dayIndexOf,
  difficultyPerDay,
  halvingTimes,
  mergeAdjustments,
  type HistoryParts,
} from '../../../src/core/history/align';
import type { DifficultyRecord } from '../../../src/core/model';

const DAY = 86_400;
// 2024-01-01T00:00:00Z = day 19723.
const D0 = 19_723 * DAY;

describe('binDailyMean', () => {
  it('averages the points of each UTC day and leaves empty days null', () => {
    const points = [
      { t: D0 + 3_600, v: 10 },
      { t: D0 + 50_000, v: 20 },
      { t: D0 + 2 * DAY + 10, v: 7 },
      { t: D0 - 1, v: 999 }, // the day before the grid: ignored
    ];
    expect(
      binDailyMean(
        points,
        dayIndexOf(D0),
        3,
        (p) => p.t,
        (p) => p.v,
      ),
    ).toEqual([15, null, 7]);
  });

  it('skips null and non-finite values', () => {
    const points = [
      { t: D0, v: null },
      { t: D0 + 1, v: Number.NaN },
      { t: D0 + 2, v: 4 },
    ];
    expect(
      binDailyMean(
        points,
        dayIndexOf(D0),
        1,
        (p) => p.t,
        (p) => p.v,
      ),
    ).toEqual([4]);
  });
});

describe('carryForward', () => {
  it('fills gaps up to maxDays with the last value, never before the first', () => {
    expect(carryForward([null, 1, null, null, null, 5, null], 2)).toEqual([null, 1, 1, 1, null, 5, 5]);
  });
});

describe('difficultyPerDay', () => {
  const records: DifficultyRecord[] = [
    { timeS: D0 + DAY + 3_600, height: 2016, difficulty: 200, adjustmentRatio: 2 },
    { timeS: D0 + 3 * DAY + 10, height: 4032, difficulty: 150, adjustmentRatio: 0.75 },
  ];

  it('gives each day the difficulty in force at its end; before the first retarget, the one it replaced', () => {
    // Day 0: before the first retarget → 200 / 2 = 100. Day 1: retarget at 01:00 → 200. Day 3: → 150.
    expect(difficultyPerDay(records, dayIndexOf(D0), 5)).toEqual([100, 200, 200, 150, 150]);
  });

  it('knows nothing without records', () => {
    expect(difficultyPerDay([], dayIndexOf(D0), 2)).toEqual([null, null]);
  });
});

describe('halvingTimes', () => {
  it('interpolates the time of each halving between the nearest known heights', () => {
    const anchors = [
      { height: 209_000, timeS: 1_000_000 },
      { height: 211_000, timeS: 1_200_000 },
      { height: 421_000, timeS: 2_000_000 },
      { height: 419_000, timeS: 1_900_000 }, // out of order: sorted first
    ];
    expect(halvingTimes(anchors)).toEqual([
      { index: 1, height: 210_000, timeS: 1_100_000 },
      { index: 2, height: 420_000, timeS: 1_950_000 },
    ]);
  });

  it('does not extrapolate past the last known height', () => {
    expect(
      halvingTimes([
        { height: 100, timeS: 1 },
        { height: 200_000, timeS: 2 },
      ]),
    ).toEqual([]);
  });
});

describe('mergeAdjustments', () => {
  it('unions lists by height, oldest first, first list winning', () => {
    const a = [{ timeS: 2, height: 4032, difficulty: 2, adjustmentRatio: 2 }];
    const b = [
      { timeS: 1, height: 2016, difficulty: 1, adjustmentRatio: 1 },
      { timeS: 9, height: 4032, difficulty: 99, adjustmentRatio: 1 },
    ];
    expect(mergeAdjustments(a, b).map((r) => [r.height, r.difficulty])).toEqual([
      [2016, 1],
      [4032, 2],
    ]);
  });
});

describe('buildHistoryDataset', () => {
  const parts: HistoryParts = {
    // mempool stamps daily points at UTC midnight; the grid follows them.
    hashrate: [
      { timeS: D0, hashrateHps: 5e20 },
      { timeS: D0 + DAY, hashrateHps: 6e20 },
      { timeS: D0 + 2 * DAY, hashrateHps: 0 },
    ],
    adjustments: [{ timeS: D0 - 5 * DAY, height: 800_000, difficulty: 7e13, adjustmentRatio: 1.05 }],
    // Two 12-hour reward buckets a day; the last day only has one so far.
    rewards: [
      { avgHeight: 800_100, timeS: D0 + 20_000, avgRewardsSats: 640_000_000, priceUsd: 40_000 },
      { avgHeight: 800_140, timeS: D0 + 60_000, avgRewardsSats: 660_000_000, priceUsd: 42_000 },
      { avgHeight: 800_200, timeS: D0 + DAY + 20_000, avgRewardsSats: 650_000_000, priceUsd: null },
      { avgHeight: 800_300, timeS: D0 + 3 * DAY + 100, avgRewardsSats: 630_000_000, priceUsd: 43_000 },
    ],
    fees: null,
    prices: null,
  };
  const ds = buildHistoryDataset(parts, { range: '1M', currency: 'USD', sourceHost: 'example.test', fetchedAtMs: 123 });

  it('spans the union of the hash-rate and reward days on consecutive UTC midnights', () => {
    expect(ds.days.timeS).toEqual([D0, D0 + DAY, D0 + 2 * DAY, D0 + 3 * DAY]);
    expect(ds.days.hashrateHps).toEqual([5e20, 6e20, 0, null]);
  });

  it('bins rewards by day, carries a missing price over a short gap', () => {
    expect(ds.days.rewardSats).toEqual([650_000_000, 650_000_000, null, 630_000_000]);
    // Day 0 mean of 40k and 42k; day 1 has no price (carried); day 2 has no bucket (carried); day 3 its own.
    expect(ds.days.price).toEqual([41_000, 41_000, 41_000, 43_000]);
    expect(ds.days.difficulty).toEqual([7e13, 7e13, 7e13, 7e13]);
  });

  it('estimates fees as reward − subsidy without the fees series, and says so', () => {
    // Subsidy at height 800,1xx is 6.25 BTC = 625,000,000 sats: fees 15M and 35M → mean 25M.
    expect(ds.days.feesSats[0]).toBe(25_000_000);
    expect(ds.notes.join(' ')).toMatch(/Fees estimated as reward − subsidy/);
  });

  it('keeps the retargets as columns and the metadata', () => {
    expect(ds.adjustments).toEqual({ timeS: [D0 - 5 * DAY], height: [800_000], difficulty: [7e13], ratio: [1.05] });
    expect([ds.schema, ds.range, ds.currency, ds.sourceHost, ds.fetchedAtMs]).toEqual([
      1,
      '1M',
      'USD',
      'example.test',
      123,
    ]);
  });

  it('uses the currency price series when given, and the fees series when present', () => {
    const eur = buildHistoryDataset(
      {
        ...parts,
        fees: [{ avgHeight: 800_100, timeS: D0 + 100, avgFeesSats: 12_000_000, priceUsd: null }],
        prices: [
          { timeS: D0, price: 37_000 },
          { timeS: D0 + DAY, price: 0 }, // "unavailable"
          { timeS: D0 + 3 * DAY, price: 39_000 },
        ],
      },
      { range: '1M', currency: 'EUR', sourceHost: 'x', fetchedAtMs: 0 },
    );
    expect(eur.days.price).toEqual([37_000, 37_000, 37_000, 39_000]);
    expect(eur.days.feesSats).toEqual([12_000_000, null, null, null]);
    expect(eur.notes).toEqual([]);
  });

  it('is empty, not broken, without data', () => {
    const empty = buildHistoryDataset(
      { hashrate: [], adjustments: [], rewards: [], fees: [], prices: null },
      { range: 'ALL', currency: 'USD', sourceHost: 'x', fetchedAtMs: 0 },
    );
    expect(empty.days.timeS).toEqual([]);
    expect(empty.halvings).toEqual([]);
  });
});
