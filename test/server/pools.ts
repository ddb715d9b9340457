// mempool's mining-pool routes over a SyntheticChain (the chain's pool of each block is a pure function of
// seed and height). Shapes as mempool's backend sends them (reference: /api/v1/mining/pools/1w and
// /api/v1/mining/hashrate/pools/1m):
//   GET /api/v1/mining/pools/{period}
//     {pools:[{poolId, name, link, blockCount, rank, emptyBlocks, slug, avgMatchRate, avgFeeDelta, poolUniqueId}],
//      blockCount, lastEstimatedHashrate, lastEstimatedHashrate3d, lastEstimatedHashrate1w}
//     blocks of the period window per pool, most blocks first; avgFeeDelta a decimal BTC string.
//   GET /api/v1/mining/hashrate/pools/{period}
//     [{timestamp, avgHashrate, share, poolName}] — weekly rows stamped at the Monday 00:00 UTC that ends
//     the week, for the pools that found blocks in the last week (mempool's top pools), ordered by
//     timestamp then rank; share = the pool's blocks ÷ the week's blocks (6 decimals), avgHashrate = share ×
//     the network's hash rate over the week's blocks.
import type { SyntheticChain } from './chain';
import { periodStartS } from './responses';

const WEEK_S = 7 * 86_400;
/** 1970-01-05 was a Monday: weeks are aligned on it. */
const MONDAY_OFFSET_S = 4 * 86_400;

interface PoolCount {
  id: number;
  name: string;
  slug: string;
  blocks: number;
  empty: number;
}

/** Blocks per pool over heights [from, to], most blocks first (ties by name). */
function countPools(chain: SyntheticChain, from: number, to: number): PoolCount[] {
  const counts = new Map<number, PoolCount>();
  for (let h = Math.max(0, from); h <= to; h++) {
    const pool = chain.poolAt(h);
    let c = counts.get(pool.id);
    if (!c) counts.set(pool.id, (c = { id: pool.id, name: pool.name, slug: pool.slug, blocks: 0, empty: 0 }));
    c.blocks++;
    if (chain.txCountAt(h) <= 1) c.empty++;
  }
  return [...counts.values()].sort((a, b) => b.blocks - a.blocks || a.name.localeCompare(b.name));
}

function windowHeights(chain: SyntheticChain, period: string | undefined, nowS: number): [number, number] {
  const startS = periodStartS(period, nowS);
  const to = chain.heightAtOrBefore(nowS);
  const from = startS === null ? 0 : chain.heightAtOrBefore(startS) + 1;
  return [from, to];
}

export function poolsBody(chain: SyntheticChain, period: string | undefined, nowS: number): unknown {
  const [from, to] = windowHeights(chain, period, nowS);
  const pools = countPools(chain, from, to);
  const tip = chain.heightAtOrBefore(nowS);
  return {
    pools: pools.map((p, i) => ({
      poolId: p.id,
      name: p.name,
      link: `https://${p.slug}.example`,
      blockCount: p.blocks,
      rank: i + 1,
      emptyBlocks: p.empty,
      slug: p.slug,
      avgMatchRate: 99.9,
      avgFeeDelta: (-((p.id % 7) + 1) / 1000).toFixed(8),
      poolUniqueId: p.id,
    })),
    blockCount: Math.max(0, to - from + 1),
    lastEstimatedHashrate: chain.networkHashPs(144, tip),
    lastEstimatedHashrate3d: chain.networkHashPs(432, tip),
    lastEstimatedHashrate1w: chain.networkHashPs(1008, tip),
  };
}

export function poolHashratesBody(chain: SyntheticChain, period: string | undefined, nowS: number): unknown {
  const startS = periodStartS(period, nowS) ?? chain.timeOf(0);
  // The pools of the last complete week, in rank order (mempool's top pools).
  const lastEndS = Math.floor((nowS - MONDAY_OFFSET_S) / WEEK_S) * WEEK_S + MONDAY_OFFSET_S;
  const lastWeek = countPools(
    chain,
    chain.heightAtOrBefore(lastEndS - WEEK_S) + 1,
    chain.heightAtOrBefore(lastEndS - 1),
  );
  const rank = new Map(lastWeek.map((p, i) => [p.name, i]));
  const rows: { timestamp: number; avgHashrate: number; share: number; poolName: string }[] = [];
  const firstEndS = Math.ceil((startS - MONDAY_OFFSET_S) / WEEK_S) * WEEK_S + MONDAY_OFFSET_S;
  for (let endS = firstEndS; endS <= lastEndS; endS += WEEK_S) {
    const from = chain.heightAtOrBefore(endS - WEEK_S) + 1;
    const to = chain.heightAtOrBefore(endS - 1);
    const total = to - from + 1;
    if (total <= 0) continue;
    const networkHps = chain.networkHashPs(total, to);
    const week = countPools(chain, from, to)
      .filter((p) => rank.has(p.name))
      .sort((a, b) => rank.get(a.name)! - rank.get(b.name)!);
    for (const p of week) {
      const share = Number((p.blocks / total).toFixed(6));
      rows.push({ timestamp: endS, avgHashrate: share * networkHps, share, poolName: p.name });
    }
  }
  return rows;
}
