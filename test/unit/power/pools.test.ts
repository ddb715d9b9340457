import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/core/parse';
import { parseMiningPools, parsePoolHashrates } from '../../../src/core/power/pools';
import { OTHERS, poolShareChanges, stackedPoolShares, topPoolBlockShares } from '../../../src/core/power/poolShares';

// Shapes as mempool serves them (reference: /api/v1/mining/pools/1w, /api/v1/mining/hashrate/pools/1m);
// values are our own.
const pool = (rank: number, name: string, slug: string, blockCount: number, extra: Record<string, unknown> = {}) => ({
  poolId: 100 + rank,
  name,
  link: `https://${slug}.example`,
  blockCount,
  rank,
  emptyBlocks: 0,
  slug,
  avgMatchRate: 99.9,
  avgFeeDelta: '-0.01500000',
  poolUniqueId: 200 + rank,
  ...extra,
});
const pools = () => ({
  pools: [
    pool(2, 'AntPool', 'antpool', 250),
    pool(1, 'Foundry USA', 'foundryusa', 300, { avgFeeDelta: '0.02366061' }),
    pool(3, 'ViaBTC', 'viabtc', 150, { emptyBlocks: 2, avgMatchRate: undefined, avgFeeDelta: undefined }),
    pool(4, 'Tiny', 'tiny', 50),
  ],
  blockCount: 1000,
  lastEstimatedHashrate: 9.5e20,
  lastEstimatedHashrate3d: 9.6e20,
  lastEstimatedHashrate1w: 9.7e20,
});

const DAY0 = 1_780_272_000; // a Monday, UTC midnight
const WEEK = 7 * 86_400;
const row = (week: number, poolName: string, share: number) => ({
  timestamp: DAY0 + week * WEEK,
  avgHashrate: share * 1e21,
  share,
  poolName,
});

describe('/api/v1/mining/pools/{period}', () => {
  it('parses pools, sorts by rank and computes block shares', () => {
    const s = parseMiningPools(pools());
    expect(s.pools.map((p) => p.slug)).toEqual(['foundryusa', 'antpool', 'viabtc', 'tiny']);
    // 300 of 1000 blocks = 30 %.
    expect(s.pools[0]).toMatchObject({
      name: 'Foundry USA',
      blockCount: 300,
      blockSharePercent: 30,
      avgFeeDeltaBtc: 0.02366061,
      avgMatchRatePercent: 99.9,
      poolId: 101,
    });
    expect(s.pools[2]).toMatchObject({
      emptyBlocks: 2,
      avgMatchRatePercent: null,
      avgFeeDeltaBtc: null,
      blockSharePercent: 15,
    });
    expect(s.blockCount).toBe(1000);
    expect(s.lastEstimatedHashrateHps).toBe(9.5e20);
    expect(s.lastEstimatedHashrate1wHps).toBe(9.7e20);
  });

  it('older instances without the 3d/1w estimates and audit fields still parse', () => {
    const json = pools() as Record<string, unknown>;
    delete json.lastEstimatedHashrate3d;
    delete json.lastEstimatedHashrate1w;
    const s = parseMiningPools(json);
    expect(s.lastEstimatedHashrate3dHps).toBeNull();
    expect(s.lastEstimatedHashrate1wHps).toBeNull();
  });

  it.each([
    ['not an object', [], /response should be an object, got an array/],
    ['pools missing', { ...pools(), pools: undefined }, /pools should be an array/],
    ['blockCount as a string', { ...pools(), blockCount: '1000' }, /blockCount should be a finite number, got "1000"/],
    [
      'a pool above the total',
      { ...pools(), blockCount: 280 },
      /pools\[1\]\.blockCount 300 exceeds the total blockCount 280/,
    ],
    [
      'pools adding up above the total',
      { ...pools(), blockCount: 700 },
      /add up to 750 blocks, more than the total blockCount 700/,
    ],
    [
      'more empty blocks than blocks',
      { ...pools(), pools: [pool(1, 'X', 'x', 3, { emptyBlocks: 4 })] },
      /emptyBlocks 4 exceeds its blockCount 3/,
    ],
    [
      'a fee delta that is not a decimal',
      { ...pools(), pools: [pool(1, 'X', 'x', 3, { avgFeeDelta: '1e5' })] },
      /avgFeeDelta should be a decimal BTC amount/,
    ],
    [
      'a match rate above 100 %',
      { ...pools(), pools: [pool(1, 'X', 'x', 3, { avgMatchRate: 101 })] },
      /avgMatchRate = 101 is outside/,
    ],
    ['an empty name', { ...pools(), pools: [pool(1, ' ', 'x', 3)] }, /pools\[0\]\.name should be a non-empty string/],
    [
      'no hash-rate estimate',
      { ...pools(), lastEstimatedHashrate: undefined },
      /lastEstimatedHashrate should be a finite number/,
    ],
  ])('rejects %s with a reason', (_label, json, message) => {
    let error: unknown;
    try {
      parseMiningPools(json);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).endpoint).toBe('/api/v1/mining/pools');
    expect((error as ParseError).reason).toMatch(message);
  });

  it('top N by blocks plus an "Others" slice holding the rest of the period', () => {
    const s = parseMiningPools(pools());
    // Top 2: 300 + 250; the rest of 1000 blocks = 450 (ViaBTC 150, Tiny 50 and 250 not listed) = 45 %.
    expect(topPoolBlockShares(s.pools, s.blockCount, 2)).toEqual([
      { name: 'Foundry USA', blockCount: 300, blockSharePercent: 30 },
      { name: 'AntPool', blockCount: 250, blockSharePercent: 25 },
      { name: OTHERS, blockCount: 450, blockSharePercent: 45 },
    ]);
  });
});

