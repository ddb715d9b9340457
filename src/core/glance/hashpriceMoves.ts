// "Why did hashprice move?" for the hover: a daily series of the hashprice's inputs over the last month,
// built from mempool's block-rewards buckets (reward per block and the USD price of the time) and the
// difficulty in force each day, then decomposed over 1, 7 and 30 days (hashpriceMoves in
// src/core/pnl/decomposition.ts).

import { SATS_PER_BTC, SECONDS_PER_DAY } from '../constants';
import { subsidySats } from '../economics';
import type { BlockRewardsPoint, DifficultyRecord } from '../model';
import type { HashpriceObservation } from '../pnl/decomposition';

/** 3m: buckets of 2 h, ≈ 1,100 points; enough to have a whole day 30 days back. */
export const HASHPRICE_MOVES_PATH = '/api/v1/mining/blocks/rewards/3m';
/** Keep a little over the longest comparison window. */
const KEEP_DAYS = 32;

/**
 * Difficulty in force at a time: the latest retarget at or before it. Before the first record we know,
 * the difficulty is that record's divided by its ratio — correct as long as the time is after the retarget
 * before it, which holds for the month of records the glance fetches and the month of days we keep.
 */
function difficultyAt(records: readonly DifficultyRecord[], timeS: number, currentDifficulty: number): number {
  let found: DifficultyRecord | undefined;
  for (const r of records) if (r.timeS <= timeS) found = r;
  if (found) return found.difficulty;
  const first = records[0];
  return first ? first.difficulty / first.adjustmentRatio : currentDifficulty;
}

/**
 * One observation per UTC day with a price: mean reward per block of the day's buckets, split into the
 * subsidy at the day's mean height and fees; the day's mean USD price; the difficulty in force at noon.
 */
export function dailyHashpriceObservations(
  rewards: readonly BlockRewardsPoint[],
  records: readonly DifficultyRecord[],
  currentDifficulty: number,
): HashpriceObservation[] {
  const days = new Map<number, { reward: number; height: number; price: number; priced: number; n: number }>();
  for (const p of rewards) {
    const day = Math.floor(p.timeS / SECONDS_PER_DAY);
    const d = days.get(day) ?? { reward: 0, height: 0, price: 0, priced: 0, n: 0 };
    d.reward += p.avgRewardsSats;
    d.height += p.avgHeight;
    d.n++;
    if (p.priceUsd !== null) {
      d.price += p.priceUsd;
      d.priced++;
    }
    days.set(day, d);
  }
  const sorted = [...days.entries()].sort((a, b) => a[0] - b[0]);
  const lastDay = sorted.at(-1)?.[0] ?? 0;
  const observations: HashpriceObservation[] = [];
  for (const [day, d] of sorted) {
    if (d.priced === 0 || day < lastDay - KEEP_DAYS) continue;
    const noonS = day * SECONDS_PER_DAY + SECONDS_PER_DAY / 2;
    const rewardBtc = d.reward / d.n / SATS_PER_BTC;
    const subsidyBtc = subsidySats(Math.round(d.height / d.n)) / SATS_PER_BTC;
    observations.push({
      timeS: noonS,
      difficulty: difficultyAt(records, noonS, currentDifficulty),
      priceFiat: d.price / d.priced,
      subsidyBtc,
      // Bucket means can dip a hair below the subsidy through rounding; fees cannot be negative.
      feesBtcPerBlock: Math.max(0, rewardBtc - subsidyBtc),
    });
  }
  return observations;
}

/** The series is refetched at most this often: day-level inputs barely move within an hour. */
export const HASHPRICE_MOVES_MAX_AGE_MS = 60 * 60_000;
