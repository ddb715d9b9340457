// The vocabulary of the extension. Every quantity carries its unit in its name:
// `…S` Unix seconds, `…Ms` Unix milliseconds or a duration in ms, `…Hps` hashes per second,
// `…Sats` satoshis, `…Percent` a percentage (1.5 = +1.5 %), `…Ratio` a multiplier (1.015 = +1.5 %).
// mempool's API mixes seconds and milliseconds; parse.ts converts at the border so nothing here is ambiguous.

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'CHF', 'AUD', 'JPY'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** One day of mempool's `/api/v1/mining/hashrate/{period}` `hashrates` series. */
export interface DailyHashrate {
  /** UTC midnight of the day (the very first point is the genesis block's time). */
  readonly timeS: number;
  /** Core's getnetworkhashps over that day's blocks; 0 on days without blocks (early 2009). */
  readonly hashrateHps: number;
}

/** A difficulty retarget as recorded by mempool. */
export interface DifficultyRecord {
  /** Time of the first block mined at the new difficulty. */
  readonly timeS: number;
  readonly height: number;
  readonly difficulty: number;
  /** New difficulty ÷ previous difficulty (1.0143 = +1.43 %). */
  readonly adjustmentRatio: number;
}

export interface HashrateHistory {
  readonly daily: readonly DailyHashrate[];
  /** Oldest first. */
  readonly difficulty: readonly DifficultyRecord[];
  /**
   * getnetworkhashps(1008): the ≈7-day estimate mempool calls `currentHashrate`. Parsed as 0 when the
   * source could not compute it (mempool's Bitcoin Core unreachable); a snapshot never holds 0 (see
   * fetchSnapshot's usableEstimate).
   */
  readonly currentHashrateHps: number;
  readonly currentDifficulty: number;
}

/** mempool's `/api/v1/difficulty-adjustment`, with units made explicit. */
export interface DifficultyAdjustment {
  /** Blocks mined in this epoch ÷ 2016, as a percentage. */
  readonly progressPercent: number;
  /** Estimated change at the next retarget, in percent (−75 … +300). */
  readonly difficultyChangePercent: number;
  readonly estimatedRetargetMs: number;
  readonly remainingBlocks: number;
  readonly remainingTimeMs: number;
  /** Change applied at the last retarget, in percent. */
  readonly previousRetargetPercent: number;
  /** Time of the last retarget; absent on older mempool versions. */
  readonly previousRetargetS: number | null;
  readonly nextRetargetHeight: number;
  /** Mean block interval this epoch. */
  readonly timeAvgMs: number;
  /** Mean block interval used for the estimate (sliding 504-block window early in an epoch). */
  readonly adjustedTimeAvgMs: number;
  /** Blocks expected so far this epoch at 600 s each; absent on older mempool versions. */
  readonly expectedBlocks: number | null;
}

/** `/api/v1/mining/reward-stats/{n}`: sums over the last n blocks. */
export interface RewardStats {
  readonly startBlock: number;
  readonly endBlock: number;
  readonly totalRewardSats: number;
  readonly totalFeeSats: number;
  readonly totalTx: number;
}

/** `/api/v1/prices`: BTC price per currency; currencies the source marks unavailable (−1) are absent. */
export interface Prices {
  readonly timeS: number;
  readonly perBtc: Readonly<Partial<Record<Currency, number>>>;
}

/** One bucket of `/api/v1/mining/blocks/rewards/{period}`. */
export interface BlockRewardsPoint {
  readonly avgHeight: number;
  readonly timeS: number;
  /** Mean subsidy + fees per block in the bucket. */
  readonly avgRewardsSats: number;
  /** BTC/USD at that time, when the instance has prices. */
  readonly priceUsd: number | null;
}

/** One bucket of `/api/v1/mining/blocks/fees/{period}`. */
export interface BlockFeesPoint {
  readonly avgHeight: number;
  readonly timeS: number;
  readonly avgFeesSats: number;
  readonly priceUsd: number | null;
}

/** `/api/v1/historical-price`. */
export interface HistoricalPrices {
  readonly currency: Currency;
  readonly points: readonly { readonly timeS: number; readonly price: number; readonly priceUsd: number | null }[];
}

/** The parts of `/api/v1/blocks` entries we show. */
export interface BlockSummary {
  readonly height: number;
  readonly timeS: number;
  readonly difficulty: number;
  readonly rewardSats: number | null;
  readonly totalFeesSats: number | null;
  readonly poolName: string | null;
}

/**
 * Everything the status bar and the hover need, fetched together in one refresh.
 * Persisted as the "last good snapshot", so it must stay plain JSON.
 */
export interface NetworkSnapshot {
  /** Bump when the shape changes; older cached snapshots are discarded. */
  readonly schema: 1;
  /** When the fetch completed (host clock). */
  readonly fetchedAtMs: number;
  /**
   * When the tip-dependent parts (hash rate, reward stats, blocks) were last fetched; older snapshots
   * lack it. A poll that finds the same tip reuses them and refreshes only the price and the estimate.
   */
  readonly chainDataAtMs?: number;
  /** Host of the mempool instance, e.g. "mempool.space" or "127.0.0.1:8999". */
  readonly sourceHost: string;
  readonly tipHeight: number;
  readonly hashrate: HashrateHistory;
  readonly adjustment: DifficultyAdjustment;
  /** Over the last 144 blocks (≈ one day), for the fee part of hashprice. */
  readonly rewardStats: RewardStats;
  readonly prices: Prices;
  /** Where the prices came from when it is not the source itself ("mempool.space", "manual", "none"). */
  readonly priceSource?: string;
  /** Newest first; the tip block first. */
  readonly latestBlocks: readonly BlockSummary[];
  /**
   * What the source could not provide in this fetch, phrased for people (mempool's Bitcoin Core
   * unreachable…); shown in the hover. Absent when nothing was missing.
   */
  readonly sourceNotes?: readonly string[];
  /** Daily hashprice inputs over the last month (USD), for "why did hashprice move?"; absent until fetched. */
  readonly hashpriceDaily?: {
    readonly fetchedAtMs: number;
    readonly observations: readonly {
      readonly timeS: number;
      readonly difficulty: number;
      readonly priceFiat: number;
      readonly subsidyBtc: number;
      readonly feesBtcPerBlock: number;
    }[];
  };
}
