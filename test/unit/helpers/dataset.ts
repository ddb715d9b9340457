// A daily history dataset with flat, plausible values (1 ZH/s, difficulty 1.4e14, 3.15 BTC subsidy, fees
// 0.025 BTC, $100,000) for tests that care about its range, source and length, not its figures.
import type { HistoryDataset, RangeId } from '../../../src/core/history/types';

const DAY_S = 86_400;
/** A UTC midnight. */
export const DATASET_START_S = 1_790_000_000 - (1_790_000_000 % DAY_S);

export function flatDataset(range: RangeId, sourceHost: string, days: number): HistoryDataset {
  const fill = (v: number) => new Array<number>(days).fill(v);
  return {
    schema: 1,
    range,
    currency: 'USD',
    sourceHost,
    fetchedAtMs: 1,
    days: {
      timeS: Array.from({ length: days }, (_, i) => DATASET_START_S + i * DAY_S),
      hashrateHps: fill(1e21),
      difficulty: fill(1.4e14),
      rewardSats: fill(315_000_000),
      feesSats: fill(2_500_000),
      price: fill(100_000),
    },
    adjustments: { timeS: [], height: [], difficulty: [], ratio: [] },
    halvings: [],
    notes: [],
  };
}
