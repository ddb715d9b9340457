// The panel's history from a node: which heights a range needs, the progressive fill (chunks, progress,
// cancel, a node failing midway, pruned blocks), the disk file's validation, and the day grid built from
// the samples. The fake chain (fakeNode.ts) makes every figure workable by hand: block h at T0 + 600·h,
// so day d (counted from T0) holds heights 144·d … 144·d + 143.
import { describe, expect, it } from 'vitest';
import { buildNodeDataset, nodeRetargets } from '../../../../src/core/history/node/assemble';
import { fillNodeHistory, type FillProgress } from '../../../../src/core/history/node/fill';
import { planNodeHistory } from '../../../../src/core/history/node/plan';
import {
  NodeHistoryStore,
  checkNodeHistoryFile,
  nodeHistoryFileName,
  type NodeIdentity,
} from '../../../../src/core/history/node/store';
import { ParseError } from '../../../../src/core/parse';
import { FakeNode, T0, difficultyOf, hashOf, hashrateOf, timeOf } from './fakeNode';

const TIP = 30_000;
// Block 30,000 is at T0 + 18,000,000 s: day 208 (208·86,400 = 17,971,200).
const NOW_S = timeOf(TIP) + 100;
const ID: NodeIdentity = { chain: 'regtest', genesisHash: hashOf(0) };
const DAY = 86_400;

function stores(): { store: NodeHistoryStore; fresh: NodeHistoryStore } {
  return { store: new NodeHistoryStore(ID), fresh: new NodeHistoryStore(ID) };
}

describe('planNodeHistory', () => {
  it('asks for absolute multiples of the steps, the tip, every retarget and the recent fees', () => {
    const plan = planNodeHistory('1M', TIP, NOW_S, null);
    // First day: 208 − 29 = 179. Heights back to 30,000 − ⌈30·144·1.2⌉ = 24,816.
    expect(plan.fromTimeS).toBe(T0 + 179 * DAY);
    // Multiples of 96 from 24,864 (259·96) to 29,952 (312·96): 54, then the tip.
    expect(plan.sampleHeights.length).toBe(55);
    expect(plan.sampleHeights[0]).toBe(24_864);
    expect(plan.sampleHeights.slice(-2)).toEqual([29_952, 30_000]);
    // 0 and 2016·1 … 2016·14 (28,224).
    expect(plan.retargetHeights.length).toBe(15);
    expect(plan.retargetHeights.slice(-1)).toEqual([28_224]);
    // Multiples of 12 from 24,816 to 30,000: 2500 − 2068 + 1.
    expect(plan.feeHeights.length).toBe(433);
    expect(plan.prunedFeeHeights).toEqual([]);
  });

  it('never requests fees below a pruned node’s prune height, and lists them as missing', () => {
    const plan = planNodeHistory('1M', TIP, NOW_S, 27_000);
    // 24,816 … 26,988: (26,988 − 24,816)/12 + 1 = 182 pruned; 27,000 … 30,000: 251 kept.
    expect(plan.prunedFeeHeights.length).toBe(182);
    expect(plan.feeHeights.length).toBe(251);
    expect(plan.feeHeights[0]).toBe(27_000);
  });

  it('asks for no fees on ranges longer than 91 days, and for samples from genesis on ALL', () => {
    expect(planNodeHistory('1Y', TIP, NOW_S, null).feeHeights).toEqual([]);
    const all = planNodeHistory('ALL', TIP, NOW_S, null);
    expect(all.fromTimeS).toBe(0);
    // 96 … 29,952 (312 multiples) and the tip.
    expect(all.sampleHeights.length).toBe(313);
    expect(all.sampleHeights[0]).toBe(96);
  });
});

