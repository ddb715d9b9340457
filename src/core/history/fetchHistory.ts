// The panel's history requests: which endpoints per range, parsed with parse.ts, failures classified like
// the glance's (a ParseError becomes TransportError 'invalid' naming the path).

import type { BlockFeesPoint, BlockRewardsPoint, Currency, DifficultyRecord, HashrateHistory } from '../model';
import {
  parseBlockFees,
  parseBlockRewards,
  parseDifficultyAdjustments,
  parseHashrateHistory,
  parseHistoricalPrices,
} from '../parse';
import { describeFailure, getParsed, type Transport } from '../transport';
import type { PricePoint } from './align';
import { RANGE_PERIODS, type RangeId } from './types';

export const HISTORY_PATHS = {
  hashrate: (range: RangeId) => `/api/v1/mining/hashrate/${RANGE_PERIODS[range]}`,
  rewards: (range: RangeId) => `/api/v1/mining/blocks/rewards/${RANGE_PERIODS[range]}`,
  fees: (range: RangeId) => `/api/v1/mining/blocks/fees/${RANGE_PERIODS[range]}`,
  /** The whole retarget history (~430 rows, ~20 kB): every range's difficulty-in-force and the table. */
  adjustments: '/api/v1/mining/difficulty-adjustments/all',
  /** Without a timestamp mempool returns its whole price history for the currency. */
  prices: (currency: Currency) => `/api/v1/historical-price?currency=${currency}`,
} as const;

export interface RangeSeries {
  readonly hashrate: HashrateHistory;
  readonly rewards: readonly BlockRewardsPoint[];
  /** null when the fees endpoint failed (the dataset then estimates fees). */
  readonly fees: readonly BlockFeesPoint[] | null;
  readonly warnings: readonly string[];
}

/** The per-range series: hash rate (with that range's retargets), rewards, and fees (optional). */
export async function fetchRangeSeries(transport: Transport, range: RangeId): Promise<RangeSeries> {
  const warnings: string[] = [];
  const [hashrate, rewards, fees] = await Promise.all([
    getParsed(transport, HISTORY_PATHS.hashrate(range), parseHashrateHistory),
    getParsed(transport, HISTORY_PATHS.rewards(range), parseBlockRewards),
    getParsed(transport, HISTORY_PATHS.fees(range), parseBlockFees).catch((error: unknown) => {
      warnings.push(`fees series unavailable (${describeFailure(error)}); fees estimated as reward − subsidy`);
      return null;
    }),
  ]);
  return { hashrate, rewards, fees, warnings };
}

export function fetchAllAdjustments(transport: Transport): Promise<DifficultyRecord[]> {
  return getParsed(transport, HISTORY_PATHS.adjustments, parseDifficultyAdjustments);
}

/** Daily (or finer) prices in a currency, oldest first. */
export function fetchPrices(transport: Transport, currency: Currency): Promise<PricePoint[]> {
  return getParsed(transport, HISTORY_PATHS.prices(currency), (json) =>
    parseHistoricalPrices(json, currency).points.map((p) => ({ timeS: p.timeS, price: p.price })),
  );
}
