/**
 * Predictive interval for the next difficulty adjustment: how much it will change and when.
 *
 * Core's rule: at the epoch's last block (height E + 2015, E = first block of the epoch) the timespan
 * S = time(E + 2015) − time(E) (2015 block intervals, Core's well-known off-by-one) is clamped to
 * [T/4, 4T] with T = 2016·600 s, and the difficulty is multiplied by T/S:
 *   change % = (2016·600 / S − 1)·100, within [−75 %, +300 %].
 * The new difficulty applies from block E + 2016: that block's time is the retarget date (mempool's
 * estimatedRetargetDate counts the same 2016 − n blocks).
 *
 * With n = tip height mod 2016 blocks mined since E over an exposure t = now − time(E) (see
 * predictive.ts for the model and the 1/λ prior),
 *   S = t + R,  R/t ~ BetaPrime(2015 − n, n),
 *   retarget date = now + R',  R'/t ~ BetaPrime(2016 − n, n).
 * The change decreases in S, so its p-quantile comes from the (1 − p)-quantile of R.
 *
 * Cases: n = 0 (only the epoch's first block, which was mined at the old difficulty) carries no
 * information on the new rate: `noInformation`, no interval. n = 2015: S is known from the tip's
 * timestamp, the change is `lockedIn` (one point); the date still waits for one block.
 *
 * mempool's own estimate differs on purpose: in the first quarter of an epoch it borrows the previous
 * epoch's last 503 blocks (scaled by the last change) and it divides by n + 1 blocks. This interval uses
 * only the current epoch (plain n/t), so early on it is wide — honestly so. Difficulty is not needed:
 * only block counts and times.
 */
import { BLOCKS_PER_EPOCH, TARGET_BLOCK_SECONDS } from '../constants';
import { checkCount, checkFinite, checkLevel, firstProblem, invalid, type InvalidEstimate } from './common';
import { remainingTimeQuantileS } from './predictive';

/** Core's target timespan: 2016 × 600 s = two weeks. */
export const TARGET_TIMESPAN_S = BLOCKS_PER_EPOCH * TARGET_BLOCK_SECONDS;
/** Block intervals Core's timespan covers: from block E to block E + 2015. */
export const TIMESPAN_INTERVALS = BLOCKS_PER_EPOCH - 1;
export const MIN_CHANGE_PERCENT = -75;
export const MAX_CHANGE_PERCENT = 300;

export interface RetargetInput {
  readonly tipHeight: number;
  /** Timestamp of block E = tipHeight − tipHeight mod 2016, the epoch's first block. */
  readonly epochStartS: number;
  /** Timestamp of the tip block (decides the change on the epoch's last block). */
  readonly tipTimeS: number;
  /** The clock; if it is behind the tip's timestamp, the tip's timestamp is used. */
  readonly nowS: number;
  readonly level?: number;
}

export interface Quantiles<T extends string> {
  readonly low: number;
  readonly median: number;
  readonly high: number;
  readonly unit: T;
}

interface RetargetCommon {
  /** n: blocks mined at the current difficulty since the epoch's first block. */
  readonly blocksMined: number;
  /** Blocks until the first block at the new difficulty (mempool's remainingBlocks). */
  readonly remainingBlocks: number;
  readonly retargetHeight: number;
}

export interface RetargetNoInformation extends RetargetCommon {
  readonly kind: 'noInformation';
  readonly reason: string;
}

export interface RetargetEstimate extends RetargetCommon {
  readonly kind: 'estimate';
  readonly level: number;
  /** The epoch's last block is mined: the change is final (low = median = high). */
  readonly lockedIn: boolean;
  /** Difficulty change, % (clamped like Core's). */
  readonly changePercent: Quantiles<'%'>;
  /** When block `retargetHeight` is mined, Unix ms. */
  readonly retargetMs: Quantiles<'ms'>;
}

/** Core's change for a timespan S (seconds), clamped. */
export function changePercentForTimespan(timespanS: number): number {
  const clampedS = Math.min(4 * TARGET_TIMESPAN_S, Math.max(TARGET_TIMESPAN_S / 4, timespanS));
  return (TARGET_TIMESPAN_S / clampedS - 1) * 100;
}

export function retargetInterval(input: RetargetInput): RetargetEstimate | RetargetNoInformation | InvalidEstimate {
  const level = checkLevel(input.level);
  if (typeof level === 'string') return invalid(level);
  const problem = firstProblem(
    checkCount('tipHeight', input.tipHeight, 0),
    checkFinite('epochStartS', input.epochStartS),
    checkFinite('tipTimeS', input.tipTimeS),
    checkFinite('nowS', input.nowS),
  );
  if (problem) return invalid(problem);
  const n = input.tipHeight % BLOCKS_PER_EPOCH;
  const common = {
    blocksMined: n,
    remainingBlocks: BLOCKS_PER_EPOCH - n,
    retargetHeight: input.tipHeight - n + BLOCKS_PER_EPOCH,
  };
  if (n === 0) {
    return {
      kind: 'noInformation',
      ...common,
      reason: 'no block of this epoch is mined at the new difficulty yet: nothing to estimate its rate from',
    };
  }
  const nowS = Math.max(input.nowS, input.tipTimeS);
  const exposureS = nowS - input.epochStartS;
  if (!(exposureS > 0))
    return invalid(
      `the epoch started at ${input.epochStartS} s, not before now (${nowS} s): check the clock and timestamps`,
    );

  const alpha = 1 - level;
  const probabilities = [alpha / 2, 0.5, 1 - alpha / 2] as const;
  const toDate = (p: number): number => (nowS + remainingTimeQuantileS(p, common.remainingBlocks, n, exposureS)) * 1000;
  const retargetMs: Quantiles<'ms'> = {
    low: toDate(probabilities[0]),
    median: toDate(probabilities[1]),
    high: toDate(probabilities[2]),
    unit: 'ms',
  };

  const remainingIntervals = TIMESPAN_INTERVALS - n;
  if (remainingIntervals === 0) {
    const locked = changePercentForTimespan(input.tipTimeS - input.epochStartS);
    return {
      kind: 'estimate',
      ...common,
      level,
      lockedIn: true,
      changePercent: { low: locked, median: locked, high: locked, unit: '%' },
      retargetMs,
    };
  }
  // A long remaining time means a small change: the low change comes from the high time.
  const change = (p: number): number =>
    changePercentForTimespan(exposureS + remainingTimeQuantileS(1 - p, remainingIntervals, n, exposureS));
  return {
    kind: 'estimate',
    ...common,
    level,
    lockedIn: false,
    changePercent: {
      low: change(probabilities[0]),
      median: change(probabilities[1]),
      high: change(probabilities[2]),
      unit: '%',
    },
    retargetMs,
  };
}
