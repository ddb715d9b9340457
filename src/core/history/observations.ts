// The daily history as the inputs of hashprice, for "why did hashprice move?" in the panel
// (src/core/pnl/decomposition.ts). Unlike the hover's series (USD, from 2-hour reward buckets), this one
// is in the dataset's currency and uses the panel's own UTC-day grid, so the panel's decomposition
// describes exactly the days its hashprice chart draws.

import { SATS_PER_BTC } from '../constants';
import { hashvalueBtcPerPhDay } from '../economics';
import type { HashpriceObservation } from '../pnl/decomposition';
import type { HistoryDataset } from './types';

/**
 * One observation per day that has every input: the difficulty in force at the end of the day, the day's
 * price, and the day's mean reward per block split into subsidy (reward − fees) and fees. Days missing any
 * of them (no blocks yet today, no price before 2010) are left out rather than guessed.
 */
export function hashpriceObservations(dataset: HistoryDataset): HashpriceObservation[] {
  const d = dataset.days;
  const out: HashpriceObservation[] = [];
  for (let i = 0; i < d.timeS.length; i++) {
    const difficulty = d.difficulty[i];
    const price = d.price[i];
    const reward = d.rewardSats[i];
    const fees = d.feesSats[i];
    if (difficulty == null || price == null || reward == null || fees == null) continue;
    if (!(difficulty > 0) || !(price > 0) || !(reward > 0)) continue;
    // Fees cannot exceed the reward; a daily mean can, by rounding, a hair.
    const feesSats = Math.min(Math.max(0, fees), reward);
    out.push({
      timeS: d.timeS[i]!,
      difficulty,
      priceFiat: price,
      subsidyBtc: (reward - feesSats) / SATS_PER_BTC,
      feesBtcPerBlock: feesSats / SATS_PER_BTC,
    });
  }
  return out;
}

/** Hashprice of one observation: (subsidy + fees) per block × blocks a PH/s finds per day × price. */
export function observationHashprice(o: HashpriceObservation): number {
  return hashvalueBtcPerPhDay((o.subsidyBtc + o.feesBtcPerBlock) * SATS_PER_BTC, o.difficulty) * o.priceFiat;
}
