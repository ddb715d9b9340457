// The synthetic chain (test/server/chain.ts) and the pure response builders (test/server/responses.ts).
import { describe, expect, it } from 'vitest';
import {
  BLOCKS_PER_EPOCH,
  DEFAULT_END_TIME_S,
  FIRST_PRICE_TIME_S,
  GENESIS_TIME_S,
  TWO_POW_32,
  bitsToDifficulty,
  clearChainCache,
  compactToTarget,
  generateChain,
  retargetBits,
  subsidySats,
  targetToCompact,
} from '../server/chain';
import { bucketSecondsFor, calcDifficultyAdjustment, hashrateBody, periodStartS, respond } from '../server/responses';

const EH = 1e18;
const ZH = 1e21;
const iso = (s: string): number => Date.parse(s) / 1000;

describe('consensus helpers', () => {
  it('decodes and encodes compact targets like Core', () => {
    expect(bitsToDifficulty(0x1d00ffff)).toBe(1);
    // a real mainnet header (block 890440): bits 386038124 ↔ difficulty 113757508810854
    expect(Math.round(bitsToDifficulty(386038124))).toBe(113757508810854);
    for (const bits of [0x1d00ffff, 0x1b0404cb, 386038124, 0x170331db]) {
      expect(targetToCompact(compactToTarget(bits))).toBe(bits);
    }
  });

  it('retargets by 2016·600 / actual, clamped to [1/4, 4], never easier than powLimit', () => {
    const bits = 386038124;
    const d = bitsToDifficulty(bits);
    const T = 2016 * 600;
    expect(bitsToDifficulty(retargetBits(bits, T)) / d).toBeCloseTo(1, 4);
    expect(bitsToDifficulty(retargetBits(bits, T / 2)) / d).toBeCloseTo(2, 4);
    expect(bitsToDifficulty(retargetBits(bits, T / 100)) / d).toBeCloseTo(4, 4);
    expect(bitsToDifficulty(retargetBits(bits, T * 100)) / d).toBeCloseTo(0.25, 4);
    expect(retargetBits(0x1d00ffff, T * 3)).toBe(0x1d00ffff);
  });

  it('halves the subsidy every 210,000 blocks (integer shift in sats)', () => {
    expect(subsidySats(0)).toBe(5_000_000_000);
    expect(subsidySats(209_999)).toBe(5_000_000_000);
    expect(subsidySats(210_000)).toBe(2_500_000_000);
    expect(subsidySats(630_000)).toBe(625_000_000);
    expect(subsidySats(840_000)).toBe(312_500_000);
    expect(subsidySats(1_050_000)).toBe(156_250_000);
    expect(subsidySats(210_000 * 33)).toBe(0); // 5e9 >> 33 = 0
    expect(subsidySats(210_000 * 64)).toBe(0);
    for (let k = 0; k < 40; k++) expect(subsidySats(210_000 * k)).toBe(Math.floor(5_000_000_000 / 2 ** k));
  });
});

