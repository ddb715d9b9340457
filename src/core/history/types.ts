// The trend panel's vocabulary: one time range of daily history, aligned on a UTC-day grid, in plain JSON
// (it crosses the webview boundary and is cached on disk). Units are in the names, as in ../model.ts.

import type { Currency } from '../model';

export const RANGES = ['1M', '3M', '6M', '1Y', '2Y', '3Y', 'ALL'] as const;
export type RangeId = (typeof RANGES)[number];

/** mempool's period parameter per range. Any unknown period means "whole history"; 'all' says so in the log. */
export const RANGE_PERIODS: Readonly<Record<RangeId, string>> = {
  '1M': '1m',
  '3M': '3m',
  '6M': '6m',
  '1Y': '1y',
  '2Y': '2y',
  '3Y': '3y',
  ALL: 'all',
};

/** Nominal length of each range in days (null: since genesis). */
export const RANGE_DAYS: Readonly<Record<RangeId, number | null>> = {
  '1M': 30,
  '3M': 91,
  '6M': 182,
  '1Y': 365,
  '2Y': 730,
  '3Y': 1095,
  ALL: null,
};

export function isRangeId(value: unknown): value is RangeId {
  return typeof value === 'string' && (RANGES as readonly string[]).includes(value);
}

/**
 * One value per UTC day, oldest first, all columns the same length. `null` = no data that day
 * (no blocks, no price yet, a gap in the source).
 */
export interface DailyColumns {
  /** UTC midnight of each day; consecutive days, no gaps. */
  readonly timeS: readonly number[];
  /** mempool's daily estimate (getnetworkhashps over the day's blocks); 0 on days without blocks. */
  readonly hashrateHps: readonly (number | null)[];
  /** Difficulty in force at the end of the day. */
  readonly difficulty: readonly (number | null)[];
  /** Mean subsidy + fees per block mined that day. */
  readonly rewardSats: readonly (number | null)[];
  /** Mean fees per block mined that day. */
  readonly feesSats: readonly (number | null)[];
  /** BTC price that day in the dataset's currency. */
  readonly price: readonly (number | null)[];
}

/** Difficulty retargets as columns, oldest first (the whole known history, not only the range). */
export interface AdjustmentColumns {
  readonly timeS: readonly number[];
  readonly height: readonly number[];
  readonly difficulty: readonly number[];
  /** New ÷ previous difficulty (1.0143 = +1.43 %). */
  readonly ratio: readonly number[];
}

export interface Halving {
  /** 1 for the first halving (block 210,000). */
  readonly index: number;
  readonly height: number;
  /** Interpolated from known (height, time) pairs; accurate to hours. */
  readonly timeS: number;
}

export interface HistoryDataset {
  readonly schema: 1;
  readonly range: RangeId;
  readonly currency: Currency;
  readonly sourceHost: string;
  /** When the oldest of its parts was fetched (host clock). */
  readonly fetchedAtMs: number;
  readonly days: DailyColumns;
  readonly adjustments: AdjustmentColumns;
  readonly halvings: readonly Halving[];
  /** Caveats worth showing (a part missing, an estimate used instead of data). */
  readonly notes: readonly string[];
}
