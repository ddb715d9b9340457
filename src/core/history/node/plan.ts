// Which heights a range needs from the node. Heights are absolute (multiples of a step), never relative to
// the tip, so the heights of yesterday's fetch are the heights of today's and the disk cache is reused as
// the chain grows: a new day costs a handful of calls.

import { BLOCKS_PER_DAY, BLOCKS_PER_EPOCH, SECONDS_PER_DAY } from '../../constants';
import { RANGE_DAYS, type RangeId } from '../types';
import { CONFIRMATION_DEPTH } from './store';

/** A sample every 96 blocks (≈ 1.5 a day) so that nearly every UTC day holds at least one. */
export const SAMPLE_STEP_BLOCKS = 96;
/** getnetworkhashps' window at each sample: one nominal day of blocks. */
export const SAMPLE_WINDOW_BLOCKS = BLOCKS_PER_DAY;
/** Fees: getblockstats of every 12th block (≈ 12 a day), a sample mean of the day's fees per block. */
export const FEE_STEP_BLOCKS = 12;
/** Fees are fetched for ranges up to this many days (getblockstats reads a whole block: ~1,100 calls at 91). */
export const FEE_MAX_DAYS = 91;
/** Blocks per day are above 144 while hash rate grows: a margin so the range's first day is covered. */
const HEIGHT_MARGIN = 1.2;

export interface NodeHistoryPlan {
  readonly range: RangeId;
  readonly tipHeight: number;
  /** First UTC day (its midnight) the range shows; 0 for ALL. */
  readonly fromTimeS: number;
  /** Sample heights, ascending; the tip is always the last. */
  readonly sampleHeights: readonly number[];
  /** Retarget heights (0 for the genesis difficulty, then every 2016), ascending. */
  readonly retargetHeights: readonly number[];
  /** Heights whose fees are wanted (empty when the range is too long), ascending. */
  readonly feeHeights: readonly number[];
  /** Fee heights the node no longer has (below its prune height): reported, never requested. */
  readonly prunedFeeHeights: readonly number[];
  /** Lowest height with block data when the node is pruned. */
  readonly pruneHeight: number | null;
}

function multiples(step: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let h = Math.ceil(Math.max(from, step) / step) * step; h <= to; h += step) out.push(h);
  return out;
}

/** `nowS` places the range's first day; `pruneHeight` is getblockchaininfo's (null when not pruned). */
export function planNodeHistory(
  range: RangeId,
  tipHeight: number,
  nowS: number,
  pruneHeight: number | null,
): NodeHistoryPlan {
  const days = RANGE_DAYS[range];
  const fromTimeS = days === null ? 0 : (Math.floor(nowS / SECONDS_PER_DAY) - days + 1) * SECONDS_PER_DAY;
  const fromHeight = days === null ? 0 : Math.max(0, tipHeight - Math.ceil(days * BLOCKS_PER_DAY * HEIGHT_MARGIN));
  const sampleHeights = multiples(SAMPLE_STEP_BLOCKS, fromHeight, tipHeight);
  if (sampleHeights[sampleHeights.length - 1] !== tipHeight && tipHeight > 0) sampleHeights.push(tipHeight);
  const retargetHeights = [0, ...multiples(BLOCKS_PER_EPOCH, 0, tipHeight)];
  const wantFees = days !== null && days <= FEE_MAX_DAYS;
  const feeAll = wantFees ? multiples(FEE_STEP_BLOCKS, fromHeight, tipHeight) : [];
  const floor = pruneHeight ?? 0;
  return {
    range,
    tipHeight,
    fromTimeS,
    sampleHeights,
    retargetHeights,
    feeHeights: feeAll.filter((h) => h >= floor),
    prunedFeeHeights: feeAll.filter((h) => h < floor),
    pruneHeight,
  };
}

/** Whether a value fetched at `height` may be stored (deep enough that a reorg will not change it). */
export function isBuried(height: number, tipHeight: number): boolean {
  return height <= tipHeight - CONFIRMATION_DEPTH;
}