describe('generateChain (default seed)', () => {
  const chain = generateChain();

  it('reaches a real-ish tip at the fixed default end (2026-11-25)', () => {
    expect(chain.endTimeS).toBe(DEFAULT_END_TIME_S);
    expect(chain.tipHeight).toBeGreaterThanOrEqual(970_000);
    expect(chain.tipHeight).toBeLessThanOrEqual(980_000);
    expect(chain.tipTimeS).toBeLessThanOrEqual(DEFAULT_END_TIME_S);
    expect(DEFAULT_END_TIME_S - chain.tipTimeS).toBeLessThan(6 * 3600);
    expect(chain.timeOf(0)).toBe(GENESIS_TIME_S);
  });

  it('has non-decreasing block times and contiguous recent blocks', () => {
    for (let h = 1; h <= chain.tipHeight; h += 1) {
      if (chain.timeOf(h) < chain.timeOf(h - 1)) throw new Error(`time goes back at ${h}`);
    }
    const blocks = chain.blocks;
    expect(blocks.length).toBe(3000);
    blocks.forEach((b, i) => {
      if (i > 0) expect(b.height).toBe(blocks[i - 1]!.height + 1);
      expect(b.id).toMatch(/^0{16,}[0-9a-f]+$/);
      expect(b.id).toHaveLength(64);
      expect(b.rewardSats).toBe(subsidySats(b.height) + b.totalFeesSats);
      expect(b.difficulty).toBe(bitsToDifficulty(b.bits));
    });
    expect(blocks.at(-1)!.height).toBe(chain.tipHeight);
    expect(blocks.at(-1)!.previousBlockHash).toBe(blocks.at(-2)!.id);
  });

  it('retargets every 2016 blocks by Core rule, from difficulty 1 at genesis', () => {
    const r = chain.retargets;
    expect(r[0]).toEqual({ timeS: GENESIS_TIME_S, height: 0, difficulty: 1, bits: 0x1d00ffff, adjustmentRatio: 0 });
    expect(r.length).toBeGreaterThan(400);
    for (let i = 1; i < r.length; i++) {
      const cur = r[i]!;
      const prev = chain.bitsAt(cur.height - 1);
      expect(cur.height % BLOCKS_PER_EPOCH).toBe(0);
      expect(cur.height).toBeGreaterThan(r[i - 1]!.height);
      expect(cur.timeS).toBe(chain.timeOf(cur.height));
      expect(cur.adjustmentRatio).toBeGreaterThanOrEqual(0.25);
      expect(cur.adjustmentRatio).toBeLessThanOrEqual(4);
      const span = chain.timeOf(cur.height - 1) - chain.timeOf(cur.height - BLOCKS_PER_EPOCH);
      expect(cur.bits).toBe(retargetBits(prev, span));
      expect(cur.adjustmentRatio).toBeCloseTo(cur.difficulty / bitsToDifficulty(prev), 5);
    }
    // every boundary, changed or not, follows the rule
    for (let h = BLOCKS_PER_EPOCH; h <= chain.tipHeight; h += BLOCKS_PER_EPOCH) {
      const span = chain.timeOf(h - 1) - chain.timeOf(h - BLOCKS_PER_EPOCH);
      expect(chain.bitsAt(h)).toBe(retargetBits(chain.bitsAt(h - 1), span));
    }
    expect(chain.currentDifficulty).toBe(r.at(-1)!.difficulty);
  });

  it('ends just under 1 ZH/s after being slightly above it a month or two earlier', () => {
    const h = chain.currentHashrateHps;
    expect(h).toBeGreaterThanOrEqual(985 * EH);
    expect(h).toBeLessThanOrEqual(999 * EH);
    const earlier = [30, 35, 40, 45, 50, 55, 60].map((d) =>
      chain.networkHashPs(1008, chain.heightAtOrBefore(chain.tipTimeS - d * 86400)),
    );
    expect(Math.max(...earlier)).toBeGreaterThan(ZH);
    expect(Math.max(...earlier)).toBeLessThan(1.2 * ZH);
    // the 1008-block estimate is work / time over the last 1008 blocks
    const work = chain.workBetween(chain.tipHeight - 1007, chain.tipHeight);
    expect(h).toBeCloseTo(work / (chain.tipTimeS - chain.timeOf(chain.tipHeight - 1008)), 0);
    // difficulty consistent with hash rate
    const implied = (chain.currentDifficulty * TWO_POW_32) / 600;
    expect(Math.abs(h / implied - 1)).toBeLessThan(0.15);
  });

  it('grows the hash rate like the real network', () => {
    const near = (date: string): number => {
      const t = iso(date);
      const pts = chain.days.filter((d) => Math.abs(d.timeS - t) <= 15 * 86400 && d.avgHashrateHps > 0);
      return pts.reduce((s, d) => s + d.avgHashrateHps, 0) / pts.length;
    };
    expect(near('2009-06-01T00:00:00Z')).toBeLessThan(1e7);
    expect(near('2014-07-01T00:00:00Z')).toBeGreaterThan(0.5e17);
    expect(near('2014-07-01T00:00:00Z')).toBeLessThan(3e17);
    expect(near('2020-02-01T00:00:00Z')).toBeGreaterThan(0.6e20);
    expect(near('2020-02-01T00:00:00Z')).toBeLessThan(1.6e20);
    expect(near('2025-02-01T00:00:00Z')).toBeGreaterThan(6.5e20);
    expect(near('2025-02-01T00:00:00Z')).toBeLessThan(9.5e20);
  });

  it('exposes mempool-style daily points: genesis first, then UTC midnights', () => {
    const days = chain.days;
    expect(days[0]!.timeS).toBe(GENESIS_TIME_S);
    expect(days[0]!.avgHashrateHps).toBeCloseTo(TWO_POW_32 / (chain.timeOf(1) - GENESIS_TIME_S), 6);
    expect(days[1]!.timeS).toBe(iso('2009-01-04T00:00:00Z'));
    expect(days.length).toBeGreaterThan(6400);
    for (let i = 2; i < days.length; i++) expect(days[i]!.timeS - days[i - 1]!.timeS).toBe(86400);
    expect(days.at(-1)!.timeS).toBeLessThanOrEqual(chain.nowS);
    expect(chain.nowS - days.at(-1)!.timeS).toBeLessThan(86400);
    // days without blocks have hash rate 0 (early 2009)
    expect(days.slice(1, 6).every((d) => d.avgHashrateHps === 0)).toBe(true);
    const total = days.slice(1).reduce((s, d) => s + d.blockCount, 0);
    const lastMidnight = days.at(-1)!.timeS;
    expect(total).toBe(chain.heightAtOrBefore(lastMidnight - 1) + 1);
  });

  it('has fees tiny early, spiky mid-history and ~0.02–0.05 BTC per block at the end', () => {
    const stats = chain.rewardStats(144)!;
    const avgFeeBtc = stats.totalFee / 144 / 1e8;
    expect(avgFeeBtc).toBeGreaterThan(0.02);
    expect(avgFeeBtc).toBeLessThan(0.05);
    const dayFees = (date: string): number => chain.days.find((d) => d.timeS === iso(date))!.avgFeesSats;
    expect(dayFees('2010-03-01T00:00:00Z')).toBeLessThan(100_000);
    expect(dayFees('2017-12-20T00:00:00Z')).toBeGreaterThan(1e8);
    expect(dayFees('2021-04-20T00:00:00Z')).toBeGreaterThan(0.8e8);
  });

  it('prices: 0 before mid-2010, ~$90k–110k at the end, fixed exchange rates', () => {
    expect(chain.priceUsdAt(FIRST_PRICE_TIME_S - 86400)).toBe(0);
    expect(chain.priceUsdAt(FIRST_PRICE_TIME_S)).toBeGreaterThan(0);
    expect(chain.priceUsdAt(FIRST_PRICE_TIME_S)).toBeLessThan(1);
    const p = chain.pricesNow;
    expect(p.USD).toBeGreaterThanOrEqual(90_000);
    expect(p.USD).toBeLessThanOrEqual(110_000);
    expect(p.EUR / p.USD).toBeCloseTo(0.86, 2);
    expect(p.JPY / p.USD).toBeCloseTo(155.6, 0);
  });

  it('keeps per-seed tips in range and reports its generation time', () => {
    // informative only: never assert wall-clock speed on a busy CI box
    console.info(`chain generation: ${chain.generationMs.toFixed(0)} ms, tip ${chain.tipHeight}`);
    for (const seed of [1, 2, 3]) {
      const c = generateChain({ seed });
      expect(c.tipHeight).toBeGreaterThanOrEqual(970_000);
      expect(c.tipHeight).toBeLessThanOrEqual(980_000);
      expect(c.currentHashrateHps).toBeGreaterThanOrEqual(985 * EH);
      expect(c.currentHashrateHps).toBeLessThanOrEqual(999 * EH);
    }
  });
});

