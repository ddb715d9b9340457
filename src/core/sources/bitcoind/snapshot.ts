// A NetworkSnapshot from a node's own answers, so the status bar, hover and alerts read a node exactly as
// they read mempool. Every figure's origin:
// - tip height/time, difficulty: getblockchaininfo; hash rate: getnetworkhashps(1008) (mempool's
//   `currentHashrate` is the same call);
// - trend points: getnetworkhashps(144) over consecutive 144-block windows ending at the tip;
// - fees: mean of getblockstats `totalfee` over the newest 144 blocks; subsidy by height (our schedule);
// - the retarget estimate: our own implementation of mempool's algorithm over block header times;
// - prices: whatever the price source gave (a node has none).

import { BLOCKS_PER_DAY, BLOCKS_PER_EPOCH, SECONDS_PER_DAY } from '../../constants';
import { estimateDifficultyAdjustment } from '../../difficultyEstimate';
import { subsidySats } from '../../economics';
import type { BlockSummary, DailyHashrate, NetworkSnapshot, Prices, RewardStats } from '../../model';
import type { BlockStats } from './blockStats';
import type { NodeFeeMean } from './fees';
import { t } from '../../l10n';

/** Trend windows: 7 recent vs the 7 before, each 144 blocks. */
export const TREND_WINDOWS = 14;
/** Before this many blocks of an epoch, mempool's estimate borrows the previous epoch's last blocks. */
export const QUARTER_EPOCH_BLOCKS = 503;
const LATEST_BLOCKS = 10;

/** What one full read of the node gave (everything but the prices and the clock). */
export interface NodeChainData {
  readonly tipHash: string;
  readonly tipHeight: number;
  readonly tipTimeS: number;
  readonly difficulty: number;
  /** getnetworkhashps(1008, tip). */
  readonly hashrate7dHps: number;
  /** getnetworkhashps(144, tip − 144·k) for k = 0…TREND_WINDOWS−1, newest first; null where it failed. */
  readonly windowHashratesHps: readonly (number | null)[];
  readonly epochStart: {
    readonly height: number;
    readonly timeS: number;
    readonly difficulty: number;
    /** Difficulty of the block before (the previous epoch); null at genesis. */
    readonly previousDifficulty: number | null;
  };
  /** Time of block tip − 503, needed only while fewer than 503 blocks of the epoch are mined. */
  readonly quarterEpochBlockS: number | null;
  readonly fees: NodeFeeMean;
  /** The stats the mean used (for the transactions count and the latest blocks). */
  readonly feeStats: readonly BlockStats[];
  /** When the node was read (host clock). */
  readonly readAtMs: number;
}

export interface NodePrices {
  readonly prices: Prices;
  /** Shown in the hover: "mempool.space", "manual", "none". */
  readonly label: string;
  /** Why prices are missing or old, for the hover (null when all is well). */
  readonly note: string | null;
}

/**
 * The 144-block windows as "daily" points, oldest first. Their times are labels (tip time − k days): the
 * trend compares 7 windows with the 7 before, like for like, and a label per whole day keeps that lag
 * exact whatever the blocks' real pace.
 */
export function windowPoints(chain: Pick<NodeChainData, 'tipTimeS' | 'windowHashratesHps'>): DailyHashrate[] {
  const out: DailyHashrate[] = [];
  chain.windowHashratesHps.forEach((hps, k) => {
    if (hps !== null && hps > 0) out.push({ timeS: chain.tipTimeS - k * SECONDS_PER_DAY, hashrateHps: hps });
  });
  return out.reverse();
}

