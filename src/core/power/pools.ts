/**
 * mempool's mining-pool routes → typed models. Untrusted JSON; each rejection is a ParseError (parse.ts)
 * naming the endpoint and the field. A 404 (an instance without mining indexing) never reaches here: the
 * caller handles HTTP status.
 *
 *  GET /api/v1/mining/pools/{period}
 *    {pools:[{poolId, name, link, blockCount, rank, emptyBlocks, slug, avgMatchRate?, avgFeeDelta?,
 *     poolUniqueId?}], blockCount, lastEstimatedHashrate, lastEstimatedHashrate3d?, lastEstimatedHashrate1w?}
 *    blockCount = blocks in the period (all pools); hash rates in H/s; avgMatchRate = % of the block
 *    template matched (block audit, absent on instances without audit); avgFeeDelta = BTC as a decimal
 *    STRING (fees vs template, per block).
 *  GET /api/v1/mining/hashrate/pools/{period}
 *    [{timestamp (Unix s, weekly), avgHashrate (H/s), share (ratio 0–1 of the network), poolName}]
 *
 * Share of blocks = pool blockCount ÷ total blockCount (what mempool's pie shows).
 */
import { describe, Reader } from '../parse';

export const POOLS_ENDPOINT = '/api/v1/mining/pools';
export const POOL_HASHRATE_ENDPOINT = '/api/v1/mining/hashrate/pools';

export interface PoolBlocks {
  readonly poolId: number | null;
  readonly name: string;
  readonly slug: string;
  readonly link: string | null;
  readonly rank: number;
  readonly blockCount: number;
  readonly emptyBlocks: number;
  /** blockCount ÷ all blocks in the period × 100. */
  readonly blockSharePercent: number;
  /** Mean % of the expected block template the pool's blocks matched; null without block audit. */
  readonly avgMatchRatePercent: number | null;
  /** Mean fee difference vs the template per block, BTC; null when absent. */
  readonly avgFeeDeltaBtc: number | null;
}

export interface PoolsSummary {
  /** By rank (most blocks first). */
  readonly pools: readonly PoolBlocks[];
  readonly blockCount: number;
  readonly lastEstimatedHashrateHps: number;
  readonly lastEstimatedHashrate3dHps: number | null;
  readonly lastEstimatedHashrate1wHps: number | null;
}

/** One pool in one week of the hash-rate-by-pool series. */
export interface PoolHashratePoint {
  readonly timeS: number;
  readonly poolName: string;
  readonly hashrateHps: number;
  /** Share of the network's hash rate, 0–1 (mempool's unit). */
  readonly shareRatio: number;
}

const MAX_TIME_S = 4_102_444_800; // 2100-01-01: later values are milliseconds or garbage.
const MIN_TIME_S = 1_231_006_505 - 86_400;
const MAX_HASHRATE_HPS = 1e24;
const MAX_BLOCKS = 10_000_000;
const MAX_NAME = 80;

/** avgFeeDelta is a decimal string of BTC ("-0.01971455"); numbers are accepted too. */
function btcDelta(r: Reader, value: unknown, path: string): number {
  if (typeof value === 'string') {
    if (!/^-?\d{1,8}(\.\d{1,12})?$/.test(value.trim()))
      r.fail(`${path} should be a decimal BTC amount in a string, got ${describe(value)}`);
    return r.number(Number(value), path, -21e6, 21e6);
  }
  return r.number(value, path, -21e6, 21e6);
}

