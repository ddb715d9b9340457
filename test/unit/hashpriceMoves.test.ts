import { describe, expect, it } from 'vitest';
import { computeGlanceFigures } from '../../src/core/views/glanceFigures';
import { dailyHashpriceObservations } from '../../src/core/glance/hashpriceMoves';
import { hashpriceMoves } from '../../src/core/pnl/decomposition';
import { hoverMarkdown } from '../../src/core/views/hoverMarkdown';
import type { BlockRewardsPoint, DifficultyRecord } from '../../src/core/model';
import { NOW_MS, hoverContext, makeSnapshot } from './helpers/snapshot';

const DAY = 86_400;
const dayA = 20_400; // a UTC day number
const dayB = dayA + 7;
const bucket = (
  day: number,
  hour: number,
  rewardSats: number,
  height: number,
  usd: number | null,
): BlockRewardsPoint => ({
  timeS: day * DAY + hour * 3600,
  avgRewardsSats: rewardSats,
  avgHeight: height,
  priceUsd: usd,
});

// Day A: two buckets, rewards 3.15 and 3.16 BTC → 3.155 BTC (subsidy 3.125 + fees 0.03), price (100,000 + 102,000)/2 = 101,000,
//        difficulty 1.4e14 (retarget the day before). Day B: 3.18 BTC (fees 0.055), $110,000, difficulty 1.47e14 (+5 %).
// Hashprice ∝ reward × price / D: (3.18/3.155) × (110,000/101,000) × (1.4/1.47) − 1 = +4.5466 %.
// Log-mean (LMDI) split, weight (r − 1)/ln r: price +8.7286, difficulty −4.9891, fees +0.8071 — summing to the total.
const rewards = [
  bucket(dayA, 2, 315_000_000, 975_000, 100_000),
  bucket(dayA, 14, 316_000_000, 975_010, 102_000),
  bucket(dayB, 10, 318_000_000, 976_000, 110_000),
  bucket(dayB + 1, 1, 318_000_000, 976_100, null), // no price yet: no observation
];
const records: DifficultyRecord[] = [
  { timeS: (dayA - 1) * DAY, height: 973_728, difficulty: 1.4e14, adjustmentRatio: 1.02 },
  { timeS: (dayB - 2) * DAY, height: 975_744, difficulty: 1.47e14, adjustmentRatio: 1.05 },
];

describe('dailyHashpriceObservations', () => {
  it('averages buckets per UTC day and takes the difficulty in force at noon', () => {
    const obs = dailyHashpriceObservations(rewards, records, 1.47e14);
    expect(obs).toHaveLength(2);
    expect(obs[0]).toEqual({
      timeS: dayA * DAY + DAY / 2,
      difficulty: 1.4e14,
      priceFiat: 101_000,
      subsidyBtc: 3.125,
      feesBtcPerBlock: expect.closeTo(0.03, 12),
    });
    expect(obs[1]).toMatchObject({
      difficulty: 1.47e14,
      priceFiat: 110_000,
      feesBtcPerBlock: expect.closeTo(0.055, 12),
    });
  });
  it('before the first known retarget uses the difficulty that retarget replaced', () => {
    const early = dailyHashpriceObservations([bucket(dayA - 3, 12, 315_000_000, 974_000, 95_000)], records, 1.47e14);
    expect(early[0]!.difficulty).toBeCloseTo(1.4e14 / 1.02, 0);
  });
});

describe('why did hashprice move', () => {
  const obs = dailyHashpriceObservations(rewards, records, 1.47e14);
  it('decomposes the 7-day change into parts that add up', () => {
    const [move] = hashpriceMoves(obs);
    expect(move!.days).toBe(7);
    const d = move!.decomposition;
    expect(d.totalPercent).toBeCloseTo(4.5466, 4);
    expect(d.pricePercent).toBeCloseTo(8.7286, 4);
    expect(d.difficultyPercent).toBeCloseTo(-4.9891, 4);
    expect(d.feesPercent).toBeCloseTo(0.8071, 4);
    expect(d.pricePercent + d.difficultyPercent + d.feesPercent + d.subsidyPercent).toBeCloseTo(d.totalPercent, 9);
  });
  it('shows in the hover, labelled in USD when another currency is chosen', () => {
    const snapshot = makeSnapshot({ hashpriceDaily: { fetchedAtMs: NOW_MS, observations: obs } });
    const md = hoverMarkdown(hoverContext(computeGlanceFigures(snapshot, 'EUR', NOW_MS)));
    expect(md).toContain('| Hashprice over 7 d (in USD) | **+4.5%** = price +8.7% · difficulty −5.0% · fees +0.8% |');
  });
});
