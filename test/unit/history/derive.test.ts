import { describe, expect, it } from 'vitest';
import { deriveSeries } from '../../../src/core/history/derive';
import { movingAverage } from '../../../src/core/movingAverage';
import type { HistoryDataset } from '../../../src/core/history/types';

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
    const values = Array.from({ length: 5000 }, (_, i) => (i % 97 === 0 ? null : 10 ** (6 + (i / 5000) * 15) * (1 + Math.sin(i))));
    const ma = movingAverage(values, 30, 15);
    for (const i of [29, 1000, 2500, 4999]) {
      const window = values.slice(i - 29, i + 1).filter((v): v is number => v !== null);
      expect(ma[i]).toBeCloseTo(window.reduce((a, b) => a + b, 0) / window.length, -Math.floor(Math.log10(ma[i]!)) + 10);
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
    const s = deriveSeries(dataset({ difficulty: [8.3127e13], rewardSats: [638_600_000], feesSats: [13_600_000], price: [69_880] }));
    expect(s.hashpriceFiat[0]).toBeCloseTo(107.99, 1);
    expect(s.hashpriceSats[0]).toBeCloseTo(154_540, -1);
    // Fees 0.136 of 6.386 BTC = 2.13 %.
    expect(s.feeSharePercent[0]).toBeCloseTo(2.1297, 3);
    // D·2³²/600 = 8.3127e13 × 4,294,967,296 / 600 = 5.9504e20 H/s.
    expect(s.difficultyHps[0]).toBeCloseTo(5.9504e20, -17);
  });

  it('leaves gaps where an input is missing, and turns block-less days (0 H/s) into gaps', () => {
    const s = deriveSeries(dataset({ timeS: [0, 86_400], hashrateHps: [0, 5], difficulty: [1e13, null], rewardSats: [6e8, 6e8], price: [null, 100] }));
    expect(s.hashrate).toEqual([null, 5]);
    expect(s.hashpriceSats[0]).not.toBeNull();
    expect(s.hashpriceFiat).toEqual([null, null]);
    expect(s.hashpriceSats[1]).toBeNull();
    expect(s.feeSharePercent).toEqual([null, null]);
  });
});
