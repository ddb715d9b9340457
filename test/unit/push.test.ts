// The pure half of live push: parsing mempool's websocket messages, the reconnect backoff, and what a
// message changes in the snapshot (applied at once) versus what must be refetched.
import { describe, expect, it } from 'vitest';
import type { NetworkSnapshot } from '../../src/core/model';
import {
  DEFAULT_RECONNECT_POLICY,
  PUSH_SUBSCRIBE_MESSAGES,
  fetchParts,
  hasPushData,
  mergeParts,
  parsePushMessage,
  parsePushText,
  planPush,
  reconnectDelayMs,
  refetchPaths,
} from '../../src/core/push';
import { TransportError } from '../../src/core/transport';
import { NOW_MS, makeSnapshot } from './helpers/snapshot';

// makeSnapshot: tip 975 144, 600 blocks to the retarget at 975 744 (so its `da` belongs to height 975 144).
const TIP = 975_144;

/** A `block` as mempool pushes it (an /api/v1/blocks entry; most fields trimmed, extras kept). */
function wsBlock(height: number, overrides: Record<string, unknown> = {}) {
  return {
    id: `00000000000000000001${String(height).padStart(44, '0')}`,
    height,
    version: 626_941_952,
    timestamp: 1_795_599_700 + (height - TIP) * 600,
    bits: 386_038_124,
    difficulty: 1.38e14,
    tx_count: 2229,
    extras: {
      reward: 315_498_786,
      totalFees: 2_998_786,
      medianFee: 2.1,
      pool: { id: 111, name: 'Foundry USA', slug: 'foundryusa' },
    },
    ...overrides,
  };
}

/** A `da` for a tip at `height` (mempool's 12 fields, ms where mempool uses ms). */
function wsDa(height: number, overrides: Record<string, unknown> = {}) {
  const remainingBlocks = 2016 - (height % 2016);
  return {
    progressPercent: ((height % 2016) / 2016) * 100,
    difficultyChange: -1.2345,
    estimatedRetargetDate: NOW_MS + remainingBlocks * 588_000,
    remainingBlocks,
    remainingTime: remainingBlocks * 588_000,
    previousRetarget: -1.23,
    previousTime: 1_795_000_000,
    nextRetargetHeight: height + remainingBlocks,
    timeAvg: 588_000,
    adjustedTimeAvg: 588_000,
    timeOffset: 0,
    expectedBlocks: 1400,
    ...overrides,
  };
}

const conversions = {
  time: 1_795_600_800,
  USD: 96_000,
  EUR: 83_000,
  GBP: 71_000,
  CAD: -1,
  CHF: 0,
  AUD: 140_000,
  JPY: 14_000_000,
};

