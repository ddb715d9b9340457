import { describe, expect, it } from 'vitest';
import { ma7BandFactors } from '../../../src/core/history/bands';
import { deriveSeries, ma7Band } from '../../../src/core/history/derive';
import { movingAverage } from '../../../src/core/movingAverage';
import type { HistoryDataset } from '../../../src/core/history/types';
import { seededRandom } from '../../support/random';
import { expectRelative } from '../estimates/relative';

describe('movingAverage', () => {
  it('is the trailing mean over the window once enough values are in it', () => {
    // window 3, minCount 2: [1] → null; [1,2] → 1.5; [1,2,3] → 2; [2,3,4] → 3.
    expect(movingAverage([1, 2, 3, 4], 3, 2)).toEqual([null, 1.5, 2, 3]);
  });

  it('skips gaps and needs minCount real values', () => {
    expect(movingAverage([4, null, null, 8, null], 3, 2)).toEqual([null, null, null, null, null]);
    expect(movingAverage([4, null, 6, 8, null], 3, 2)).toEqual([null, null, 5, 7, 7]);
  });

  it('stays exact across eras of very different magnitude (no running-sum drift)', () => {
    const values = [...Array.from({ length: 100 }, () => 1e21), ...Array.from({ length: 100 }, (_, i) => 1e6 + i)];
    const ma = movingAverage(values, 7, 7);
    // The last 7 values are 1e6+93 … 1e6+99: mean 1e6+96 exactly.
    expect(ma[199]).toBe(1e6 + 96);
    expect(ma[150]).toBe(1e6 + 47);
  });

  it('matches a direct computation on a long noisy series', () => {
    const values = Array.from({ length: 5000 }, (_, i) =>
      i % 97 === 0 ? null : 10 ** (6 + (i / 5000) * 15) * (1 + Math.sin(i)),
    );
    const ma = movingAverage(values, 30, 15);
    for (const i of [29, 1000, 2500, 4999]) {
      const window = values.slice(i - 29, i + 1).filter((v): v is number => v !== null);
      expect(ma[i]).toBeCloseTo(
        window.reduce((a, b) => a + b, 0) / window.length,
        -Math.floor(Math.log10(ma[i]!)) + 10,
      );
    }
  });
});

function dataset(days: Partial<HistoryDataset['days']>): HistoryDataset {
  const n = days.timeS?.length ?? 1;
  const fill = <T>(v: T) => Array.from({ length: n }, () => v);
  return {
    schema: 1,
    range: '1M',
    currency: 'USD',
    sourceHost: 'x',
    fetchedAtMs: 0,
    days: {
      timeS: fill(0).map((_, i) => i * 86_400),
      hashrateHps: fill(null),
      difficulty: fill(null),
      rewardSats: fill(null),
      feesSats: fill(null),
      price: fill(null),
      ...days,
    },
    adjustments: { timeS: [], height: [], difficulty: [], ratio: [] },
    halvings: [],
    notes: [],
  };
}

describe('deriveSeries', () => {
  it('computes the hand-worked hashprice of the reference (≈ $108/PH/day)', () => {
    // Difficulty 8.3127e13, 6.25 + 0.136 BTC per block, $69,880:
    // blocks per PH/s·day = 86,400 × 1e15 / (8.3127e13 × 2³²) = 0.000241998;
    // × 6.386 BTC = 0.0015454 BTC/PH/day (154,540 sats); × $69,880 = $107.99.
    const s = deriveSeries(
      dataset({ difficulty: [8.3127e13], rewardSats: [638_600_000], feesSats: [13_600_000], price: [69_880] }),
    );
    expect(s.hashpriceFiat[0]).toBeCloseTo(107.99, 1);
    expect(s.hashpriceSats[0]).toBeCloseTo(154_540, -1);
    // Fees 0.136 of 6.386 BTC = 2.13 %.
    expect(s.feeSharePercent[0]).toBeCloseTo(2.1297, 3);
    // D·2³²/600 = 8.3127e13 × 4,294,967,296 / 600 = 5.9504e20 H/s.
    expect(s.difficultyHps[0]).toBeCloseTo(5.9504e20, -17);
  });

  it('leaves gaps where an input is missing, and turns block-less days (0 H/s) into gaps', () => {
    const s = deriveSeries(
      dataset({
        timeS: [0, 86_400],
        hashrateHps: [0, 5],
        difficulty: [1e13, null],
        rewardSats: [6e8, 6e8],
        price: [null, 100],
      }),
    );
    expect(s.hashrate).toEqual([null, 5]);
    expect(s.hashpriceSats[0]).not.toBeNull();
    expect(s.hashpriceFiat).toEqual([null, null]);
    expect(s.hashpriceSats[1]).toBeNull();
    expect(s.feeSharePercent).toEqual([null, null]);
  });
});

