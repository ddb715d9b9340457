// The key figures across the top of the panel. Levels are the live ones the status bar shows (same
// snapshot, same formulas); the changes compare against the daily history, like for like where possible.

import { SECONDS_PER_DAY } from '../constants';
import { computeGlanceFigures } from '../glance/figures';
import type { Currency, NetworkSnapshot } from '../model';
import type { DerivedSeries } from './derive';
import { meanBetween, percentChange, valueAtOrBefore } from './slice';
import type { KeyFigures } from './types';

/** Days of daily history the changes need (30-day lag + a 7-day window + slack). */
export const KEY_FIGURES_MIN_DAYS = 40;

/**
 * Hash-rate change vs 30 days ago: the mean of the last 7 daily estimates against the 7 that ended 30 days
 * earlier — both from the same daily series, so methodology cannot pose as a trend (see economics.ts).
 */
export function hashrateChangePercent(series: DerivedSeries, lagDays = 30, windowDays = 7): number | null {
  const t = series.timeS;
  // The newest day with an estimate (the current day is often still empty).
  let last = t.length - 1;
  while (last >= 0 && (series.hashrate[last] === null || series.hashrate[last] === undefined)) last--;
  if (last < 0) return null;
  const endS = t[last]!;
  const minCount = Math.ceil(windowDays / 2);
  const now = meanBetween(t, series.hashrate, endS - windowDays * SECONDS_PER_DAY, endS, minCount);
  const beforeEndS = endS - lagDays * SECONDS_PER_DAY;
  const before = meanBetween(t, series.hashrate, beforeEndS - windowDays * SECONDS_PER_DAY, beforeEndS, minCount);
  return percentChange(now, before);
}

export function computeKeyFigures(
  snapshot: NetworkSnapshot,
  currency: Currency,
  nowMs: number,
  history: DerivedSeries | null,
): KeyFigures {
  const g = computeGlanceFigures(snapshot, currency, nowMs);
  const hp = g.hashprice;
  // "N days ago" is measured from the newest day of the history, i.e. today (UTC).
  const lastDayS = history && history.timeS.length > 0 ? history.timeS[history.timeS.length - 1]! : 0;
  const ago = (values: readonly (number | null)[] | undefined, days: number): number | null =>
    history && values ? valueAtOrBefore(history.timeS, values, lastDayS - days * SECONDS_PER_DAY) : null;
  return {
    currency,
    tipHeight: g.tipHeight,
    hashrateHps: g.hashrateHps,
    hashrateChange30dPercent: history ? hashrateChangePercent(history) : null,
    difficulty: g.difficulty,
    difficultyChangePercent: g.difficultyChangePercent,
    estimatedRetargetMs: g.estimatedRetargetMs,
    nextRetargetHeight: g.nextRetargetHeight,
    remainingBlocks: g.remainingBlocks,
    progressPercent: g.progressPercent,
    hashpriceFiat: hp.hashpricePerPhDay,
    hashpriceSats: hp.hashvalueSatsPerPhDay,
    hashpriceChange7dPercent: percentChange(hp.hashpricePerPhDay, ago(history?.hashpriceFiat, 7)),
    hashpriceChange30dPercent: percentChange(hp.hashpricePerPhDay, ago(history?.hashpriceFiat, 30)),
    hashpriceSatsChange7dPercent: percentChange(hp.hashvalueSatsPerPhDay, ago(history?.hashpriceSats, 7)),
    hashpriceSatsChange30dPercent: percentChange(hp.hashvalueSatsPerPhDay, ago(history?.hashpriceSats, 30)),
    feeSharePercent: hp.feeShare * 100,
    btcPrice: g.btcPrice,
    btcPriceChange30dPercent: percentChange(g.btcPrice, ago(history?.price, 30)),
    halvingHeight: g.halving.height,
    halvingBlocksLeft: g.halving.blocksLeft,
    halvingEstimatedMs: g.halving.estimatedMs,
    subsidyAfterHalvingSats: g.halving.subsidyAfterSats,
  };
}

/** Whether a dataset reaches back far enough for the changes above. */
export function coversKeyFigures(series: DerivedSeries | null): boolean {
  if (!series || series.timeS.length === 0) return false;
  return (series.timeS[series.timeS.length - 1]! - series.timeS[0]!) / SECONDS_PER_DAY >= KEY_FIGURES_MIN_DAYS;
}