describe('parsePushMessage', () => {
  it('reads a block push with its da, ignoring mempool keys we do not use', () => {
    const m = parsePushMessage({
      block: wsBlock(TIP + 1),
      da: wsDa(TIP + 1),
      mempoolInfo: { size: 1 },
      fees: { fastestFee: 8 },
      vBytesPerSecond: 1500,
    });
    expect(m.rejected).toEqual([]);
    expect(m.blocks).toEqual([
      {
        height: TIP + 1,
        timeS: 1_795_600_300,
        difficulty: 1.38e14,
        rewardSats: 315_498_786,
        totalFeesSats: 2_998_786,
        poolName: 'Foundry USA',
      },
    ]);
    // 2016 − (975 145 mod 2016 = 1417) = 599 blocks to 975 744.
    expect(m.adjustment).toMatchObject({
      remainingBlocks: 599,
      nextRetargetHeight: 975_744,
      estimatedRetargetMs: NOW_MS + 599 * 588_000,
    });
    expect(m.prices).toBeNull();
    expect(hasPushData(m)).toBe(true);
  });

  it('turns the initial blocks (oldest first on the websocket) newest first', () => {
    const m = parsePushMessage({ blocks: [wsBlock(TIP - 2), wsBlock(TIP - 1), wsBlock(TIP)] });
    expect(m.blocks.map((b) => b.height)).toEqual([TIP, TIP - 1, TIP - 2]);
  });

  it('reads conversions like /api/v1/prices: −1 and 0 mean unavailable', () => {
    const m = parsePushMessage({ conversions });
    expect(m.prices).toEqual({
      timeS: 1_795_600_800,
      perBtc: { USD: 96_000, EUR: 83_000, GBP: 71_000, AUD: 140_000, JPY: 14_000_000 },
    });
  });

  it('has no data in a pong or a stats-only message', () => {
    for (const json of [{ pong: true }, { mempoolInfo: {}, fees: {}, vBytesPerSecond: 1 }, {}]) {
      const m = parsePushMessage(json);
      expect(hasPushData(m)).toBe(false);
      expect(m.rejected).toEqual([]);
    }
  });

  it('rejects a malformed part with its reason and keeps the good ones', () => {
    const m = parsePushMessage({
      block: wsBlock(TIP + 1),
      da: wsDa(TIP + 1, { estimatedRetargetDate: 1_795_600_000 }),
      conversions: 'soon',
    });
    expect(m.blocks).toHaveLength(1);
    expect(m.adjustment).toBeNull();
    expect(m.prices).toBeNull();
    expect(m.rejected).toEqual([
      expect.stringMatching(/^da: estimatedRetargetDate = 1795600000 is not a time in milliseconds/),
      expect.stringMatching(/^conversions: response should be an object, got "soon"/),
    ]);
  });

  it('names a bad block by its position as sent', () => {
    expect(parsePushMessage({ block: wsBlock(TIP, { height: -1 }) }).rejected).toEqual([
      expect.stringMatching(/^block: height = -1 is outside/),
    ]);
    const bad = parsePushMessage({ blocks: [wsBlock(TIP - 1), wsBlock(TIP, { timestamp: 1_795_600_000_000 })] });
    expect(bad.blocks).toEqual([]);
    expect(bad.rejected).toEqual([expect.stringMatching(/^blocks: \[1\]\.timestamp = 1795600000000 is outside/)]);
    const order = parsePushMessage({ blocks: [wsBlock(TIP), wsBlock(TIP - 1)] });
    expect(order.rejected).toEqual(['blocks: heights are not ascending at index 1']);
  });

  it('never throws on text that is not a JSON object', () => {
    expect(parsePushText('<html>502 Bad Gateway</html>').rejected).toEqual([
      'message is not JSON (starts with "<html>502 Bad Gateway</html>")',
    ]);
    expect(parsePushText('[1,2]').rejected).toEqual(['message is not a JSON object']);
    expect(parsePushText('null').rejected).toEqual(['message is not a JSON object']);
    expect(parsePushText(JSON.stringify({ block: wsBlock(TIP) })).blocks).toHaveLength(1);
  });

  it('subscribes like mempool: init (for conversions), then want blocks and stats', () => {
    expect(PUSH_SUBSCRIBE_MESSAGES.map((t) => JSON.parse(t))).toEqual([
      { action: 'init' },
      { action: 'want', data: ['blocks', 'stats'] },
    ]);
  });
});

