// Consensus constants of Bitcoin mainnet. Unit factors (H/s per PH/s, hours per year…) are in units.ts.

/** Timestamp of the genesis block, 2009-01-03T18:15:05Z. */
export const GENESIS_TIME_S = 1_231_006_505;
export const SATS_PER_BTC = 100_000_000;
export const BLOCKS_PER_EPOCH = 2016;
export const TARGET_BLOCK_SECONDS = 600;
export const HALVING_INTERVAL = 210_000;
export const INITIAL_SUBSIDY_SATS = 50 * SATS_PER_BTC;
/** Expected hashes to find one block at difficulty 1. */
export const HASHES_PER_DIFFICULTY = 2 ** 32;
export const SECONDS_PER_DAY = 86_400;
/** Blocks in one nominal day: the window of the fee average in hashprice (Hashrate Index's definition). */
export const BLOCKS_PER_DAY = 144;