describe('fillNodeHistory', () => {
  it('fetches in batches, stores buried heights, keeps the last blocks fresh, and reports progress', async () => {
    const node = new FakeNode({ tip: TIP });
    const { store, fresh } = stores();
    const progress: FillProgress[] = [];
    const plan = planNodeHistory('1M', TIP, NOW_S, null);
    const result = await fillNodeHistory(node, plan, store, fresh, { chunk: 200, onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ cancelled: false, error: null, prunedFeeHeights: [], failures: [] });
    // Retargets: 15 hashes + 15 headers; samples: 55 × (hash, header, hash rate); fees: 433 getblockstats.
    expect(node.calls).toBe(30 + 165 + 433);
    // Batches: 2 (retargets) + 3 (samples) + 3 (fees, 200 + 200 + 33).
    expect(node.batches).toBe(8);
    expect(progress.map((p) => p.done)).toEqual([0, 15, 70, 270, 470, 503]);
    expect(progress.every((p) => p.total === 503)).toBe(true);
    // Buried: height ≤ 30,000 − 6. The tip's sample and fees are fresh only.
    expect(store.samples.size).toBe(54);
    expect(fresh.samples.has(TIP)).toBe(true);
    expect(store.fees.size).toBe(432);
    expect(fresh.fees.has(TIP)).toBe(true);
    expect(store.samples.get(29_952)).toEqual({
      height: 29_952,
      timeS: timeOf(29_952),
      difficulty: difficultyOf(29_952),
      hashrateHps: hashrateOf(29_952),
    });
  });

  it('fetches a range once: a second fill asks only for the unburied tip', async () => {
    const { store, fresh } = stores();
    const plan = planNodeHistory('1M', TIP, NOW_S, null);
    await fillNodeHistory(new FakeNode({ tip: TIP }), plan, store, fresh);
    const again = new FakeNode({ tip: TIP });
    await fillNodeHistory(again, plan, store, new NodeHistoryStore(ID));
    // The tip's sample (hash, header, hash rate) and its fees.
    expect(again.calls).toBe(4);
    // A day later (144 blocks), only the new heights: 30,048 … 30,144 samples and 12 more fees.
    const later = new FakeNode({ tip: TIP + 144 });
    const nextPlan = planNodeHistory('1M', TIP + 144, NOW_S + DAY, null);
    await fillNodeHistory(later, nextPlan, store, new NodeHistoryStore(ID));
    // Samples: 30,048 and 30,144 (= 314·96, also the tip); 30,000 is no longer in the plan (not a multiple
    // of 96, and no longer the tip). No retarget is due (30,240 > tip). Fees: 30,000 … 30,144 (13).
    expect(later.methods.get('getnetworkhashps')).toBe(2);
    expect(later.methods.get('getblockheader')).toBe(2);
    expect(later.methods.get('getblockstats')).toBe(13);
  });

  it('stops before the next chunk when cancelled, keeping what the earlier chunks brought', async () => {
    const node = new FakeNode({ tip: TIP });
    const { store, fresh } = stores();
    let cancelled = false;
    const result = await fillNodeHistory(node, planNodeHistory('1M', TIP, NOW_S, null), store, fresh, {
      chunk: 200,
      onProgress: (p) => {
        if (p.done > 0) cancelled = true;
      },
      isCancelled: () => cancelled,
    });
    expect(result.cancelled).toBe(true);
    expect(store.retargets.size).toBe(15);
    expect(store.samples.size).toBe(0);
    expect(node.batches).toBe(2);
  });

  it('a node failing midway ends the fill with its error, not a throw, and keeps the earlier chunks', async () => {
    const node = new FakeNode({ tip: TIP, failFromBatch: 3 });
    const { store, fresh } = stores();
    const result = await fillNodeHistory(node, planNodeHistory('1M', TIP, NOW_S, null), store, fresh);
    expect(result.error?.kind).toBe('unreachable');
    expect(result.cancelled).toBe(false);
    expect(store.retargets.size).toBe(15);
    expect(store.samples.size).toBe(0);
  });

  it('counts blocks the node says it pruned (−1) as missing, storing nothing for them', async () => {
    const node = new FakeNode({ tip: TIP, pruneHeight: 27_000 });
    const { store, fresh } = stores();
    // The plan does not know the prune height (e.g. pruning moved on since getblockchaininfo).
    const result = await fillNodeHistory(node, planNodeHistory('1M', TIP, NOW_S, null), store, fresh);
    expect(result.prunedFeeHeights.length).toBe(182);
    expect(result.failures).toEqual([]);
    expect(store.fees.has(26_988)).toBe(false);
    expect(store.fees.has(27_000)).toBe(true);
  });
});