describe('reconnectDelayMs', () => {
  it('doubles from 1 s per failure, with jitter over [½, 1] of the delay', () => {
    expect([1, 2, 3, 4].map((n) => reconnectDelayMs(n, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => reconnectDelayMs(n, () => 0.999_999))).toEqual(
      [1000, 2000, 4000, 8000].map((d) => expect.closeTo(d, 0)),
    );
    expect(reconnectDelayMs(0, () => 0)).toBe(500);
  });

  it('caps at 5 minutes, even after very many failures', () => {
    expect(reconnectDelayMs(9, () => 0.999_999)).toBeCloseTo(256_000, -1);
    expect(reconnectDelayMs(10, () => 0.999_999)).toBeCloseTo(300_000, -1);
    expect(reconnectDelayMs(10_000, () => 0)).toBe(150_000);
    expect(DEFAULT_RECONNECT_POLICY.unavailableAfterFailures).toBe(3);
  });
});

describe('planPush', () => {
  const snapshot = makeSnapshot();
  const at = NOW_MS + 5_000;

  it('applies a new block with its da at once and refetches the reward sums and the current estimate', () => {
    const plan = planPush(
      snapshot,
      parsePushMessage({
        block: wsBlock(TIP + 1, { difficulty: snapshot.hashrate.currentDifficulty }),
        da: wsDa(TIP + 1),
      }),
      at,
    );
    const next = plan.snapshot!;
    expect(next.tipHeight).toBe(TIP + 1);
    expect(next.latestBlocks.map((b) => b.height)).toEqual([TIP + 1, TIP]);
    expect(next.hashrate.daily).toBe(snapshot.hashrate.daily);
    expect(next.adjustment.remainingBlocks).toBe(599);
    expect(next.fetchedAtMs).toBe(at);
    expect(next.prices).toBe(snapshot.prices);
    // Two small requests per block: the 144-block sums, and the 1008-block estimate from the 3-day route.
    expect(plan.refetch).toEqual(['rewardStats', 'hashrateNow']);
    expect(refetchPaths(plan.refetch)).toEqual(['/api/v1/mining/reward-stats/144', '/api/v1/mining/hashrate/3d']);
  });

  it('refetches the hash rate too when the block brings a new difficulty (a retarget)', () => {
    const plan = planPush(
      snapshot,
      parsePushMessage({ block: wsBlock(TIP + 1, { difficulty: 1.39e14 }), da: wsDa(TIP + 1) }),
      at,
    );
    // A block's difficulty is the network's current difficulty.
    expect(plan.snapshot!.hashrate.currentDifficulty).toBe(1.39e14);
    expect(plan.refetch).toEqual(['rewardStats', 'hashrate']);
  });

  it('refetches the adjustment when the block comes without a da for it', () => {
    expect(
      planPush(
        snapshot,
        parsePushMessage({ block: wsBlock(TIP + 1, { difficulty: snapshot.hashrate.currentDifficulty }) }),
        at,
      ).refetch,
    ).toEqual(['rewardStats', 'hashrateNow', 'difficultyAdjustment']);
    // A da for another height (mempool computed it before the block) is not used either.
    const stale = planPush(snapshot, parsePushMessage({ block: wsBlock(TIP + 1), da: wsDa(TIP) }), at);
    expect(stale.refetch).toContain('difficultyAdjustment');
    expect(stale.snapshot!.adjustment).toBe(snapshot.adjustment);
  });

  it('refetches the latest blocks when pushed blocks leave a hole (missed while disconnected)', () => {
    const d = snapshot.hashrate.currentDifficulty;
    const plan = planPush(
      snapshot,
      parsePushMessage({
        blocks: [wsBlock(TIP + 3, { difficulty: d }), wsBlock(TIP + 4, { difficulty: d })],
        da: wsDa(TIP + 4),
      }),
      at,
    );
    expect(plan.snapshot!.tipHeight).toBe(TIP + 4);
    expect(plan.snapshot!.latestBlocks.map((b) => b.height)).toEqual([TIP + 4, TIP + 3, TIP]);
    expect(plan.refetch).toEqual(['blocks', 'rewardStats', 'hashrateNow']);
  });

  it('keeps at most 15 latest blocks', () => {
    const blocks = Array.from({ length: 20 }, (_, i) => wsBlock(TIP + 1 + i));
    const plan = planPush(snapshot, parsePushMessage({ blocks }), at);
    expect(plan.snapshot!.latestBlocks).toHaveLength(15);
    expect(plan.snapshot!.latestBlocks[0]!.height).toBe(TIP + 20);
  });

  it('changes nothing for blocks we already have (the initial blocks after a reconnect)', () => {
    const da = wsDa(TIP, {
      difficultyChange: -1.2345 + 0.004,
      estimatedRetargetDate: snapshot.adjustment.estimatedRetargetMs,
    });
    const plan = planPush(snapshot, parsePushMessage({ blocks: [wsBlock(TIP - 1), wsBlock(TIP)], da }), at);
    expect(plan).toEqual({ snapshot: null, refetch: [] });
  });

  it('applies a da on its own only when something shown changes (mempool re-sends it every few seconds)', () => {
    const base = { difficultyChange: -1.2345, estimatedRetargetDate: snapshot.adjustment.estimatedRetargetMs };
    const tiny = planPush(
      snapshot,
      parsePushMessage({
        da: wsDa(TIP, {
          ...base,
          difficultyChange: -1.2395,
          estimatedRetargetDate: base.estimatedRetargetDate + 9 * 60_000,
        }),
      }),
      at,
    );
    expect(tiny.snapshot).toBeNull();
    const moved = planPush(snapshot, parsePushMessage({ da: wsDa(TIP, { ...base, difficultyChange: -1.2445 }) }), at);
    expect(moved.snapshot!.adjustment.difficultyChangePercent).toBe(-1.2445);
    expect(moved.refetch).toEqual([]);
    const later = planPush(
      snapshot,
      parsePushMessage({ da: wsDa(TIP, { ...base, estimatedRetargetDate: base.estimatedRetargetDate + 10 * 60_000 }) }),
      at,
    );
    expect(later.snapshot).not.toBeNull();
  });

  it('catches up when a da shows the tip moved but the block message went missing', () => {
    const plan = planPush(snapshot, parsePushMessage({ da: wsDa(TIP + 1) }), at);
    expect(plan.snapshot!.tipHeight).toBe(TIP + 1);
    expect(plan.snapshot!.adjustment.remainingBlocks).toBe(599);
    expect(plan.refetch).toEqual(['blocks', 'rewardStats', 'hashrateNow']);
    // …but a da from behind our tip is ignored.
    expect(planPush(snapshot, parsePushMessage({ da: wsDa(TIP - 1) }), at).snapshot).toBeNull();
  });

  it('applies newer conversions, ignores older or identical ones', () => {
    const plan = planPush(snapshot, parsePushMessage({ conversions }), at);
    expect(plan.snapshot!.prices.perBtc.USD).toBe(96_000);
    expect(plan.refetch).toEqual([]);
    expect(
      planPush(snapshot, parsePushMessage({ conversions: { ...conversions, time: 1_795_590_000 } }), at).snapshot,
    ).toBeNull();
    const same = { time: snapshot.prices.timeS, USD: 95_000, EUR: 82_000 };
    expect(planPush(snapshot, parsePushMessage({ conversions: same }), at).snapshot).toBeNull();
  });
});

describe('fetchParts and mergeParts', () => {
  const rewardStats = (endBlock: number) => ({
    startBlock: endBlock - 143,
    endBlock,
    totalReward: String(144 * 316_000_000),
    totalFee: String(144 * 3_500_000),
    totalTx: '500000',
  });
  const hashrate = {
    hashrates: [{ timestamp: 1_795_478_400, avgHashrate: 9.9e20 }],
    difficulty: [{ time: 1_795_000_000, height: 973_728, difficulty: 1.38e14, adjustment: 0.9877 }],
    currentHashrate: 9.91e20,
    currentDifficulty: 1.38e14,
  };

  function transport(bodies: Record<string, string | Error>) {
    const paths: string[] = [];
    const stale: string[][] = [];
    return {
      paths,
      stale,
      markStale: (p: readonly string[]) => stale.push([...p]),
      getText: async (path: string) => {
        paths.push(path);
        const body = bodies[path];
        if (body === undefined) throw new TransportError('http', `${path}: HTTP 404`, { status: 404, path });
        if (body instanceof Error) throw body;
        return body;
      },
    };
  }

  it('marks the planned paths stale in the HTTP cache first: they are what the block invalidated', async () => {
    const t = transport({ '/api/v1/mining/hashrate/1m': JSON.stringify(hashrate) });
    await fetchParts(t, ['hashrate', 'rewardStats']);
    expect(t.stale).toEqual([['/api/v1/mining/hashrate/1m', '/api/v1/mining/reward-stats/144']]);
    const none = transport({});
    expect(await fetchParts(none, [])).toEqual({ parts: {}, errors: [] });
    expect(none.stale).toEqual([]);
  });

  const parseHashrate = () => mergeParts(makeSnapshot(), {}, 0).snapshot.hashrate;

  it('GETs exactly the planned paths and reports each failure without failing the others', async () => {
    const t = transport({
      '/api/v1/mining/hashrate/1m': JSON.stringify(hashrate),
      '/api/v1/mining/reward-stats/144': '<html>oops</html>',
      '/api/v1/difficulty-adjustment': JSON.stringify(wsDa(TIP + 1, { remainingBlocks: 5000 })),
    });
    const { parts, errors } = await fetchParts(t, ['hashrate', 'rewardStats', 'difficultyAdjustment', 'blocks']);
    expect(t.paths.sort()).toEqual([
      '/api/v1/blocks',
      '/api/v1/difficulty-adjustment',
      '/api/v1/mining/hashrate/1m',
      '/api/v1/mining/reward-stats/144',
    ]);
    expect(parts.hashrate?.currentHashrateHps).toBe(9.91e20);
    expect(Object.keys(parts)).toEqual(['hashrate']);
    expect(errors.sort()).toEqual([
      '/api/v1/blocks: HTTP 404',
      '/api/v1/difficulty-adjustment: remainingBlocks = 5000 is outside the plausible range [0, 2016]',
      '/api/v1/mining/reward-stats/144: response is not JSON (starts with "<html>oops</html>")',
    ]);
  });

  it('merges onto the snapshot as it is now, never moving the reward window or the tip backwards', async () => {
    const t = transport({
      '/api/v1/mining/reward-stats/144': JSON.stringify(rewardStats(TIP + 1)),
      '/api/v1/blocks/tip/height': String(TIP - 5),
    });
    const current: NetworkSnapshot = makeSnapshot({ tipHeight: TIP + 1 });
    const { parts } = await fetchParts(t, ['rewardStats', 'tipHeight']);
    const merged = mergeParts(current, parts, NOW_MS + 9_000);
    expect(merged.warnings).toEqual([]);
    expect(merged.snapshot.rewardStats.endBlock).toBe(TIP + 1);
    expect(merged.snapshot.tipHeight).toBe(TIP + 1);
    expect(merged.snapshot.fetchedAtMs).toBe(NOW_MS + 9_000);
    // Only the reward sums came: the chain data as a whole is not fresher than before.
    expect(merged.snapshot.chainDataAtMs).toBe(current.chainDataAtMs);
    const both = mergeParts(current, { ...parts, hashrate: parseHashrate() }, NOW_MS + 9_000);
    expect(both.snapshot.chainDataAtMs).toBe(NOW_MS + 9_000);

    const older = mergeParts(
      merged.snapshot,
      { rewardStats: { ...merged.snapshot.rewardStats, startBlock: TIP - 143, endBlock: TIP } },
      NOW_MS,
    );
    expect(older.snapshot.rewardStats.endBlock).toBe(TIP + 1);
    expect(older.warnings).toEqual([`reward-stats ends at block ${TIP}, older than the ${TIP + 1} we have: kept ours`]);
    const ahead = mergeParts(
      current,
      { rewardStats: { ...current.rewardStats, startBlock: TIP - 100, endBlock: TIP + 44 } },
      NOW_MS,
    );
    expect(ahead.warnings).toEqual([`reward-stats ends at block ${TIP + 44} but the tip is ${TIP + 1}: kept ours`]);
  });

  it('fills the latest blocks and moves the tip with them', () => {
    const current = makeSnapshot();
    const latestBlocks = parsePushMessage({ blocks: [wsBlock(TIP + 1), wsBlock(TIP + 2)] }).blocks;
    const merged = mergeParts(current, { latestBlocks }, NOW_MS).snapshot;
    expect(merged.latestBlocks.map((b) => b.height)).toEqual([TIP + 2, TIP + 1, TIP]);
    expect(merged.tipHeight).toBe(TIP + 2);
  });
});