describe('/api/v1/mining/hashrate/pools/{period}', () => {
  it('parses weekly rows, oldest first', () => {
    const points = parsePoolHashrates([row(1, 'B', 0.2), row(0, 'B', 0.1), row(0, 'A', 0.3)]);
    expect(points.map((p) => [p.timeS - DAY0, p.poolName, p.shareRatio])).toEqual([
      [0, 'A', 0.3],
      [0, 'B', 0.1],
      [WEEK, 'B', 0.2],
    ]);
    expect(points[0]!.hashrateHps).toBeCloseTo(3e20, -5);
  });

  it.each([
    ['an object', { rows: [] }, /response should be an array/],
    ['share in percent', [row(0, 'A', 18.5)], /\[0\]\.share = 18\.5 is outside the plausible range \[0, 1\]/],
    ['shares above 100 % in a week', [row(0, 'A', 0.6), row(0, 'B', 0.5)], /add up to 1\.100, more than 1/],
    ['a timestamp in ms', [{ ...row(0, 'A', 0.1), timestamp: DAY0 * 1000 }], /timestamp = .* outside/],
    ['a duplicated pool-week', [row(0, 'A', 0.1), row(0, 'A', 0.2)], /pool "A" appears twice/],
    ['no pool name', [{ ...row(0, 'A', 0.1), poolName: 7 }], /poolName should be a non-empty string, got 7/],
  ])('rejects %s', (_label, json, message) => {
    expect(() => parsePoolHashrates(json)).toThrow(ParseError);
    expect(() => parsePoolHashrates(json)).toThrow(message);
  });
});

describe('pool shares over the range', () => {
  // Weeks 0–2:        A      B      C      D
  //   week 0         30 %   20 %   10 %   —
  //   week 1         28 %   22 %   10 %   5 %
  //   week 2         25 %   25 %   —      12 %
  const points = parsePoolHashrates([
    row(0, 'A', 0.3),
    row(0, 'B', 0.2),
    row(0, 'C', 0.1),
    row(1, 'A', 0.28),
    row(1, 'B', 0.22),
    row(1, 'C', 0.1),
    row(1, 'D', 0.05),
    row(2, 'A', 0.25),
    row(2, 'B', 0.25),
    row(2, 'D', 0.12),
  ]);

  it('growth and shrinkage: share in the last week minus the first, in percentage points', () => {
    // D 0 → 12 (+12), B 20 → 25 (+5), A 30 → 25 (−5), C 10 → 0 (−10).
    const changes = poolShareChanges(points);
    expect(changes.map((c) => c.poolName)).toEqual(['D', 'B', 'A', 'C']);
    const d = changes[0]!;
    expect(d.startSharePercent).toBe(0);
    expect(d.endSharePercent).toBeCloseTo(12, 10);
    expect(d.changePoints).toBeCloseTo(12, 10);
    expect(changes[3]!.changePoints).toBeCloseTo(-10, 10);
    expect(poolShareChanges([])).toEqual([]);
  });

  it('stacked columns: top 2 by mean share plus others', () => {
    // Means: A (30 + 28 + 25) / 3 = 27.667, B (20 + 22 + 25) / 3 = 22.333, C 6.667, D 5.667 → top 2 = A, B.
    // Others = 100 − A − B: 50, 50, 50.
    const s = stackedPoolShares(points, 2);
    expect(s.timeS).toEqual([DAY0, DAY0 + WEEK, DAY0 + 2 * WEEK]);
    expect(s.pools.map((p) => p.poolName)).toEqual(['A', 'B']);
    expect(s.pools[0]!.meanSharePercent).toBeCloseTo(27.666667, 5);
    expect(s.pools[1]!.sharePercent[1]).toBeCloseTo(22, 10);
    s.othersPercent.forEach((v) => expect(v).toBeCloseTo(50, 10));
    // Top 3 adds C (0 % in week 2): others = 100 − 60, 100 − 60, 100 − 50 = 40, 40, 50.
    const three = stackedPoolShares(points, 3);
    expect(three.pools[2]!.sharePercent[2]).toBe(0);
    expect(three.othersPercent.map((v) => Number(v.toFixed(10)))).toEqual([40, 40, 50]);
    expect(stackedPoolShares(points, Number.NaN).pools).toEqual([]);
  });
});