describe('determinism', () => {
  const urls = [
    '/api/v1/mining/hashrate/all',
    '/api/v1/mining/hashrate/1y',
    '/api/v1/difficulty-adjustment',
    '/api/v1/mining/difficulty-adjustments/1y',
    '/api/v1/mining/reward-stats/144',
    '/api/v1/mining/blocks/rewards/1m',
    '/api/v1/mining/blocks/fees/all',
    '/api/v1/prices',
    '/api/v1/historical-price?currency=EUR',
    '/api/blocks/tip/height',
    '/api/v1/blocks',
  ];
  const snapshot = (seed: number): string[] => {
    const c = generateChain({ seed });
    return urls.map((url) => respond(c, { url }, DEFAULT_END_TIME_S).body);
  };

  it('same seed → same bytes (also after dropping the memo); other seed → other bytes', () => {
    const a = snapshot(7);
    clearChainCache();
    const b = snapshot(7);
    expect(b).toEqual(a);
    const c = snapshot(8);
    expect(c[0]).not.toEqual(a[0]);
    expect(c[9]).not.toEqual(a[9]);
    const headersA = respond(generateChain({ seed: 7 }), { url: urls[0]! }, DEFAULT_END_TIME_S).headers;
    const headersB = respond(generateChain({ seed: 7 }), { url: urls[0]! }, DEFAULT_END_TIME_S).headers;
    expect(headersB).toEqual(headersA);
  });

  it('memoizes per (seed, endTimeS) and refuses to mutate a shared chain', () => {
    expect(generateChain({ seed: 7 })).toBe(generateChain({ seed: 7 }));
    expect(() => generateChain({ seed: 7 }).mine(1)).toThrow(/shared/);
  });
});

