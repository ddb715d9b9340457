/**
 * Honest estimates: every figure that is inferred from random block times, with its interval.
 * hashrate.ts (interval, P(below), trend), retarget.ts (next difficulty adjustment), halving.ts (next
 * halving date); predictive.ts is the shared model, gamma.ts and beta.ts the special functions.
 */
export * from './common';
export { hashrateInterval, hashrateTrend, probabilityBelow, ONE_ZETTAHASH_HPS } from './hashrate';
export type {
  HashrateInterval,
  HashrateIntervalInput,
  HashrateTrend,
  HashrateTrendInput,
  HashrateWindow,
  ProbabilityBelow,
  ProbabilityBelowInput,
} from './hashrate';
export { changePercentForTimespan, retargetInterval, TARGET_TIMESPAN_S } from './retarget';
export type { Quantiles, RetargetEstimate, RetargetInput, RetargetNoInformation } from './retarget';
export { halvingInterval, windowFromHashrate } from './halving';
export type { HalvingEstimate, HalvingInput, RateWindow } from './halving';
export { remainingTimeQuantileS } from './predictive';
