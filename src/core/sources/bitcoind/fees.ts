// The reward a miner can expect for the next block from the node's own data: subsidy by height (our own
// formula, so a pruned node's missing blocks do not matter) + the mean fees of the last 144 blocks from
// getblockstats `totalfee` — the same trailing-144-block mean the hashprice uses with mempool data.

import { BLOCKS_PER_DAY } from '../../constants';
import { subsidySats } from '../../economics';
import type { BlockStats } from './blockStats';

export interface NodeFeeMean {
  /** Mean of totalfee over the blocks used, sats per block. */
  readonly meanFeesSats: number;
  /** Subsidy of the block after the newest one used (the next block to be mined when that is the tip). */
  readonly nextSubsidySats: number;
  /** nextSubsidySats + meanFeesSats. */
  readonly rewardPerBlockSats: number;
  readonly blocksUsed: number;
  readonly fromHeight: number;
  readonly toHeight: number;
  /** Heights inside [fromHeight, toHeight] that had no stats (pruned, failed): the mean is over fewer blocks. */
  readonly missingBlocks: number;
}

/** Heights (newest first) whose stats the mean over `window` blocks ending at the tip needs. */
export function feeWindowHeights(tipHeight: number, window: number = BLOCKS_PER_DAY): number[] {
  const out: number[] = [];
  for (let h = tipHeight; h > tipHeight - window && h >= 0; h--) out.push(h);
  return out;
}

/**
 * Mean fees over the newest `window` blocks among `stats` (each needs `height` and `totalfee`). Duplicates
 * count once; a reported subsidy that disagrees with the schedule means the data is not what we think
 * (another chain, garbage) and is refused. Returns null when no block is usable.
 */
export function nodeFeeMean(stats: readonly BlockStats[], window: number = BLOCKS_PER_DAY): NodeFeeMean | null {
  const byHeight = new Map<number, number>();
  for (const s of stats) {
    if (s.height === null || s.totalFeeSats === null) continue;
    if (s.subsidySats !== null && s.subsidySats !== subsidySats(s.height)) {
      throw new RangeError(
        `getblockstats at height ${s.height}: subsidy ${s.subsidySats} sats is not the scheduled ${subsidySats(s.height)}`,
      );
    }
    byHeight.set(s.height, s.totalFeeSats);
  }
  if (byHeight.size === 0) return null;
  const toHeight = Math.max(...byHeight.keys());
  const fromHeight = Math.max(0, toHeight - window + 1);
  let sum = 0;
  let used = 0;
  for (let h = fromHeight; h <= toHeight; h++) {
    const fee = byHeight.get(h);
    if (fee === undefined) continue;
    sum += fee;
    used++;
  }
  const meanFeesSats = sum / used;
  const nextSubsidySats = subsidySats(toHeight + 1);
  return {
    meanFeesSats,
    nextSubsidySats,
    rewardPerBlockSats: nextSubsidySats + meanFeesSats,
    blocksUsed: used,
    fromHeight,
    toHeight,
    missingBlocks: toHeight - fromHeight + 1 - used,
  };
}
