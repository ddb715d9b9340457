// The node snapshot's pure parts against hand-worked values, and the price sources.
import { describe, expect, it } from 'vitest';
import { glancePrices } from '../../../src/core/glance/prices';
import { sourceHealth } from '../../../src/core/glance/sourceHealth';
import type { BlockStats } from '../../../src/core/sources/bitcoind/blockStats';
import { nodeFeeMean } from '../../../src/core/sources/bitcoind/fees';
import {
  buildNodeSnapshot,
  nodeRewardStats,
  previousRetargetPercent,
  windowPoints,
  type NodeChainData,
} from '../../../src/core/sources/bitcoind/snapshot';
import { TransportError, type Transport } from '../../../src/core/transport';

const TIP = 840_100;
const TIP_TIME_S = 1_713_600_000;

function stats(height: number, totalFeeSats: number): BlockStats {
  return { height, timeS: TIP_TIME_S - (TIP - height) * 600, totalFeeSats, txs: 3000, subsidySats: null } as BlockStats;
}

// Heights 839 957 … 840 100, fees alternating 0.5 M and 1.5 M sats: mean exactly 1 M.
const FEE_STATS = Array.from({ length: 144 }, (_, i) => stats(TIP - i, i % 2 === 0 ? 500_000 : 1_500_000));

function chain(): NodeChainData {
  return {
    tipHash: 'ab'.repeat(32),
    tipHeight: TIP,
    tipTimeS: TIP_TIME_S,
    difficulty: 88e12,
    hashrate7dHps: 630e18,
    windowHashratesHps: [600e18, null, 500e18],
    epochStart: { height: 838_656, timeS: TIP_TIME_S - 1444 * 600, difficulty: 88e12, previousDifficulty: 80e12 },
    quarterEpochBlockS: null,
    fees: nodeFeeMean(FEE_STATS)!,
    feeStats: FEE_STATS,
    readAtMs: TIP_TIME_S * 1000 + 1000,
  };
}

describe('node snapshot', () => {
  it('reward stats: 43 blocks at 6.25 BTC and 101 at 3.125 BTC, fees 144 × 1 M sats', () => {
    const r = nodeRewardStats(chain().fees, FEE_STATS);
    expect(r).toEqual({
      startBlock: 839_957,
      endBlock: 840_100,
      totalFeeSats: 144_000_000,
      totalRewardSats: 43 * 625_000_000 + 101 * 312_500_000 + 144_000_000,
      totalTx: 432_000,
    });
  });

  it('previous retarget 80 T → 88 T is +10 %; genesis has none', () => {
    expect(previousRetargetPercent(chain().epochStart)).toBeCloseTo(10, 12);
    expect(previousRetargetPercent({ ...chain().epochStart, previousDifficulty: null })).toBe(0);
  });

  it('trend windows become oldest-first points a day apart, failed windows skipped', () => {
    expect(windowPoints(chain())).toEqual([
      { timeS: TIP_TIME_S - 2 * 86_400, hashrateHps: 500e18 },
      { timeS: TIP_TIME_S, hashrateHps: 600e18 },
    ]);
  });

  it('the snapshot: figures, the retarget record, the source and the price source', () => {
    const nowMs = (TIP_TIME_S + 300) * 1000;
    const s = buildNodeSnapshot(
      chain(),
      { prices: { timeS: 1, perBtc: { EUR: 60_000 } }, label: 'manual', note: null },
      'bitcoind@127.0.0.1:8332',
      nowMs,
    );
    expect(s.sourceHost).toBe('bitcoind@127.0.0.1:8332');
    expect(s.priceSource).toBe('manual');
    expect(s.hashrate.currentHashrateHps).toBe(630e18);
    expect(s.hashrate.difficulty).toEqual([
      { timeS: TIP_TIME_S - 1444 * 600, height: 838_656, difficulty: 88e12, adjustmentRatio: 1.1 },
    ]);
    // 1444 blocks in exactly 1444 × 600 s, estimated at now = tip + 300 s: 600 / ((1444·600 + 300)/1445) − 1.
    expect(s.adjustment.difficultyChangePercent).toBeCloseTo((600 / ((1444 * 600 + 300) / 1445) - 1) * 100, 9);
    expect(s.adjustment.remainingBlocks).toBe(2016 - 1444);
    expect(s.latestBlocks[0]).toEqual({
      height: TIP,
      timeS: TIP_TIME_S,
      difficulty: 88e12,
      rewardSats: 312_500_000 + 500_000,
      totalFeesSats: 500_000,
      poolName: null,
    });
    expect(s.latestBlocks).toHaveLength(10);
    expect(s.sourceNotes).toBeUndefined();
  });
});

describe('price sources', () => {
  const failing: Transport = { getText: () => Promise.reject(new TransportError('network', 'connection refused')) };
  const base = { currency: 'EUR' as const, manualBtcPrice: 61_000, mempoolHost: 'mempool.space', nowMs: 2_000_000 };

  it('manual: the typed price in the chosen currency; none: no price and the hover says why', async () => {
    const manual = await glancePrices({ ...base, kind: 'manual', transport: () => failing, previous: null });
    expect(manual).toEqual({ prices: { timeS: 2000, perBtc: { EUR: 61_000 } }, label: 'manual', note: null });
    const none = await glancePrices({ ...base, kind: 'none', transport: () => failing, previous: null });
    expect(none.prices.perBtc).toEqual({});
    const snapshot = buildNodeSnapshot(chain(), none, 'bitcoind@x', TIP_TIME_S * 1000);
    expect(sourceHealth(snapshot, TIP_TIME_S * 1000).notices).toEqual([
      expect.stringMatching(/no price source is set/),
    ]);
    const unset = await glancePrices({
      ...base,
      manualBtcPrice: null,
      kind: 'manual',
      transport: () => failing,
      previous: null,
    });
    expect(unset.note).toMatch(/manualBtcPrice is not set/);
  });

  it('mempool: parsed prices; a failure keeps the previous ones and says so', async () => {
    const ok: Transport = { getText: () => Promise.resolve('{"time":1700000000,"USD":50000,"EUR":46000}') };
    const p = await glancePrices({ ...base, kind: 'mempool', transport: () => ok, previous: null });
    expect(p.prices.perBtc).toMatchObject({ USD: 50_000, EUR: 46_000 });
    expect(p.label).toBe('mempool.space');
    const kept = await glancePrices({ ...base, kind: 'mempool', transport: () => failing, previous: p.prices });
    expect(kept.prices).toBe(p.prices);
    expect(kept.note).toMatch(/prices from mempool\.space unavailable \(connection refused\): showing the last ones/);
  });
});