describe('ma7Band (the interval around the 7-day mean)', () => {
  // Independent values (scipy.stats.gamma.ppf(p, n) / n): the Gamma(n, 1) quantiles over n.
  it('is 932.0–1054.5 EH/s around 992.3 EH/s for a full week (1008 blocks) at 95 %', () => {
    const daily = Array.from({ length: 7 }, () => 992.3e18);
    const s = deriveSeries(
      dataset({ timeS: daily.map((_, i) => i * 86_400), hashrateHps: daily }),
      ma7BandFactors(0.95),
    );
    expect(s.bandLevel).toBe(0.95);
    expect(s.hashrateMa7[6]).toBeCloseTo(992.3e18, -9);
    expectRelative(s.hashrateMa7Low[6]!, 931.9799467e18, 1e-7);
    expectRelative(s.hashrateMa7High[6]!, 1054.48472155e18, 1e-7);
  });

  it('follows the level: 0.948762–1.052366 × the mean at 90 %', () => {
    const daily = Array.from({ length: 7 }, () => 1e21);
    const band = ma7Band(daily, movingAverage(daily, 7, 4), ma7BandFactors(0.9));
    expectRelative(band.low[6]!, 0.94876208e21, 1e-7);
    expectRelative(band.high[6]!, 1.05236586e21, 1e-7);
  });

  it('counts 144 blocks per day with an estimate: 6 days → 864 blocks, 4 days → 576, fewer → no band', () => {
    const mean = 992.3e18;
    // Days 0–6: one gap (day 3) → day 6's window has 6 estimates. Day 3's window (days 0–3) has 3: no mean, no band.
    const daily = [mean, mean, mean, null, mean, mean, mean, null, null, mean];
    const band = ma7Band(daily, movingAverage(daily, 7, 4), ma7BandFactors(0.95));
    expectRelative(band.low[6]!, 927.22852964e18, 1e-7);
    expectRelative(band.high[6]!, 1059.54689077e18, 1e-7);
    // Day 9's window (days 3–9): days 4, 5, 6, 9 → 4 estimates, 576 blocks.
    expectRelative(band.low[9]!, 912.90749239e18, 1e-7);
    expectRelative(band.high[9]!, 1074.9555023e18, 1e-7);
    expect(band.low[3]).toBeNull();
    expect(band.high[2]).toBeNull();
  });

  it('is absent when derived without factors (bandLevel null, every bound null)', () => {
    const daily = Array.from({ length: 7 }, () => 1e21);
    const s = deriveSeries(dataset({ timeS: daily.map((_, i) => i * 86_400), hashrateHps: daily }));
    expect(s.bandLevel).toBeNull();
    expect([...s.hashrateMa7Low, ...s.hashrateMa7High].every((v) => v === null)).toBe(true);
  });

  it('has no band for an invalid level rather than a wrong one', () => {
    const daily = Array.from({ length: 7 }, () => 1e21);
    const band = ma7Band(daily, movingAverage(daily, 7, 4), ma7BandFactors(1.5));
    expect(band.low[6]).toBeNull();
    expect(band.high[6]).toBeNull();
  });

  it('covers the true rate about 95 % of the time for means of seven 144-block daily estimates (seeded)', () => {
    const random = seededRandom(20_261_202);
    const trueHps = 9e20;
    const difficulty = 1.2e14;
    const blocksPerS = trueHps / (difficulty * 2 ** 32);
    const trials = 2000;
    let covered = 0;
    for (let t = 0; t < trials; t++) {
      const daily: number[] = [];
      for (let d = 0; d < 7; d++) {
        let timeS = 0;
        for (let b = 0; b < 144; b++) timeS += random.exponential(blocksPerS);
        daily.push((144 * difficulty * 2 ** 32) / timeS);
      }
      const band = ma7Band(daily, movingAverage(daily, 7, 4), ma7BandFactors(0.95));
      if (band.low[6]! <= trueHps && trueHps <= band.high[6]!) covered++;
    }
    // Binomial(2000, 0.95): sd 0.49 %; ±1.5 % is 3 sd.
    expect(covered / trials).toBeGreaterThan(0.935);
    expect(covered / trials).toBeLessThan(0.965);
  });
});

describe('ma7BandFactors', () => {
  it('has multipliers for 4–7 days with an estimate (576–1008 blocks) and none below', () => {
    const f = ma7BandFactors(0.95);
    expect(f.level).toBe(0.95);
    expect(f.low.slice(0, 4)).toEqual([null, null, null, null]);
    expect(f.high.slice(0, 4)).toEqual([null, null, null, null]);
    // scipy.stats.gamma.ppf([0.025, 0.975], n) / n for n = 1008 and 576.
    expectRelative(f.low[7]!, 931.9799467 / 992.3, 1e-7);
    expectRelative(f.high[7]!, 1054.48472155 / 992.3, 1e-7);
    expectRelative(f.low[4]!, 912.90749239 / 992.3, 1e-7);
    expectRelative(f.high[4]!, 1074.9555023 / 992.3, 1e-7);
  });
});
