/**
 * Pool shares over time, from the weekly hash-rate-by-pool rows (pools.ts): who grew or shrank over the
 * range, and the columns of a stacked chart with the top N pools and an "others" band.
 *
 * Shares are in percent of the network's hash rate (mempool's `share` × 100). A pool missing in a week has
 * 0 % that week (mempool lists only pools that found blocks). Others = 100 % − the top N pools' shares,
 * i.e. every smaller pool plus any hash rate mempool could not attribute, clamped at 0 for rounding.
 * Top N is chosen by mean share over the whole range, so a pool that rose late still makes the cut.
 */
import type { PoolBlocks, PoolHashratePoint } from './pools';

export const OTHERS = 'Others';

export interface PoolShareChange {
  readonly poolName: string;
  /** Share in the first week of the range (0 when absent). */
  readonly startSharePercent: number;
  /** Share in the last week of the range (0 when absent). */
  readonly endSharePercent: number;
  /** end − start, in percentage points. */
  readonly changePoints: number;
}

export interface StackedPoolShares {
  /** Weekly timestamps, oldest first. */
  readonly timeS: readonly number[];
  /** Top N pools, largest mean share first; each column aligned with timeS. */
  readonly pools: readonly {
    readonly poolName: string;
    readonly meanSharePercent: number;
    readonly sharePercent: readonly number[];
  }[];
  readonly othersPercent: readonly number[];
}

/** Share table: week → pool → percent. */
function byWeek(points: readonly PoolHashratePoint[]): { times: number[]; shares: Map<number, Map<string, number>> } {
  const shares = new Map<number, Map<string, number>>();
  for (const p of points) {
    let week = shares.get(p.timeS);
    if (!week) shares.set(p.timeS, (week = new Map<string, number>()));
    week.set(p.poolName, p.shareRatio * 100);
  }
  return { times: [...shares.keys()].sort((a, b) => a - b), shares };
}

/** Every pool seen in the range, biggest gainer first (ties by name). Empty input → empty list. */
export function poolShareChanges(points: readonly PoolHashratePoint[]): PoolShareChange[] {
  const { times, shares } = byWeek(points);
  if (times.length === 0) return [];
  const first = shares.get(times[0]!)!;
  const last = shares.get(times[times.length - 1]!)!;
  const names = new Set(points.map((p) => p.poolName));
  return [...names]
    .map((poolName) => {
      const startSharePercent = first.get(poolName) ?? 0;
      const endSharePercent = last.get(poolName) ?? 0;
      return { poolName, startSharePercent, endSharePercent, changePoints: endSharePercent - startSharePercent };
    })
    .sort((a, b) => b.changePoints - a.changePoints || a.poolName.localeCompare(b.poolName));
}

/** Stacked-chart columns: the `topN` pools by mean share, the rest in `othersPercent`. */
export function stackedPoolShares(points: readonly PoolHashratePoint[], topN: number): StackedPoolShares {
  const n = Math.max(0, Math.floor(Number.isFinite(topN) ? topN : 0));
  const { times, shares } = byWeek(points);
  const totals = new Map<string, number>();
  for (const p of points) totals.set(p.poolName, (totals.get(p.poolName) ?? 0) + p.shareRatio * 100);
  const ranked = [...totals.entries()]
    .map(([poolName, total]) => ({ poolName, meanSharePercent: times.length > 0 ? total / times.length : 0 }))
    .sort((a, b) => b.meanSharePercent - a.meanSharePercent || a.poolName.localeCompare(b.poolName))
    .slice(0, n);
  const pools = ranked.map((r) => ({ ...r, sharePercent: times.map((t) => shares.get(t)!.get(r.poolName) ?? 0) }));
  const othersPercent = times.map((_, i) => Math.max(0, 100 - pools.reduce((s, p) => s + p.sharePercent[i]!, 0)));
  return { timeS: times, pools, othersPercent };
}

/** Block shares for a pie: the `topN` pools by blocks, then one "Others" slice with the rest of the period's blocks. */
export function topPoolBlockShares(
  pools: readonly PoolBlocks[],
  totalBlocks: number,
  topN: number,
): { name: string; blockCount: number; blockSharePercent: number }[] {
  const n = Math.max(0, Math.floor(Number.isFinite(topN) ? topN : 0));
  const sorted = [...pools].sort((a, b) => b.blockCount - a.blockCount || a.rank - b.rank);
  const top = sorted
    .slice(0, n)
    .map((p) => ({ name: p.name, blockCount: p.blockCount, blockSharePercent: p.blockSharePercent }));
  const rest = totalBlocks - top.reduce((s, p) => s + p.blockCount, 0);
  if (rest > 0)
    top.push({ name: OTHERS, blockCount: rest, blockSharePercent: totalBlocks > 0 ? (rest / totalBlocks) * 100 : 0 });
  return top;
}
