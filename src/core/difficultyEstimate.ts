// Our own implementation of mempool's difficulty-adjustment estimate, so a source that only gives block
// times (a user's own node) gets the same figures mempool would show. Checked against mempool's own
// test vectors in test/unit/difficultyEstimate.test.ts.

import { BLOCKS_PER_EPOCH, TARGET_BLOCK_SECONDS } from './constants';
import type { DifficultyAdjustment } from './model';

/** Early in an epoch the estimate uses a sliding window of this many blocks reaching into the last epoch. */
const QUARTER_EPOCH_BLOCKS = 503;

export interface EstimateInput {
  /** Time of the first block of the current epoch (the last retarget). */
  readonly epochStartS: number;
  /** Time of block `tipHeight − 503`; only used while fewer than 503 blocks of the epoch are mined. */
  readonly quarterEpochBlockS: number | null;
  readonly nowS: number;
  readonly tipHeight: number;
  /** Change applied at the last retarget, in percent. */
  readonly previousRetargetPercent: number;
  /** Time of the tip block; the estimate uses it on the epoch's last block. */
  readonly tipTimeS: number;
}

export function estimateDifficultyAdjustment(input: EstimateInput): DifficultyAdjustment {
  const { epochStartS, quarterEpochBlockS, nowS, tipHeight, previousRetargetPercent, tipTimeS } = input;
  const elapsedS = Math.max(0, nowS - epochStartS);
  const mined = tipHeight % BLOCKS_PER_EPOCH;
  const remainingBlocks = BLOCKS_PER_EPOCH - mined;
  // On the epoch's last block the timespan Core will use is fixed: it ends at that block, not now.
  const actualTimespanS = (mined === BLOCKS_PER_EPOCH - 1 ? tipTimeS : nowS) - epochStartS;

  const timeAvgS = mined > 0 ? elapsedS / mined : TARGET_BLOCK_SECONDS;
  let adjustedTimeAvgS = timeAvgS;
  let changePercent: number;
  if (quarterEpochBlockS !== null && quarterEpochBlockS > 0 && mined < QUARTER_EPOCH_BLOCKS) {
    // Too few blocks this epoch for a stable mean: borrow the previous epoch's last blocks, scaled by the
    // last retarget (they were mined at the old difficulty, so they took that much longer or shorter).
    const borrowedS = (epochStartS - quarterEpochBlockS) * (1 + previousRetargetPercent / 100);
    const spanS = elapsedS + borrowedS;
    adjustedTimeAvgS = spanS / QUARTER_EPOCH_BLOCKS;
    changePercent = (TARGET_BLOCK_SECONDS / (spanS / (QUARTER_EPOCH_BLOCKS + 1)) - 1) * 100;
  } else {
    changePercent = (TARGET_BLOCK_SECONDS / (actualTimespanS / (mined + 1)) - 1) * 100;
  }
  // Core clamps the timespan to [T/4, 4T], i.e. the change to [−75 %, +300 %].
  changePercent = Math.min(300, Math.max(-75, changePercent));

  const timeAvgMs = Math.floor(timeAvgS * 1000);
  const adjustedTimeAvgMs = Math.floor(adjustedTimeAvgS * 1000);
  const remainingTimeMs = remainingBlocks * adjustedTimeAvgMs;
  return {
    progressPercent: (mined / BLOCKS_PER_EPOCH) * 100,
    difficultyChangePercent: changePercent,
    estimatedRetargetMs: nowS * 1000 + remainingTimeMs,
    remainingBlocks,
    remainingTimeMs,
    previousRetargetPercent,
    previousRetargetS: epochStartS,
    nextRetargetHeight: tipHeight + remainingBlocks,
    timeAvgMs,
    adjustedTimeAvgMs,
    expectedBlocks: elapsedS / TARGET_BLOCK_SECONDS,
  };
}
