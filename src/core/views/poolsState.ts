/**
 * The "Power & pools" section's pools half, as plain numbers for the webview (src/shared/protocol/power.ts).
 * Sources: mempool's /api/v1/mining/pools/{period} (share of blocks = pool blocks ÷ all blocks of the period)
 * and /api/v1/mining/hashrate/pools/{period} (weekly share of the network's hash rate per pool, mempool's
 * `share` × 100); parsed by core/power/pools.ts, shaped by core/power/poolShares.ts.
 */
import type { RangeId } from '../history/types';
import {
  poolShareChanges,
  stackedPoolShares,
  topPoolBlockShares,
  type PoolHashratePoint,
  type PoolsSummary,
} from '../power';

/** Pools drawn one by one in the stacked chart (the rest is "Others"). */
export const STACKED_POOLS = 8;
/** Rows of the block-share table (the rest is "Others"). */
export const BLOCK_SHARE_ROWS = 12;
/** Rows of the grew/shrank table. */
export const CHANGE_ROWS = 16;

/**
 * 'unavailable': the instance answers 404 on the pools routes (a self-hosted mempool without mining
 * indexing); 'error': any other failure (message says which).
 */
export type PoolsStatus = 'loading' | 'ok' | 'unavailable' | 'error';

export interface PoolsData {
  readonly blockCount: number;
  readonly blocks: readonly {
    readonly name: string;
    readonly blockCount: number;
    readonly blockSharePercent: number;
  }[];
  readonly weeks: {
    readonly timeS: readonly number[];
    readonly pools: readonly { readonly name: string; readonly sharePercent: readonly number[] }[];
    readonly othersPercent: readonly number[];
  };
  /** Biggest gainer first: share of the network's hash rate in the first and last week, percentage points. */
  readonly changes: readonly {
    readonly name: string;
    readonly startSharePercent: number;
    readonly endSharePercent: number;
    readonly changePoints: number;
  }[];
}

export interface PoolsState {
  readonly range: RangeId;
  readonly status: PoolsStatus;
  readonly message: string | null;
  readonly data: PoolsData | null;
}

export function buildPoolsData(summary: PoolsSummary, weekly: readonly PoolHashratePoint[]): PoolsData {
  const stacked = stackedPoolShares(weekly, STACKED_POOLS);
  const changes = poolShareChanges(weekly);
  // The table shows the biggest movers both ways: the top gainers and the top losers.
  const half = Math.floor(CHANGE_ROWS / 2);
  const movers = changes.length <= CHANGE_ROWS ? changes : [...changes.slice(0, half), ...changes.slice(-half)];
  return {
    blockCount: summary.blockCount,
    blocks: topPoolBlockShares(summary.pools, summary.blockCount, BLOCK_SHARE_ROWS),
    weeks: {
      timeS: stacked.timeS,
      pools: stacked.pools.map((p) => ({ name: p.poolName, sharePercent: p.sharePercent })),
      othersPercent: stacked.othersPercent,
    },
    changes: movers.map((c) => ({
      name: c.poolName,
      startSharePercent: c.startSharePercent,
      endSharePercent: c.endSharePercent,
      changePoints: c.changePoints,
    })),
  };
}