describe('node history file', () => {
  it('round-trips through JSON and is checked on the way back', async () => {
    const { store, fresh } = stores();
    await fillNodeHistory(new FakeNode({ tip: TIP }), planNodeHistory('1M', TIP, NOW_S, null), store, fresh);
    const file = JSON.parse(JSON.stringify(store.toFile())) as unknown;
    const back = NodeHistoryStore.from(checkNodeHistoryFile(file));
    expect(back.size).toBe(store.size);
    expect(back.samples.get(29_952)).toEqual(store.samples.get(29_952));
    expect(back.sameNode(ID)).toBe(true);
    expect(back.sameNode({ chain: 'regtest', genesisHash: hashOf(1) })).toBe(false);
    expect(back.sameNode({ chain: 'main', genesisHash: hashOf(0) })).toBe(false);
  });

  const valid = (): Record<string, unknown> => ({
    schema: 1,
    chain: 'main',
    genesisHash: hashOf(0),
    samples: [{ height: 96, timeS: timeOf(96), difficulty: 1, hashrateHps: 7e6 }],
    retargets: [],
    fees: [{ height: 12, timeS: timeOf(12), totalFeeSats: 0 }],
  });
  const reason = (value: unknown): string => {
    try {
      checkNodeHistoryFile(value);
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      return (e as ParseError).reason;
    }
    throw new Error('expected a ParseError');
  };

  it('accepts a well-formed file and refuses other schemas, chains, damaged or unsorted entries', () => {
    expect(checkNodeHistoryFile(valid()).samples.length).toBe(1);
    expect(reason(null)).toMatch(/object/);
    expect(reason({ ...valid(), schema: 2 })).toMatch(/schema 2/);
    expect(reason({ ...valid(), genesisHash: 'zz' })).toMatch(/genesisHash/);
    expect(reason({ ...valid(), chain: '../etc' })).toMatch(/chain/);
    expect(reason({ ...valid(), samples: 'x' })).toMatch(/samples should be an array/);
    expect(reason({ ...valid(), samples: [{ height: 96, timeS: 1, difficulty: -1, hashrateHps: 1 }] })).toMatch(
      /samples\[0\]\.difficulty/,
    );
    expect(reason({ ...valid(), fees: [{ height: 12, timeS: 1, totalFeeSats: 0.5 }] })).toMatch(/totalFeeSats/);
    expect(reason({ ...valid(), fees: [{ height: 12, timeS: 1, totalFeeSats: Number.NaN }] })).toMatch(/totalFeeSats/);
    const twice = { height: 96, timeS: 1, difficulty: 1, hashrateHps: 1 };
    expect(reason({ ...valid(), samples: [twice, twice] })).toMatch(/not sorted/);
  });

  it('names its file after the chain and the genesis block', () => {
    const a = nodeHistoryFileName({ chain: 'main', genesisHash: hashOf(0) });
    expect(a).toBe(`node-history-v1-main-${'0'.repeat(16)}.json`);
    expect(nodeHistoryFileName({ chain: 'main', genesisHash: `${'f'.repeat(16)}${hashOf(0).slice(16)}` })).not.toBe(a);
    expect(nodeHistoryFileName({ chain: 'signet', genesisHash: hashOf(0) })).not.toBe(a);
  });
});

