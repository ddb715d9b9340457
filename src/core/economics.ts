// The formulas behind every figure. Each is documented with its unit, and test/unit/economics.test.ts
// checks each against a hand-worked value.

import {
  BLOCKS_PER_EPOCH,
  HALVING_INTERVAL,
  HASHES_PER_DIFFICULTY,
  HPS_PER_PHS,
  INITIAL_SUBSIDY_SATS,
  SATS_PER_BTC,
  SECONDS_PER_DAY,
  TARGET_BLOCK_SECONDS,
} from './constants';
import type { DailyHashrate, RewardStats } from './model';

/**
 * Block subsidy at a height, in sats: 50 BTC shifted right once per 210,000 blocks, as Core does
 * (integer shift, so 0 after 64 halvings — and already 0 after 33, when the shift empties it).
 */
export function subsidySats(height: number): number {
  const halvings = Math.floor(height / HALVING_INTERVAL);
  if (halvings >= 64) return 0;
  // 50 BTC in sats exceeds 32 bits, so shift with BigInt to keep Core's exact integer semantics.
  return Number(BigInt(INITIAL_SUBSIDY_SATS) >> BigInt(halvings));
}

/** Mean fees per block over a reward-stats window, in sats. */
export function meanFeesPerBlockSats(stats: RewardStats): number {
  return stats.totalFeeSats / (stats.endBlock - stats.startBlock + 1);
}

/**
 * Hashvalue: expected BTC earned per PH/s per day.
 *   (subsidy + fees per block) × 86 400 s × 10¹⁵ H/s ÷ (difficulty × 2³²)
 * A hash finds a block with probability 1/(D·2³²), so one PH/s over a day finds 86 400·10¹⁵/(D·2³²) blocks.
 * This is Luxor Hashrate Index's definition (per PH/s per day, fees as the trailing 144-block mean).
 */
export function hashvalueBtcPerPhDay(rewardPerBlockSats: number, difficulty: number): number {
  const blocksPerPhDay = (SECONDS_PER_DAY * HPS_PER_PHS) / (difficulty * HASHES_PER_DIFFICULTY);
  return (rewardPerBlockSats / SATS_PER_BTC) * blocksPerPhDay;
}

/** Hashprice: hashvalue × BTC price, in fiat per PH/s per day. */
export function hashpricePerPhDay(rewardPerBlockSats: number, difficulty: number, btcPrice: number): number {
  return hashvalueBtcPerPhDay(rewardPerBlockSats, difficulty) * btcPrice;
}

/** Hash rate implied by a difficulty at a block interval: H = D·2³²/T, in H/s (T = 600 s by default). */
export function impliedHashrateHps(difficulty: number, blockIntervalS: number = TARGET_BLOCK_SECONDS): number {
  return (difficulty * HASHES_PER_DIFFICULTY) / blockIntervalS;
}

export interface HashpriceBreakdown {
  /** Subsidy of the next block to be mined (tip + 1): that is what the next hashes earn. */
  readonly subsidySats: number;
  readonly meanFeesSats: number;
  readonly rewardPerBlockSats: number;
  /** Share of the reward paid by fees, 0…1. */
  readonly feeShare: number;
  readonly hashvalueBtcPerPhDay: number;
  readonly hashvalueSatsPerPhDay: number;
  /** null when the source has no price for the chosen currency. */
  readonly hashpricePerPhDay: number | null;
}

export function hashpriceBreakdown(
  tipHeight: number,
  stats: RewardStats,
  difficulty: number,
  btcPrice: number | null,
): HashpriceBreakdown {
  const subsidy = subsidySats(tipHeight + 1);
  const fees = meanFeesPerBlockSats(stats);
  const reward = subsidy + fees;
  const hashvalue = hashvalueBtcPerPhDay(reward, difficulty);
  return {
    subsidySats: subsidy,
    meanFeesSats: fees,
    rewardPerBlockSats: reward,
    feeShare: reward > 0 ? fees / reward : 0,
    hashvalueBtcPerPhDay: hashvalue,
    hashvalueSatsPerPhDay: hashvalue * SATS_PER_BTC,
    hashpricePerPhDay: btcPrice === null ? null : hashvalue * btcPrice,
  };
}

export interface HalvingEstimate {
  readonly height: number;
  readonly blocksLeft: number;
  readonly subsidyAfterSats: number;
  readonly estimatedMs: number;
}

/**
 * Next halving. Its date assumes this epoch's remaining blocks come at the current estimate
 * (`adjustedTimeAvgMs`) and every later block at the 600 s the retargets steer towards.
 */
export function nextHalving(
  tipHeight: number,
  nowMs: number,
  remainingEpochBlocks: number,
  adjustedTimeAvgMs: number,
): HalvingEstimate {
  const height = (Math.floor(tipHeight / HALVING_INTERVAL) + 1) * HALVING_INTERVAL;
  const blocksLeft = height - tipHeight;
  const atCurrentPace = Math.min(blocksLeft, remainingEpochBlocks);
  const atTarget = blocksLeft - atCurrentPace;
  return {
    height,
    blocksLeft,
    subsidyAfterSats: subsidySats(height),
    estimatedMs: nowMs + atCurrentPace * adjustedTimeAvgMs + atTarget * TARGET_BLOCK_SECONDS * 1000,
  };
}

/** Blocks mined in the current epoch (0…2015) for a tip height. */
export function blocksIntoEpoch(tipHeight: number): number {
  return tipHeight % BLOCKS_PER_EPOCH;
}

/**
 * Trailing moving average of the daily series ending at index `end` (inclusive) over `window` days.
 * Days are averaged as they come (mempool's daily points are one per UTC day); null when not enough days.
 */
export function trailingMean(daily: readonly DailyHashrate[], end: number, window: number): number | null {
  if (end < window - 1 || end >= daily.length) return null;
  let sum = 0;
  for (let i = end - window + 1; i <= end; i++) sum += daily[i]!.hashrateHps;
  return sum / window;
}

/**
 * Hash-rate trend: the 7-day mean of daily estimates now vs the 7-day mean that ended 7 days earlier,
 * as a percent. Like for like: both sides come from the same daily series with the same window, so a
 * methodology difference between mempool's 1008-block figure and its daily points cannot pose as a trend.
 * The earlier window is found by time, not by index, so a missing day cannot shift it.
 */
export function hashrateTrendPercent(daily: readonly DailyHashrate[], lagDays = 7, window = 7): number | null {
  const last = daily.length - 1;
  if (last < 0) return null;
  const cutoffS = daily[last]!.timeS - lagDays * SECONDS_PER_DAY;
  let earlier = last;
  while (earlier >= 0 && daily[earlier]!.timeS > cutoffS) earlier--;
  const now = trailingMean(daily, last, window);
  const before = trailingMean(daily, earlier, window);
  if (now === null || before === null || before <= 0) return null;
  return (now / before - 1) * 100;
}
