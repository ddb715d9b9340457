// Series the charts draw, derived from a dataset's daily columns: moving averages, difficulty as implied
// hash rate, per-day hashprice, fee share. Plain arrays with null for gaps (what uPlot expects).

import { BLOCKS_PER_DAY, SATS_PER_BTC } from '../constants';
import { hashvalueBtcPerPhDay, impliedHashrateHps } from '../economics';
import { DEFAULT_CONFIDENCE_LEVEL, hashrateInterval } from '../estimates';
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
  /** Confidence level of the band, 0.80–0.99. */
  readonly bandLevel: number;
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
const MA7_MIN_DAYS = 4;

/**
 * The interval around each 7-day mean of daily estimates. A daily estimate is Core's work ÷ time over one
 * UTC day's blocks; the dataset carries no per-day block counts, so each day with an estimate counts as the
 * nominal 144 blocks and a mean over k such days as 144·k (1008 for a full week) — the same nominal count
 * glanceEstimates' TREND_WINDOW_BLOCKS uses. The mean of k day-estimates has the relative error of one
 * 144·k-block estimate to first order (1/√(144·k)), so hashrateInterval at that count gives its interval.
 * Blocks come a little faster than 144/day while the hash rate grows: the band errs slightly wide.
 */
export function ma7Band(
  daily: readonly (number | null)[],
  mean: readonly (number | null)[],
  level: number,
): { low: (number | null)[]; high: (number | null)[] } {
  const n = daily.length;
  const low = new Array<number | null>(n);
  const high = new Array<number | null>(n);
  // The bounds scale with the point: one hashrateInterval per possible day count (4…7), not per day.
  const factors = new Map<number, { low: number; high: number } | null>();
  const factor = (days: number): { low: number; high: number } | null => {
    if (!factors.has(days)) {
      const r = hashrateInterval({ hashrateHps: 1, blocks: days * BLOCKS_PER_DAY, level });
      factors.set(days, r.kind === 'interval' ? { low: r.lowHps, high: r.highHps } : null);
    }
    return factors.get(days)!;
  };
  let days = 0;
  for (let i = 0; i < n; i++) {
    if (daily[i] !== null && daily[i] !== undefined) days++;
    const old = i >= MA7_DAYS ? daily[i - MA7_DAYS] : null;
    if (old !== null && old !== undefined) days--;
    const m = mean[i] ?? null;
    const f = m !== null && days >= MA7_MIN_DAYS ? factor(days) : null;
    low[i] = f && m !== null ? m * f.low : null;
    high[i] = f && m !== null ? m * f.high : null;
  }
  return { low, high };
}

/** `level`: the band's confidence level (settings.confidenceLevel), 0.80–0.99. */
export function deriveSeries(dataset: HistoryDataset, level: number = DEFAULT_CONFIDENCE_LEVEL): DerivedSeries {
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
  const hashrateMa7 = movingAverage(hashrate, MA7_DAYS, MA7_MIN_DAYS);
  const band = ma7Band(hashrate, hashrateMa7, level);
  return {
    timeS: d.timeS,
    hashrate,
    hashrateMa7,
    hashrateMa7Low: band.low,
    hashrateMa7High: band.high,
    bandLevel: level,
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
