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
  /** Bounds of the `bandLevel` interval around hashrateMa7 (see ma7Band); null where the mean is. */
  readonly hashrateMa7Low: readonly (number | null)[];
  readonly hashrateMa7High: readonly (number | null)[];
  /** Confidence level of the band, 0.80–0.99; null: derived without a band (all bounds null). */
  readonly bandLevel: number | null;
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

const MA7_DAYS = 7;
/** A 7-day mean needs 4 of its 7 days (the chart's line and its band alike). */
export const MA7_MIN_DAYS = 4;

/**
 * The interval around a 7-day mean as multipliers of the mean, by the number of days with an estimate in
 * its window (index 0–7; null where there is no mean). Computed by ma7BandFactors (./bands.ts) on the host:
 * the webview gets these 16 numbers, not the special functions behind them.
 */
export interface Ma7BandFactors {
  readonly level: number;
  readonly low: readonly (number | null)[];
  readonly high: readonly (number | null)[];
}

/** The band's bounds for each day: the 7-day mean times the factors for its count of days with an estimate. */
export function ma7Band(
  daily: readonly (number | null)[],
  mean: readonly (number | null)[],
  factors: Ma7BandFactors,
): { low: (number | null)[]; high: (number | null)[] } {
  const n = daily.length;
  const low = new Array<number | null>(n);
  const high = new Array<number | null>(n);
  let days = 0;
  for (let i = 0; i < n; i++) {
    if (daily[i] !== null && daily[i] !== undefined) days++;
    const old = i >= MA7_DAYS ? daily[i - MA7_DAYS] : null;
    if (old !== null && old !== undefined) days--;
    const m = mean[i] ?? null;
    const lo = factors.low[days] ?? null;
    const hi = factors.high[days] ?? null;
    low[i] = m !== null && lo !== null && hi !== null ? m * lo : null;
    high[i] = m !== null && lo !== null && hi !== null ? m * hi : null;
  }
  return { low, high };
}

/** `band`: the 7-day mean's interval (ma7BandFactors at settings.confidenceLevel); null: no band. */
export function deriveSeries(dataset: HistoryDataset, band: Ma7BandFactors | null = null): DerivedSeries {
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
    feeSharePercent[i] =
      fees !== null && reward !== null && reward > 0 ? Math.min(100, Math.max(0, (fees / reward) * 100)) : null;
  }
  const hashrateMa7 = movingAverage(hashrate, MA7_DAYS, MA7_MIN_DAYS);
  const bounds = band ? ma7Band(hashrate, hashrateMa7, band) : null;
  const none = (): (number | null)[] => new Array<number | null>(n).fill(null);
  return {
    timeS: d.timeS,
    hashrate,
    hashrateMa7,
    hashrateMa7Low: bounds?.low ?? none(),
    hashrateMa7High: bounds?.high ?? none(),
    bandLevel: band?.level ?? null,
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