/** Sums over the blocks the fee mean used, shaped like mempool's reward-stats (its mean is the node's). */
export function nodeRewardStats(fees: NodeFeeMean, stats: readonly BlockStats[]): RewardStats {
  const blocks = fees.toHeight - fees.fromHeight + 1;
  let totalTx = 0;
  const seen = new Set<number>();
  for (const s of stats) {
    if (s.height === null || s.height < fees.fromHeight || s.height > fees.toHeight || seen.has(s.height)) continue;
    seen.add(s.height);
    totalTx += s.txs ?? 0;
  }
  let subsidies = 0;
  for (let h = fees.fromHeight; h <= fees.toHeight; h++) subsidies += subsidySats(h);
  // Over the whole range at the mean of the blocks we have: the views divide by the range's length.
  const totalFeeSats = fees.meanFeesSats * blocks;
  return {
    startBlock: fees.fromHeight,
    endBlock: fees.toHeight,
    totalFeeSats,
    totalRewardSats: subsidies + totalFeeSats,
    totalTx,
  };
}

function latestBlocks(chain: NodeChainData): BlockSummary[] {
  const byHeight = new Map<number, BlockStats>();
  for (const s of chain.feeStats) if (s.height !== null && s.timeS !== null) byHeight.set(s.height, s);
  const out: BlockSummary[] = [];
  for (let h = chain.tipHeight; h > chain.tipHeight - LATEST_BLOCKS && h >= 0; h--) {
    const s = byHeight.get(h);
    const timeS = h === chain.tipHeight ? chain.tipTimeS : s?.timeS;
    if (timeS === undefined || timeS === null) continue;
    const fees = s?.totalFeeSats ?? null;
    out.push({
      height: h,
      timeS,
      difficulty:
        h >= chain.epochStart.height ? chain.difficulty : (chain.epochStart.previousDifficulty ?? chain.difficulty),
      rewardSats: fees === null ? null : subsidySats(h) + fees,
      totalFeesSats: fees,
      // A node does not know pools (mempool matches coinbase tags against its own list).
      poolName: null,
    });
  }
  return out;
}

export function previousRetargetPercent(epochStart: NodeChainData['epochStart']): number {
  const before = epochStart.previousDifficulty;
  return before === null || before <= 0 ? 0 : (epochStart.difficulty / before - 1) * 100;
}

export function buildNodeSnapshot(
  chain: NodeChainData,
  prices: NodePrices,
  sourceHost: string,
  nowMs: number,
): NetworkSnapshot {
  const retargetPercent = previousRetargetPercent(chain.epochStart);
  const mined = chain.tipHeight % BLOCKS_PER_EPOCH;
  const adjustment = estimateDifficultyAdjustment({
    epochStartS: chain.epochStart.timeS,
    quarterEpochBlockS: mined < QUARTER_EPOCH_BLOCKS ? chain.quarterEpochBlockS : null,
    // The clock is untrusted: never before the tip (the estimate would run backwards).
    nowS: Math.max(Math.floor(nowMs / 1000), chain.tipTimeS),
    tipHeight: chain.tipHeight,
    previousRetargetPercent: retargetPercent,
    tipTimeS: chain.tipTimeS,
  });
  const notes: string[] = [];
  if (chain.fees.missingBlocks > 0)
    notes.push(
      t(
        'the node could not give the fees of {0} of the last {1} blocks (pruned?): the fee mean is over {2}',
        chain.fees.missingBlocks,
        BLOCKS_PER_DAY,
        chain.fees.blocksUsed,
      ),
    );
  if (prices.note) notes.push(prices.note);
  return {
    schema: 1,
    fetchedAtMs: nowMs,
    chainDataAtMs: chain.readAtMs,
    sourceHost,
    tipHeight: chain.tipHeight,
    hashrate: {
      daily: windowPoints(chain),
      difficulty: [
        {
          timeS: chain.epochStart.timeS,
          height: chain.epochStart.height,
          difficulty: chain.epochStart.difficulty,
          adjustmentRatio: 1 + retargetPercent / 100,
        },
      ],
      currentHashrateHps: chain.hashrate7dHps,
      currentDifficulty: chain.difficulty,
    },
    adjustment,
    rewardStats: nodeRewardStats(chain.fees, chain.feeStats),
    prices: prices.prices,
    priceSource: prices.label,
    latestBlocks: latestBlocks(chain),
    ...(notes.length > 0 ? { sourceNotes: notes } : {}),
  };
}
