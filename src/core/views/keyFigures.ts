// The key figures across the top of the panel. Levels are the live ones the status bar shows (same
// snapshot, same formulas); the changes compare against the daily history, like for like where possible.

import { SECONDS_PER_DAY } from '../constants';
import { hashrateTrendPercent } from '../economics';
import { hashrateTrend } from '../estimates';
import type { DerivedSeries } from '../history/derive';
import { percentChange, valueAtOrBefore } from '../history/slice';
import type { Currency, NetworkSnapshot } from '../model';
import { DEFAULT_POWER_SETTINGS, powerAssumptions, type PowerSettings } from '../power/assumptions';
import { MACHINES, type Machine } from '../power/machines';
import { networkPowerSeries } from '../power/networkPower';
import { computeGlanceEstimates, TREND_WINDOW_BLOCKS, type GlanceEstimateOptions } from './glanceEstimates';
import { computeGlanceFigures } from './glanceFigures';

/**
 * The key figures across the top of the panel: numbers only (the webview formats them). Live values come
 * from the glance snapshot; the changes compare against the daily history.
 */
export interface KeyFigures {
  readonly currency: Currency;
  readonly tipHeight: number;
  /** getnetworkhashps(1008), mempool's ≈7-day estimate. */
  readonly hashrateHps: number;
  /** Confidence level of every interval below (settings.confidenceLevel), 0.80–0.99. */
  readonly confidenceLevel: number;
  /** Interval for the true mean hash rate behind hashrateHps (1008 blocks; glanceEstimates). */
  readonly hashrateLowHps: number | null;
  readonly hashrateHighHps: number | null;
  /** P(true rate < hashrateBelowThresholdHps), 0–1: the user's alert threshold, 1 ZH/s by default. */
  readonly hashrateBelowProbability: number | null;
  readonly hashrateBelowThresholdHps: number | null;
  /** 7-day mean of daily estimates now vs the 7-day mean ending 30 days earlier, in percent. */
  readonly hashrateChange30dPercent: number | null;
  /** Interval of that change (hashrateTrend, 1008 blocks a side). */
  readonly hashrateChange30dLowPercent: number | null;
  readonly hashrateChange30dHighPercent: number | null;
  /** The interval contains 0 %: the change cannot be told from luck. */
  readonly hashrateChange30dWithinNoise: boolean | null;
  readonly difficulty: number;
  /** mempool's estimate of the next change. */
  readonly difficultyChangePercent: number;
  /** retargetInterval's predictive interval and median of the next change (this epoch's blocks only). */
  readonly difficultyChangeLowPercent: number | null;
  readonly difficultyChangeMedianPercent: number | null;
  readonly difficultyChangeHighPercent: number | null;
  readonly estimatedRetargetMs: number;
  /** retargetInterval's interval and median of the retarget date, Unix ms. */
  readonly retargetLowMs: number | null;
  readonly retargetMedianMs: number | null;
  readonly retargetHighMs: number | null;
  readonly nextRetargetHeight: number;
  readonly remainingBlocks: number;
  readonly progressPercent: number;
  readonly hashpriceFiat: number | null;
  readonly hashpriceSats: number;
  readonly hashpriceChange7dPercent: number | null;
  readonly hashpriceChange30dPercent: number | null;
  readonly hashpriceSatsChange7dPercent: number | null;
  readonly hashpriceSatsChange30dPercent: number | null;
  readonly feeSharePercent: number;
  readonly btcPrice: number | null;
  readonly btcPriceChange30dPercent: number | null;
  readonly halvingHeight: number;
  readonly halvingBlocksLeft: number;
  readonly halvingEstimatedMs: number;
  readonly subsidyAfterHalvingSats: number;
  /**
   * The network's power at the meter, watts, on the newest day of the history with one (CBECI v1.x-style,
   * networkPowerSeries: 7-day hash rate, 14-day mean threshold): lower bound, best guess, upper bound.
   * Null without a history, a price to convert the power price with, or a profitable machine (best/upper).
   */
  readonly networkPowerLowW: number | null;
  readonly networkPowerBestW: number | null;
  readonly networkPowerHighW: number | null;
  /** The UTC day of those figures, Unix s. */
  readonly networkPowerDayS: number | null;
}

/** Days of daily history the changes need (30-day lag + a 7-day window + slack). */
export const KEY_FIGURES_MIN_DAYS = 40;

/**
 * Hash-rate change vs 30 days ago: the mean of the last 7 daily estimates against the 7 that ended 30 days
 * earlier — economics' hashrateTrendPercent (the status bar's trend) with a 30-day lag, over the panel's
 * daily grid (days without an estimate, such as today, are skipped).
 */
export function hashrateChangePercent(series: DerivedSeries, lagDays = 30, windowDays = 7): number | null {
  const daily = series.timeS.map((timeS, i) => ({ timeS, hashrateHps: series.hashrate[i] ?? null }));
  return hashrateTrendPercent(daily, lagDays, windowDays);
}

/**
 * The 30-day change's interval. hashrateTrendPercent needs all 7 days of each window, so each side is the
 * nominal 7 × 144 = 1008 blocks (see TREND_WINDOW_BLOCKS); the windows are 30 days apart, so they do not
 * overlap, as hashrateTrend requires. The trend uses only the ratio of the two means.
 */
