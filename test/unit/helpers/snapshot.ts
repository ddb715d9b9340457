// A hand-made snapshot whose figures are worked out in the tests' comments.
import type { GlanceFigures } from '../../../src/core/views/glanceFigures';
import type { HoverContext } from '../../../src/core/views/hoverMarkdown';
import type { NetworkSnapshot } from '../../../src/core/model';

export const NOW_MS = 1_795_600_000_000; // 2026-11-25T…
const DAY = 86_400;

export function makeSnapshot(overrides: Partial<NetworkSnapshot> = {}): NetworkSnapshot {
  // 14 days: first 7 at 1000 EH/s, last 7 at 988 EH/s → trend −1.2 %.
  const daily = Array.from({ length: 14 }, (_, i) => ({
    timeS: 1_794_355_200 + i * DAY,
    hashrateHps: (i < 7 ? 1000 : 988) * 1e18,
  }));
  return {
    schema: 1,
    fetchedAtMs: NOW_MS - 120_000,
    sourceHost: 'mempool.space',
    tipHeight: 975_144,
    hashrate: {
      daily,
      difficulty: [{ timeS: 1_795_000_000, height: 973_728, difficulty: 1.38e14, adjustmentRatio: 0.9877 }],
      currentHashrateHps: 987.6e18,
      currentDifficulty: 1.38e14,
    },
    adjustment: {
      progressPercent: 70.23809523809524, // 1416 / 2016
      difficultyChangePercent: -1.2345,
      estimatedRetargetMs: NOW_MS + (3 * 86_400 + 4 * 3600) * 1000,
      remainingBlocks: 600,
      remainingTimeMs: (3 * 86_400 + 4 * 3600) * 1000,
      previousRetargetPercent: -1.23,
      previousRetargetS: 1_795_000_000,
      nextRetargetHeight: 975_744,
      timeAvgMs: 588_000,
      adjustedTimeAvgMs: 588_000,
      expectedBlocks: 1400,
    },
    // 144 blocks: reward 3.15 BTC each, of which 0.025 BTC fees.
    rewardStats: {
      startBlock: 975_001,
      endBlock: 975_144,
      totalRewardSats: 144 * 315_000_000,
      totalFeeSats: 144 * 2_500_000,
      totalTx: 512_000,
    },
    prices: { timeS: 1_795_599_000, perBtc: { USD: 95_000, EUR: 82_000 } },
    latestBlocks: [
      {
        height: 975_144,
        timeS: 1_795_599_700,
        difficulty: 1.38e14,
        rewardSats: 315_000_000,
        totalFeesSats: 2_500_000,
        poolName: 'Foundry USA',
      },
    ],
    ...overrides,
  };
}

/** A hover context for fresh data at NOW_MS; dates render as "d" unless a test cares about them. */
export function hoverContext(figures: GlanceFigures | null, overrides: Partial<HoverContext> = {}): HoverContext {
  return {
    figures,
    sourceHost: 'mempool.space',
    fetchedAtMs: NOW_MS,
    nowMs: NOW_MS,
    error: null,
    fromCache: false,
    formatDate: () => 'd',
    commands: { show: 's', refresh: 'r', showLog: 'l' },
    ...overrides,
  };
}
