// Series the charts draw, derived from a dataset's daily columns: moving averages, difficulty as implied
// hash rate, per-day hashprice, fee share. Plain arrays with null for gaps (what uPlot expects).

import { SATS_PER_BTC } from '../constants';
import { hashvalueBtcPerPhDay, impliedHashrateHps } from '../economics';
import { movingAverage } from '../movingAverage';
import type { HistoryDataset } from './types';

/** Read-only: columns may be the dataset's own arrays (no copies of ~6,500-entry columns). */
export interface DerivedSeries {
  readonly timeS: readonly number[];
  /** Daily estimate; days without blocks (0) become gaps. */
  readonly hashrate: readonly (number | null)[];
  readonly hashrateMa7: readonly (number | null)[];
  readonly hashrateMa30: readonly (number | null)[];
  readonly difficulty: readonly (number | null)[];
  /** Difficulty as the hash rate that finds a block every 600 s: D·2³²/600. */
  readonly difficultyHps: readonly (number | null)[];
  /** Fiat per PH/s per day, with that day's difficulty, mean reward per block and price. */
  readonly hashpriceFiat: readonly (number | null)[];
  readonly hashpriceSats: readonly (number | null)[];
  readonly rewardSats: readonly (number | null)[];
  readonly feesSats: readonly (number | null)[];
  /** Fees ÷ (subsidy + fees), in percent. */
  readonly feeSharePercent: readonly (number | null)[];
  readonly price: readonly (number | null)[];
}

export function deriveSeries(dataset: HistoryDataset): DerivedSeries {
  const d = dataset.days;
  const n = d.timeS.length;
  const hashrate = new Array<number | null>(n);
  const difficultyHps = new Array<number | null>(n);
  const hashpriceFiat = new Array<number | null>(n);
  const hashpriceSats = new Array<number | null>(n);
  const feeSharePercent = new Array<number | null>(n);
  for (let i = 0; i < n; i++) {
    const h = d.hashrateHps[i];
    hashrate[i] = h !== null && h !== undefined && h > 0 ? h : null;
    const diff = d.difficulty[i] ?? null;
    difficultyHps[i] = diff === null ? null : impliedHashrateHps(diff);
    const reward = d.rewardSats[i] ?? null;
    const price = d.price[i] ?? null;
    if (diff !== null && reward !== null && reward > 0) {
      const hashvalue = hashvalueBtcPerPhDay(reward, diff);
      hashpriceSats[i] = hashvalue * SATS_PER_BTC;
      hashpriceFiat[i] = price === null ? null : hashvalue * price;
    } else {
      hashpriceSats[i] = null;
      hashpriceFiat[i] = null;
    }
    const fees = d.feesSats[i] ?? null;
    feeSharePercent[i] = fees !== null && reward !== null && reward > 0 ? Math.min(100, Math.max(0, (fees / reward) * 100)) : null;
  }
  return {
    timeS: d.timeS,
    hashrate,
    hashrateMa7: movingAverage(hashrate, 7, 4),
    hashrateMa30: movingAverage(hashrate, 30, 15),
    difficulty: d.difficulty,
    difficultyHps,
    hashpriceFiat,
    hashpriceSats,
    rewardSats: d.rewardSats,
    feesSats: d.feesSats,
    feeSharePercent,
    price: d.price,
  };
}
