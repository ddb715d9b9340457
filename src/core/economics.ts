// The formulas behind every figure. Each is documented with its unit, and test/unit/economics.test.ts
// checks each against a hand-worked value.

import {
  BLOCKS_PER_EPOCH,
  HALVING_INTERVAL,
  HASHES_PER_DIFFICULTY,
  INITIAL_SUBSIDY_SATS,
  SATS_PER_BTC,
  SECONDS_PER_DAY,
  TARGET_BLOCK_SECONDS,
} from './constants';
import { HPS_PER_PHS } from './units';
import type { RewardStats } from './model';
import { movingAverage } from './movingAverage';

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

/** The inverse: the difficulty whose implied hash rate is `hps`, D = H·T/2³² (the hash-rate chart's right axis). */
export function difficultyFromHps(hps: number, blockIntervalS: number = TARGET_BLOCK_SECONDS): number {
  return (hps * blockIntervalS) / HASHES_PER_DIFFICULTY;
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

export interface EpochProgress {
  /** tip mod 2016. */
  readonly blocksMined: number;
  /** 2016 − blocksMined (1…2016): the tip itself is mined, the retarget block is not. */
  readonly blocksToGo: number;
  readonly progressPercent: number;
  /** The first block mined at the next difficulty. */
  readonly nextRetargetHeight: number;
}

/**
 * Where the tip stands in its difficulty epoch, from the tip height alone, so every view (hover, panel)
 * shows the same blocks mined, to go and percent, however old the difficulty-adjustment response is.
 * mempool computes the same from its own tip: n = height mod 2016, progress = n/2016, remaining = 2016 − n.
 */
export function epochProgress(tipHeight: number): EpochProgress {
  const blocksMined = blocksIntoEpoch(tipHeight);
  const blocksToGo = BLOCKS_PER_EPOCH - blocksMined;
  return {
    blocksMined,
    blocksToGo,
    progressPercent: (blocksMined / BLOCKS_PER_EPOCH) * 100,
    nextRetargetHeight: tipHeight + blocksToGo,
  };
}

/**
 * Hash-rate trend: the mean of the last `window` daily estimates vs the mean of the `window` estimates
 * ending `lagDays` earlier, as a percent (the status bar's trend: 7 vs the 7 before; the panel's key figure:
 * 7 now vs 7 ending 30 days earlier). Like for like: both sides come from the same daily series with the
 * same window, so a methodology difference between mempool's 1008-block figure and its daily points cannot
 * pose as a trend. Days without an estimate (missing entries, null, non-finite) are skipped, so a window
 * is the last `window` estimates; the earlier window's end is found by time, not by index, so a missing day
 * cannot shift it. Null without two full windows.
 */
export function hashrateTrendPercent(
  daily: readonly { readonly timeS: number; readonly hashrateHps: number | null }[],
  lagDays = 7,
  window = 7,
): number | null {
  const timeS: number[] = [];
  const values: number[] = [];
  for (const d of daily) {
    if (d.hashrateHps === null || !Number.isFinite(d.hashrateHps)) continue;
    timeS.push(d.timeS);
    values.push(d.hashrateHps);
  }
  const last = values.length - 1;
  if (last < 0) return null;
  const cutoffS = timeS[last]! - lagDays * SECONDS_PER_DAY;
  let earlier = last;
  while (earlier >= 0 && timeS[earlier]! > cutoffS) earlier--;
  if (earlier < 0) return null;
  // Every point of the window must be an estimate: minCount = window.
  const means = movingAverage(values, window, window);
  const now = means[last] ?? null;
  const before = means[earlier] ?? null;
  if (now === null || before === null || before <= 0) return null;
  return (now / before - 1) * 100;
}