describe('buildNodeDataset', () => {
  const meta = {
    currency: 'USD' as const,
    sourceHost: '127.0.0.1:8332',
    fetchedAtMs: NOW_S * 1000,
    prices: Array.from({ length: 220 }, (_, d) => ({ timeS: T0 + d * DAY, price: 10_000 })),
  };

  it('bins the samples on the UTC-day grid of the range', async () => {
    const { store, fresh } = stores();
    const plan = planNodeHistory('1M', TIP, NOW_S, null);
    const fill = await fillNodeHistory(new FakeNode({ tip: TIP }), plan, store, fresh);
    const d = buildNodeDataset(plan, store, fresh, { ...meta, fill }).days;
    // Days 179 … 208: the first sample in range is 25,824 (day 179), the tip 30,000 is on day 208.
    expect(d.timeS.length).toBe(30);
    expect(d.timeS[0]).toBe(T0 + 179 * DAY);
    // Day 179 holds sample 25,824 only; day 180 holds 25,920 and 26,016 (mean 25,968).
    expect(d.hashrateHps[0]).toBe(5e20 + 25_824);
    expect(d.hashrateHps[1]).toBe(5e20 + 25_968);
    // Difficulty at the end of day 179: retarget 24,192 (epoch 12) is in force; 26,208 (epoch 13) is mined
    // exactly at the end of day 181, so it counts from day 182.
    // (1e14·1.12 and 1e14·1.13, as the fake node computes them in floating point.)
    expect(d.difficulty[0]).toBe(difficultyOf(24_192));
    expect(d.difficulty[0]).toBeCloseTo(1.12e14, -2);
    expect(d.difficulty[2]).toBe(difficultyOf(24_192));
    expect(d.difficulty[3]).toBe(difficultyOf(26_208));
    expect(d.difficulty[3]).toBeCloseTo(1.13e14, -2);
    // Day 179's fees: heights 25,776 … 25,908 step 12, mean height 25,842 → 25,842,000 sats; reward + 50 BTC.
    expect(d.feesSats[0]).toBe(25_842_000);
    expect(d.rewardSats[0]).toBe(5_000_000_000 + 25_842_000);
    expect(d.price[0]).toBe(10_000);
  });

  it('leaves a pruned node’s missing fees out (null, not zero) and says so', () => {
    const { store, fresh } = stores();
    const plan = planNodeHistory('1M', TIP, NOW_S, 27_000);
    return fillNodeHistory(new FakeNode({ tip: TIP, pruneHeight: 27_000 }), plan, store, fresh).then((fill) => {
      const dataset = buildNodeDataset(plan, store, fresh, { ...meta, fill });
      const d = dataset.days;
      // Days 179 … 186 had only pruned fee heights; day 187 starts at 26,928 and has 27,000 … 27,060.
      expect(d.feesSats.slice(0, 8)).toEqual(new Array(8).fill(null));
      expect(d.rewardSats[7]).toBeNull();
      expect(d.feesSats[8]).toBe(27_030_000);
      // The hash rate does not need block data: still there on the pruned days.
      expect(d.hashrateHps[0]).toBe(5e20 + 25_824);
      expect(dataset.notes.join(' ')).toMatch(
        /pruned below block 27,000: fees, and so hashprice, are missing for 182 sampled blocks/,
      );
    });
  });

  it('says how far a running fill got, and when it was cancelled or the node failed', () => {
    const { store, fresh } = stores();
    const plan = planNodeHistory('1Y', TIP, NOW_S, null);
    const progress = buildNodeDataset(plan, store, fresh, {
      ...meta,
      fill: null,
      progress: { done: 200, total: 1_400 },
    });
    expect(progress.notes[0]).toBe('Filling from your node: 200 of 1,400 heights.');
    expect(progress.notes.join(' ')).toMatch(/ranges up to 91 days/);
    const cancelled = buildNodeDataset(plan, store, fresh, {
      ...meta,
      fill: { cancelled: true, error: null, prunedFeeHeights: [], failures: [] },
    });
    expect(cancelled.notes[0]).toMatch(/cancelled/);
    const none = buildNodeDataset(plan, store, fresh, { ...meta, prices: null, pricesMissing: 'HTTP 503', fill: null });
    expect(none.notes.join(' ')).toMatch(/No price history \(HTTP 503\)/);
    expect(none.days.timeS.length).toBe(0);
  });

  it('turns retargets into ratios only across one epoch', () => {
    const at = (height: number, difficulty: number) => ({ height, timeS: timeOf(height), difficulty, hashrateHps: 0 });
    const records = nodeRetargets([at(0, 1), at(2016, 1.5), at(4032, 3), at(8064, 6)]);
    expect(records.map((r) => r.adjustmentRatio)).toEqual([1.5, 2, 1]);
    expect(records.map((r) => r.height)).toEqual([2016, 4032, 8064]);
  });
});