export function parseMiningPools(json: unknown): PoolsSummary {
  const r = new Reader(POOLS_ENDPOINT);
  const root = r.object(json, 'response');
  const blockCount = r.integer(root.blockCount, 'blockCount', 0, MAX_BLOCKS);
  const pools = r.array(root.pools, 'pools').map((item, i): PoolBlocks => {
    const path = `pools[${i}]`;
    const o = r.object(item, path);
    const count = r.integer(o.blockCount, `${path}.blockCount`, 0, MAX_BLOCKS);
    if (count > blockCount) r.fail(`${path}.blockCount ${count} exceeds the total blockCount ${blockCount}`);
    const empty = r.integer(o.emptyBlocks ?? 0, `${path}.emptyBlocks`, 0, MAX_BLOCKS);
    if (empty > count) r.fail(`${path}.emptyBlocks ${empty} exceeds its blockCount ${count}`);
    const name = r.text(o.name, `${path}.name`, MAX_NAME);
    return {
      poolId: r.optional(o.poolId, (v) => r.integer(v, `${path}.poolId`, 0, 1e9)),
      name,
      slug:
        o.slug === undefined || o.slug === null
          ? name.toLowerCase().replace(/[^a-z0-9]+/g, '')
          : r.text(o.slug, `${path}.slug`, MAX_NAME),
      link: typeof o.link === 'string' && /^https?:\/\//.test(o.link) ? o.link.slice(0, 200) : null,
      rank: r.integer(o.rank, `${path}.rank`, 1, 100_000),
      blockCount: count,
      emptyBlocks: empty,
      blockSharePercent: blockCount > 0 ? (count / blockCount) * 100 : 0,
      avgMatchRatePercent: r.optional(o.avgMatchRate, (v) => r.number(v, `${path}.avgMatchRate`, 0, 100)),
      avgFeeDeltaBtc: r.optional(o.avgFeeDelta, (v) => btcDelta(r, v, `${path}.avgFeeDelta`)),
    };
  });
  const sum = pools.reduce((s, p) => s + p.blockCount, 0);
  if (sum > blockCount) r.fail(`pools add up to ${sum} blocks, more than the total blockCount ${blockCount}`);
  pools.sort((a, b) => a.rank - b.rank || b.blockCount - a.blockCount);
  const hashrate = (key: string) => r.optional(root[key], (v) => r.number(v, key, 0, MAX_HASHRATE_HPS));
  return {
    pools,
    blockCount,
    lastEstimatedHashrateHps: r.number(root.lastEstimatedHashrate, 'lastEstimatedHashrate', 0, MAX_HASHRATE_HPS),
    lastEstimatedHashrate3dHps: hashrate('lastEstimatedHashrate3d'),
    lastEstimatedHashrate1wHps: hashrate('lastEstimatedHashrate1w'),
  };
}

/** Rows sorted oldest first (then by pool name); a (week, pool) pair may appear once. */
export function parsePoolHashrates(json: unknown): PoolHashratePoint[] {
  const r = new Reader(POOL_HASHRATE_ENDPOINT);
  const points = r.array(json, 'response').map((item, i): PoolHashratePoint => {
    const path = `[${i}]`;
    const o = r.object(item, path);
    return {
      timeS: r.number(o.timestamp, `${path}.timestamp`, MIN_TIME_S, MAX_TIME_S),
      poolName: r.text(o.poolName, `${path}.poolName`, MAX_NAME),
      hashrateHps: r.number(o.avgHashrate, `${path}.avgHashrate`, 0, MAX_HASHRATE_HPS),
      shareRatio: r.number(o.share, `${path}.share`, 0, 1),
    };
  });
  points.sort((a, b) => a.timeS - b.timeS || a.poolName.localeCompare(b.poolName));
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (a.timeS === b.timeS && a.poolName === b.poolName)
      r.fail(`pool "${b.poolName}" appears twice at timestamp ${b.timeS}`);
  }
  // Shares of one week are parts of one network: more than 100 % (with rounding slack) is a wrong unit.
  const perWeek = new Map<number, number>();
  for (const p of points) perWeek.set(p.timeS, (perWeek.get(p.timeS) ?? 0) + p.shareRatio);
  for (const [timeS, total] of perWeek) {
    if (total > 1.01)
      r.fail(`shares at timestamp ${timeS} add up to ${total.toFixed(3)}, more than 1 (is share in percent?)`);
  }
  return points;
}
