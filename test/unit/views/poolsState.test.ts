import { describe, expect, it } from 'vitest';
import type { PoolHashratePoint, PoolsSummary } from '../../../src/core/power';
import { buildPoolsData, CHANGE_ROWS } from '../../../src/core/views/poolsState';

const WEEK = 7 * 86_400;
const T0 = 1_780_272_000;
const summary = (counts: Record<string, number>, total: number): PoolsSummary => ({
  pools: Object.entries(counts).map(([name, blockCount], i) => ({
    poolId: i,
    name,
    slug: name.toLowerCase(),
    link: null,
    rank: i + 1,
    blockCount,
    emptyBlocks: 0,
    blockSharePercent: (blockCount / total) * 100,
    avgMatchRatePercent: null,
    avgFeeDeltaBtc: null,
  })),
  blockCount: total,
  lastEstimatedHashrateHps: 1e21,
  lastEstimatedHashrate3dHps: null,
  lastEstimatedHashrate1wHps: null,
});
const point = (week: number, poolName: string, shareRatio: number): PoolHashratePoint => ({
  timeS: T0 + week * WEEK,
  poolName,
  hashrateHps: shareRatio * 1e21,
  shareRatio,
});

describe('buildPoolsData', () => {
  it('keeps block shares, the weekly stack and who grew or shrank', () => {
    const data = buildPoolsData(summary({ A: 600, B: 300 }, 1000), [
      point(0, 'A', 0.3),
      point(0, 'B', 0.5),
      point(1, 'A', 0.45),
      point(1, 'B', 0.4),
    ]);
    // 600 + 300 of 1,000 blocks: the 100 left are "Others" (10 %).
    expect(data.blocks).toEqual([
      { name: 'A', blockCount: 600, blockSharePercent: 60 },
      { name: 'B', blockCount: 300, blockSharePercent: 30 },
      { name: 'Others', blockCount: 100, blockSharePercent: 10 },
    ]);
    // Mean shares: B 45 %, A 37.5 % → B first; Others = 100 − 80 = 20, then 100 − 85 = 15.
    expect(data.weeks.pools.map((p) => p.name)).toEqual(['B', 'A']);
    expect(data.weeks.pools[0]!.sharePercent).toEqual([50, 40]);
    expect(data.weeks.othersPercent[0]).toBeCloseTo(20, 9);
    expect(data.weeks.othersPercent[1]).toBeCloseTo(15, 9);
    // A: 30 → 45 (+15 points); B: 50 → 40 (−10 points).
    expect(data.changes.map((c) => [c.name, Math.round(c.changePoints * 1e9) / 1e9])).toEqual([
      ['A', 15],
      ['B', -10],
    ]);
  });

  it('shows the biggest gainers and the biggest losers when there are many pools', () => {
    const points: PoolHashratePoint[] = [];
    for (let k = 0; k < 30; k++) {
      points.push(point(0, `P${k}`, 0.01));
      points.push(point(1, `P${k}`, 0.01 + (k - 15) * 0.0005));
    }
    const data = buildPoolsData(summary({}, 0), points);
    expect(data.changes).toHaveLength(CHANGE_ROWS);
    expect(data.changes[0]!.name).toBe('P29');
    expect(data.changes[CHANGE_ROWS - 1]!.name).toBe('P0');
  });
});