describe('fork + mine', () => {
  it('appends blocks, moves now and retargets when crossing a 2016 boundary', () => {
    const base = generateChain();
    const c = base.fork();
    const tip0 = c.tipHeight;
    const toBoundary = BLOCKS_PER_EPOCH - (tip0 % BLOCKS_PER_EPOCH);
    c.mine(toBoundary - 1);
    expect(c.tipHeight % BLOCKS_PER_EPOCH).toBe(BLOCKS_PER_EPOCH - 1);
    const oldBits = c.bitsAt(c.tipHeight);
    const retargetsBefore = c.retargets.length;
    c.mine(1);
    const h = c.tipHeight;
    expect(h % BLOCKS_PER_EPOCH).toBe(0);
    const span = c.timeOf(h - 1) - c.timeOf(h - BLOCKS_PER_EPOCH);
    expect(c.bitsAt(h)).toBe(retargetBits(oldBits, span));
    expect(c.retargets.length).toBe(retargetsBefore + 1);
    expect(c.retargets.at(-1)!.height).toBe(h);
    expect(c.nowS).toBe(c.tipTimeS);
    // the shared base is untouched
    expect(base.tipHeight).toBe(tip0);
  });
});

describe('limited indexing (days option)', () => {
  it('exposes only the last N days, without genesis points', () => {
    const c = generateChain({ days: 30 });
    const full = generateChain();
    expect(c.tipHeight).toBe(full.tipHeight);
    expect(c.days.length).toBeGreaterThanOrEqual(29);
    expect(c.days.length).toBeLessThanOrEqual(31);
    expect(c.days[0]!.timeS).toBeGreaterThan(c.endTimeS - 31 * 86400);
    // An epoch is about 14 days: 30 days hold at least two retargets, each inside the window.
    expect(c.retargets.length).toBeGreaterThanOrEqual(2);
    expect(c.retargets.every((r) => r.height > 0 && r.timeS >= c.endTimeS - 30 * 86400)).toBe(true);
    const stats = c.rewardStats(1e9)!;
    expect(stats.endBlock - stats.startBlock).toBeLessThan(31 * 200);
  });
});

describe('mempool difficulty-adjustment algorithm (own implementation)', () => {
  // mempool backend/src/__tests__/api/difficulty-adjustment.test.ts vectors (see the reference README)
  it('matches vector 1 (normal adjustment)', () => {
    expect(calcDifficultyAdjustment(1706888526, 1707403385, 1707691381, 830027, 7.333505241141637, 0)).toEqual({
      progressPercent: 71.97420634920636,
      difficultyChange: 8.512745140778843,
      estimatedRetargetDate: 1708004001715,
      remainingBlocks: 565,
      remainingTime: 312620715,
      previousRetarget: 7.333505241141637,
      previousTime: 1706888526,
      nextRetargetHeight: 830592,
      timeAvg: 553311,
      adjustedTimeAvg: 553311,
      timeOffset: 0,
      expectedBlocks: 1338.0916666666667,
    });
  });
  it('matches vector 2 (quarter-epoch window)', () => {
    expect(calcDifficultyAdjustment(1660820820, 1660619814, 1660917833, 750134, 0.6280047707459726, 0)).toEqual({
      progressPercent: 9.027777777777777,
      difficultyChange: 1.0420538959004633,
      estimatedRetargetDate: 1662009048328,
      remainingBlocks: 1834,
      remainingTime: 1091215328,
      previousRetarget: 0.6280047707459726,
      previousTime: 1660820820,
      nextRetargetHeight: 751968,
      timeAvg: 533038,
      adjustedTimeAvg: 594992,
      timeOffset: 0,
      expectedBlocks: 161.68833333333333,
    });
  });
});

describe('periods and buckets', () => {
  it('uses calendar months like MySQL DATE_SUB', () => {
    const now = iso('2026-03-31T12:00:00Z');
    expect(periodStartS('1m', now)).toBe(iso('2026-02-28T12:00:00Z'));
    expect(periodStartS('1y', now)).toBe(iso('2025-03-31T12:00:00Z'));
    expect(periodStartS('24h', now)).toBe(now - 86400);
    expect(periodStartS('all', now)).toBeNull();
    expect(periodStartS('1d', now)).toBeNull();
  });
  it('grows bucket sizes with the period like mempool', () => {
    expect(bucketSecondsFor('24h')).toBe(1);
    expect(bucketSecondsFor('1w')).toBe(300);
    expect(bucketSecondsFor('1y')).toBe(28800);
    expect(bucketSecondsFor('4y')).toBe(43200);
    expect(bucketSecondsFor('all')).toBe(86400);
  });
  it('puts mempool FLOAT artefacts in hash-rate difficulty records', () => {
    const body = hashrateBody(generateChain(), 'all', DEFAULT_END_TIME_S);
    expect(body.difficulty[0]).toEqual({ time: GENESIS_TIME_S, height: 0, difficulty: 1, adjustment: 0 });
    const r = body.difficulty.at(-1)!;
    expect(r.adjustment).toBe(Math.fround(r.adjustment));
  });
});
