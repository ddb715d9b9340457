import { describe, expect, it } from 'vitest';
import { buildHistoryDataset } from '../../../src/core/history/align';
import { hashpriceObservations, observationHashprice } from '../../../src/core/history/observations';

describe('hashpriceObservations', () => {
  const base = buildHistoryDataset(
    { hashrate: [], adjustments: [], rewards: [], fees: null, prices: null },
    { range: '1M', currency: 'EUR', sourceHost: 'example.test', fetchedAtMs: 1 },
  );
  const dataset = {
    ...base,
    days: {
      timeS: [0, 86_400, 172_800, 259_200],
      hashrateHps: [null, null, null, null],
      difficulty: [1e14, 1e14, null, 1e14],
      rewardSats: [315_000_000, 315_000_000, 315_000_000, 312_000_000],
      feesSats: [2_500_000, null, 2_500_000, 312_600_000],
      price: [90_000, 90_000, 90_000, 91_000],
    },
  };

  it('one observation per day with every input; subsidy = reward − fees; fees capped at the reward', () => {
    // Day 1 has no fees, day 2 no difficulty: left out. Day 3's fees exceed its reward by rounding: capped.
    expect(hashpriceObservations(dataset)).toEqual([
      { timeS: 0, difficulty: 1e14, priceFiat: 90_000, subsidyBtc: 3.125, feesBtcPerBlock: 0.025 },
      { timeS: 259_200, difficulty: 1e14, priceFiat: 91_000, subsidyBtc: 0, feesBtcPerBlock: 3.12 },
    ]);
  });

  it('hashprice of an observation: reward × 86,400·10¹⁵ / (D × 2³²) × price', () => {
    // 3.15 BTC × 86,400e15 / (1e14 × 4,294,967,296) = 3.15 × 0.000201165676… = 0.000633671879 BTC × €90,000 = €57.03.
    const [first] = hashpriceObservations(dataset);
    expect(observationHashprice(first!)).toBeCloseTo(57.0305, 4);
  });
});