function change30dInterval(
  changePercent: number | null,
  level: number,
): { low: number; high: number; withinNoise: boolean } | null {
  if (changePercent === null) return null;
  const trend = hashrateTrend({
    recent: { hashrateHps: 1 + changePercent / 100, blocks: TREND_WINDOW_BLOCKS },
    earlier: { hashrateHps: 1, blocks: TREND_WINDOW_BLOCKS },
    level,
  });
  return trend.kind === 'trend'
    ? { low: trend.lowPercent, high: trend.highPercent, withinNoise: trend.withinNoise }
    : null;
}

export function computeKeyFigures(
  snapshot: NetworkSnapshot,
  currency: Currency,
  nowMs: number,
  history: DerivedSeries | null,
  options: GlanceEstimateOptions = {},
  power: PowerSettings = DEFAULT_POWER_SETTINGS,
): KeyFigures {
  const g = computeGlanceFigures(snapshot, currency, nowMs);
  const e = computeGlanceEstimates(snapshot, nowMs, options);
  const change30d = history ? hashrateChangePercent(history) : null;
  const change30dRange = change30dInterval(change30d, e.level);
  const retarget = e.retarget;
  const hp = g.hashprice;
  // "N days ago" is measured from the newest day of the history, i.e. today (UTC).
  const lastDayS = history && history.timeS.length > 0 ? history.timeS[history.timeS.length - 1]! : 0;
  const ago = (values: readonly (number | null)[] | undefined, days: number): number | null =>
    history && values ? valueAtOrBefore(history.timeS, values, lastDayS - days * SECONDS_PER_DAY) : null;
  return {
    currency,
    tipHeight: g.tipHeight,
    hashrateHps: g.hashrateHps,
    confidenceLevel: e.level,
    hashrateLowHps: e.hashrate?.lowHps ?? null,
    hashrateHighHps: e.hashrate?.highHps ?? null,
    hashrateBelowProbability: e.below?.probability ?? null,
    hashrateBelowThresholdHps: e.below?.thresholdHps ?? null,
    hashrateChange30dPercent: change30d,
    hashrateChange30dLowPercent: change30dRange?.low ?? null,
    hashrateChange30dHighPercent: change30dRange?.high ?? null,
    hashrateChange30dWithinNoise: change30dRange?.withinNoise ?? null,
    difficulty: g.difficulty,
    difficultyChangePercent: g.difficultyChangePercent,
    difficultyChangeLowPercent: retarget?.changePercent.low ?? null,
    difficultyChangeMedianPercent: retarget?.changePercent.median ?? null,
    difficultyChangeHighPercent: retarget?.changePercent.high ?? null,
    estimatedRetargetMs: g.estimatedRetargetMs,
    retargetLowMs: retarget?.retargetMs.low ?? null,
    retargetMedianMs: retarget?.retargetMs.median ?? null,
    retargetHighMs: retarget?.retargetMs.high ?? null,
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
    ...latestNetworkPower(history, currency, snapshot.prices.perBtc, power),
  };
}

/** Days of history the newest power figure needs: the 14-day threshold mean plus a week of slack. */
const POWER_TAIL_DAYS = 21;

type NetworkPowerFigures = Pick<
  KeyFigures,
  'networkPowerLowW' | 'networkPowerBestW' | 'networkPowerHighW' | 'networkPowerDayS'
>;
const NO_POWER: NetworkPowerFigures = {
  networkPowerLowW: null,
  networkPowerBestW: null,
  networkPowerHighW: null,
  networkPowerDayS: null,
};

/** The newest day of the CBECI-style series over the history's tail (the rest cannot change it). */
export function latestNetworkPower(
  history: DerivedSeries | null,
  currency: Currency,
  perBtc: NetworkSnapshot['prices']['perBtc'],
  power: PowerSettings,
  machines: readonly Machine[] = MACHINES,
): NetworkPowerFigures {
  if (!history || history.timeS.length === 0) return NO_POWER;
  const assumptions = powerAssumptions({ currency, power }, perBtc);
  if (!assumptions.ok) return NO_POWER;
  const from = Math.max(0, history.timeS.length - POWER_TAIL_DAYS);
  const series = networkPowerSeries(
    {
      timeS: history.timeS.slice(from),
      hashrateHps: history.hashrateMa7.slice(from),
      hashpricePerPhDay: history.hashpriceFiat.slice(from),
    },
    { powerPricePerKwh: assumptions.powerPricePerKwh, pue: assumptions.pueByBound, machines },
  );
  if (typeof series === 'string') return NO_POWER;
  for (let i = series.timeS.length - 1; i >= 0; i--) {
    const lowW = series.lowW[i] ?? null;
    if (lowW === null) continue;
    return {
      networkPowerLowW: lowW,
      networkPowerBestW: series.bestW[i] ?? null,
      networkPowerHighW: series.highW[i] ?? null,
      networkPowerDayS: series.timeS[i]!,
    };
  }
  return NO_POWER;
}

/** Whether a dataset reaches back far enough for the changes above. */
export function coversKeyFigures(series: DerivedSeries | null): boolean {
  if (!series || series.timeS.length === 0) return false;
  return (series.timeS[series.timeS.length - 1]! - series.timeS[0]!) / SECONDS_PER_DAY >= KEY_FIGURES_MIN_DAYS;
}
