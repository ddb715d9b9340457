// Deterministic synthetic Bitcoin mainnet history for the replay server, unit tests, e2e tests and
// benchmarks. Nothing here is real data: the hash-rate, price, fee and tx-count curves are hand-made
// anchor tables (shaped like the real network) plus seeded noise, and every block time is simulated.
//
// What is simulated exactly like Bitcoin Core:
//  - block times: exponential inter-arrival with mean D·2³²/H (H = model hash rate that day);
//  - retargets every 2016 blocks: target·actual/(2016·600) on the compact target (integer maths on
//    BigInt), actual = time(last block of epoch) − time(first block of epoch), clamped to [T/4, 4T],
//    capped at powLimit (so difficulty never falls below 1), re-encoded to nBits; difficulty is
//    decoded from nBits like Core's GetDifficulty;
//  - subsidy 50 BTC >> ⌊height/210000⌋ in sats;
//  - getnetworkhashps(n, height): work of the n blocks / (max − min time of blocks height−n … height),
//    work per block = difficulty·2³².
//
// Cheap by construction: only block times are stored (a Uint32Array, ~4 MB for the whole history);
// fees, tx counts, pools, ids … are pure functions of (seed, height) evaluated on demand; per-UTC-day
// aggregates are accumulated once. Generating the default chain (~975 k blocks) takes ~0.1–0.3 s.

export const GENESIS_TIME_S = 1231006505;
/** Block 1 really came six days after the genesis block; kept so the first daily points look real. */
export const BLOCK1_TIME_S = 1231469665;
/** 2009-01-03T00:00:00Z: UTC midnight of the genesis day; day index 0. */
export const DAY0_S = 1230940800;
export const DEFAULT_SEED = 21;
/** ≈ 2026-11-25T09:46:40Z. Fixed so tests are reproducible; pass Date.now()/1000 to make a "live" chain. */
export const DEFAULT_END_TIME_S = 1795600000;
/** 2010-07-19T00:00:00Z: mempool's first price point (MtGox); prices are 0 before it. */
export const FIRST_PRICE_TIME_S = 1279497600;

export const BLOCKS_PER_EPOCH = 2016;
export const TARGET_SPACING_S = 600;
export const HALVING_INTERVAL = 210000;
export const TWO_POW_32 = 4294967296;
/** How many of the newest blocks `chain.blocks` holds in full. */
export const RECENT_BLOCKS = 3000;

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'CHF', 'AUD', 'JPY'] as const;
export type Currency = (typeof CURRENCIES)[number];
/** Fixed exchange rates: units of the currency per USD. */
export const USD_EXCHANGE_RATES: Readonly<Record<Currency, number>> = {
  USD: 1,
  EUR: 0.86,
  GBP: 0.76,
  CAD: 1.4,
  CHF: 0.8,
  AUD: 1.54,
  JPY: 155.6,
};

const DAY_S = 86400;
const POW_LIMIT = 0xffffn << 208n;
const POW_LIMIT_BITS = 0x1d00ffff;
const TARGET_TIMESPAN_S = BLOCKS_PER_EPOCH * TARGET_SPACING_S;
/** Model arrays extend this many days past endTimeS (for mined / live blocks); beyond, values are held. */
const MODEL_MARGIN_DAYS = 800;

// ---------------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: tiny, fast, good enough for synthetic data. State is one uint32 (save/restore = copy). */
export class Rng {
  state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

/** 32-bit integer hash (murmur3 finaliser over a mixed pair). */
export function hash32(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform [0,1) from (seed, n, salt) — a pure per-height random number. */
function unit(seed: number, n: number, salt: number): number {
  return hash32(hash32(seed, salt), n) / 4294967296;
}

/** Roughly standard normal from (seed, n, salt): Irwin–Hall sum of four 16-bit uniforms (cheap, pure). */
function normalAt(seed: number, n: number, salt: number): number {
  const h1 = hash32(hash32(seed, salt), n);
  const h2 = hash32(h1, 0x9e37);
  const sum = ((h1 & 0xffff) + (h1 >>> 16) + (h2 & 0xffff) + (h2 >>> 16)) / 65536;
  return (sum - 2) * 1.7320508075688772;
}

function hexAt(seed: number, n: number, salt: number, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += hash32(hash32(seed, salt + i * 131), n)
      .toString(16)
      .padStart(8, '0');
  }
  return out.slice(0, length);
}

// ---------------------------------------------------------------------------------------------------
// Model curves: [UTC date, value] anchors, interpolated per day (log-linear), plus seeded AR(1) noise.

type Anchor = readonly [string, number];

/** log10 of the network hash rate in H/s. Shaped like the real curve; the tail (from mid 2025) is invented:
 *  ~1.04 ZH/s in Sept 2026, slipping just under 1 ZH/s by late November 2026 (miners moving to AI hosting). */
const HASHRATE_LOG10: readonly Anchor[] = [
  ['2009-01-03', 6.58],
  ['2009-06-01', 6.52],
  ['2009-10-01', 6.52],
  ['2009-12-20', 6.86],
  ['2010-04-01', 7.9],
  ['2010-07-01', 9.1],
  ['2010-10-01', 10.2],
  ['2011-01-01', 11.15],
  ['2011-04-01', 11.85],
  ['2011-07-01', 13.1],
  ['2011-10-01', 12.97],
  ['2012-04-01', 13.04],
  ['2012-07-01', 13.14],
  ['2012-10-01', 13.35],
  ['2013-01-01', 13.35],
  ['2013-04-01', 13.8],
  ['2013-07-01', 14.33],
  ['2013-10-01', 15.33],
  ['2014-01-01', 16.14],
  ['2014-04-01', 16.71],
  ['2014-07-01', 17.11],
  ['2014-10-01', 17.41],
  ['2015-01-01', 17.49],
  ['2015-07-01', 17.57],
  ['2015-10-01', 17.65],
  ['2016-01-01', 17.91],
  ['2016-04-01', 18.1],
  ['2016-07-01', 18.18],
  ['2016-10-01', 18.26],
  ['2017-01-01', 18.41],
  ['2017-04-01', 18.57],
  ['2017-07-01', 18.75],
  ['2017-10-01', 18.95],
  ['2018-01-01', 19.2],
  ['2018-04-01', 19.44],
  ['2018-07-01', 19.58],
  ['2018-10-01', 19.72],
  ['2018-12-15', 19.6],
  ['2019-04-01', 19.66],
  ['2019-07-01', 19.8],
  ['2019-10-01', 19.97],
  ['2020-01-01', 20.02],
  ['2020-04-01', 20.03],
  ['2020-07-01', 20.08],
  ['2020-10-01', 20.14],
  ['2021-01-01', 20.16],
  ['2021-04-01', 20.21],
  ['2021-05-10', 20.25],
  ['2021-07-01', 19.98],
  ['2021-10-01', 20.15],
  ['2022-01-01', 20.25],
  ['2022-04-01', 20.31],
  ['2022-07-01', 20.31],
  ['2022-10-01', 20.39],
  ['2023-01-01', 20.41],
  ['2023-04-01', 20.54],
  ['2023-07-01', 20.57],
  ['2023-10-01', 20.63],
  ['2024-01-01', 20.72],
  ['2024-04-01', 20.79],
  ['2024-07-01', 20.76],
  ['2024-10-01', 20.81],
  ['2025-01-01', 20.9],
  ['2025-04-01', 20.91],
  ['2025-07-01', 20.935],
  ['2025-10-01', 20.975],
  ['2026-01-01', 20.993],
  ['2026-04-01', 21.005],
  ['2026-07-01', 21.012],
  ['2026-09-01', 21.018],
  ['2026-10-10', 21.012],
  ['2026-11-01', 21.0],
  ['2026-11-25', 20.996],
];

/** BTC/USD (log-interpolated). 0 before FIRST_PRICE_TIME_S. Tail invented (~$100k late 2026). */
const PRICE_USD: readonly Anchor[] = [
  ['2010-07-19', 0.08],
  ['2010-11-01', 0.25],
  ['2011-02-10', 1],
  ['2011-06-08', 29],
  ['2011-11-15', 2.5],
  ['2012-06-01', 5.5],
  ['2012-12-31', 13.5],
  ['2013-04-09', 210],
  ['2013-05-15', 115],
  ['2013-10-01', 125],
  ['2013-11-30', 1120],
  ['2014-06-01', 630],
  ['2015-01-14', 180],
  ['2015-08-01', 280],
  ['2016-06-15', 690],
  ['2016-12-31', 960],
  ['2017-06-01', 2400],
  ['2017-07-15', 2100],
  ['2017-09-01', 4700],
  ['2017-11-01', 6500],
  ['2017-12-17', 19300],
  ['2018-02-06', 7000],
  ['2018-12-15', 3200],
  ['2019-06-26', 12900],
  ['2019-12-18', 6600],
  ['2020-03-12', 4900],
  ['2020-10-01', 10700],
  ['2021-04-14', 63500],
  ['2021-07-20', 29800],
  ['2021-11-10', 68000],
  ['2022-06-18', 19000],
  ['2022-12-31', 16500],
  ['2023-06-30', 30500],
  ['2023-12-31', 42300],
  ['2024-03-14', 71500],
  ['2024-08-05', 54000],
  ['2024-12-17', 106000],
  ['2025-04-08', 77000],
  ['2025-07-14', 121000],
  ['2025-10-06', 124000],
  ['2025-11-21', 84000],
  ['2026-03-01', 92000],
  ['2026-07-01', 108000],
  ['2026-10-01', 104000],
  ['2026-11-25', 100000],
];

/** Average fees per block in BTC (log-interpolated). */
const FEES_BTC: readonly Anchor[] = [
  ['2009-01-03', 1e-8],
  ['2010-01-01', 1e-4],
  ['2010-07-01', 0.001],
  ['2011-06-01', 0.02],
  ['2012-06-01', 0.05],
  ['2013-06-01', 0.25],
  ['2014-06-01', 0.1],
  ['2015-06-01', 0.15],
  ['2016-06-01', 0.4],
  ['2017-06-01', 1.2],
  ['2017-12-20', 5.5],
  ['2018-02-15', 0.6],
  ['2018-08-01', 0.2],
  ['2019-06-01', 0.5],
  ['2020-01-01', 0.3],
  ['2020-10-01', 0.8],
  ['2021-04-20', 3.5],
  ['2021-07-15', 0.3],
  ['2022-01-01', 0.15],
  ['2022-06-01', 0.1],
  ['2023-02-01', 0.2],
  ['2023-05-08', 2.5],
  ['2023-07-01', 0.6],
  ['2023-12-15', 2.2],
  ['2024-02-01', 0.5],
  ['2024-04-20', 3.0],
  ['2024-05-15', 0.4],
  ['2024-09-01', 0.12],
  ['2025-01-01', 0.07],
  ['2025-06-01', 0.04],
  ['2026-01-01', 0.035],
  ['2026-11-25', 0.032],
];

/** Transactions per block (log-interpolated). */
const TX_COUNT: readonly Anchor[] = [
  ['2009-01-03', 1],
  ['2010-06-01', 5],
  ['2011-06-01', 40],
  ['2012-06-01', 180],
  ['2013-06-01', 300],
  ['2014-06-01', 400],
  ['2015-06-01', 650],
  ['2016-06-01', 1600],
  ['2017-06-01', 1900],
  ['2018-06-01', 900],
  ['2019-06-01', 2300],
  ['2020-06-01', 2100],
  ['2021-06-01', 1700],
  ['2022-06-01', 1900],
  ['2023-06-01', 3000],
  ['2024-06-01', 3300],
  ['2025-06-01', 3400],
  ['2026-11-25', 3600],
];

function anchorTimes(anchors: readonly Anchor[]): { t: number[]; v: number[] } {
  return {
    t: anchors.map(([d]) => Date.parse(`${d}T00:00:00Z`) / 1000),
    v: anchors.map(([, v]) => v),
  };
}

/** Piecewise-linear interpolation, held constant outside the anchors. */
function interp(tab: { t: number[]; v: number[] }, x: number): number {
  const { t, v } = tab;
  const n = t.length;
  if (x <= t[0]!) return v[0]!;
  if (x >= t[n - 1]!) return v[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (t[mid]! <= x) lo = mid;
    else hi = mid;
  }
  const f = (x - t[lo]!) / (t[hi]! - t[lo]!);
  return v[lo]! + f * (v[hi]! - v[lo]!);
}

const HASH_TAB = anchorTimes(HASHRATE_LOG10);
const PRICE_TAB = anchorTimes(PRICE_USD.map(([d, p]) => [d, Math.log10(p)] as const));
const FEE_TAB = anchorTimes(FEES_BTC.map(([d, p]) => [d, Math.log10(p)] as const));
const TX_TAB = anchorTimes(TX_COUNT.map(([d, p]) => [d, Math.log10(p)] as const));

/** The smooth (noise-free) model hash rate in H/s at a time. */
export function modelHashrateHps(timeS: number): number {
  return 10 ** interp(HASH_TAB, timeS);
}

// ---------------------------------------------------------------------------------------------------
// Bitcoin consensus helpers (own implementation of Core's arith_uint256 compact encoding)

export function compactToTarget(bits: number): bigint {
  const size = bits >>> 24;
  const word = BigInt(bits & 0x007fffff);
  return size <= 3 ? word >> BigInt(8 * (3 - size)) : word << BigInt(8 * (size - 3));
}

export function targetToCompact(target: bigint): number {
  let size = 0;
  for (let x = target; x > 0n; x >>= 8n) size++;
  let compact = size <= 3 ? Number(target << BigInt(8 * (3 - size))) : Number(target >> BigInt(8 * (size - 3)));
  if (compact & 0x00800000) {
    compact >>>= 8;
    size++;
  }
  return (compact | (size << 24)) >>> 0;
}

/** Core's GetDifficulty(nBits). */
export function bitsToDifficulty(bits: number): number {
  let shift = (bits >>> 24) & 0xff;
  let diff = 0x0000ffff / (bits & 0x00ffffff);
  while (shift < 29) {
    diff *= 256;
    shift++;
  }
  while (shift > 29) {
    diff /= 256;
    shift--;
  }
  return diff;
}

/** Core's retarget: new nBits from the epoch's old nBits and its actual timespan (seconds). */
export function retargetBits(oldBits: number, actualTimespanS: number): number {
  const span = Math.min(Math.max(actualTimespanS, TARGET_TIMESPAN_S / 4), TARGET_TIMESPAN_S * 4);
  let target = (compactToTarget(oldBits) * BigInt(span)) / BigInt(TARGET_TIMESPAN_S);
  if (target > POW_LIMIT) target = POW_LIMIT;
  return targetToCompact(target);
}

const SUBSIDY_BY_HALVING = Array.from({ length: 64 }, (_, k) => Number(5_000_000_000n >> BigInt(k)));

/** Block subsidy in sats: 50 BTC >> ⌊height/210000⌋ (an exact integer shift; 0 after 64 halvings). */
export function subsidySats(height: number): number {
  const halvings = Math.floor(height / HALVING_INTERVAL);
  return halvings >= 64 || halvings < 0 ? 0 : SUBSIDY_BY_HALVING[halvings]!;
}

// ---------------------------------------------------------------------------------------------------
// Public shapes

export interface ChainBlock {
  height: number;
  timeS: number;
  /** Median time past (median of the last 11 block times). */
  medianTimeS: number;
  difficulty: number;
  bits: number;
  nonce: number;
  version: number;
  id: string;
  previousBlockHash: string;
  merkleRoot: string;
  subsidySats: number;
  totalFeesSats: number;
  /** subsidy + fees, sats */
  rewardSats: number;
  txCount: number;
  sizeBytes: number;
  weight: number;
  /** sat/vB */
  medianFeeRate: number;
  /** sat/vB: min, 10th, 25th, 50th, 75th, 90th percentile, max */
  feeRange: number[];
  avgFeeSats: number;
  avgFeeRate: number;
  poolId: number;
  poolName: string;
  poolSlug: string;
}

/** One point of mempool's daily hash-rate series (and the matching block averages). */
export interface DayPoint {
  /** UTC midnight ending the day it covers (blocks in [timeS − 86400, timeS)), as mempool's indexer
   *  stamps it; the first point is the genesis block time exactly (getnetworkhashps(1, 1)). */
  timeS: number;
  /** getnetworkhashps(n, last) over that day's n blocks; 0 when the day has no block. */
  avgHashrateHps: number;
  blockCount: number;
  /** Per block averages over that day's blocks (0 when none). */
  avgRewardSats: number;
  avgFeesSats: number;
  avgHeight: number;
  /** BTC/USD at timeS (0 before mid 2010). */
  priceUsd: number;
}

export interface RetargetRecord {
  /** Time of the first block with the new difficulty. */
  timeS: number;
  height: number;
  difficulty: number;
  bits: number;
  /** new / old difficulty, rounded to 6 decimals like mempool's indexer (genesis: 0). */
  adjustmentRatio: number;
}

/** Per-bucket averages of the blocks table, like mempool's getHistoricalBlockRewards/Fees. */
export interface RewardBucket {
  avgHeight: number;
  timestamp: number;
  avgRewards: number;
  avgFees: number;
  USD: number;
}

export interface GenerateChainOptions {
  seed?: number;
  /** Chain "now": the last block is the last one mined at or before this time. */
  endTimeS?: number;
  /** Expose only the last N days as indexed history (like a mempool instance with a limited
   *  INDEXING_BLOCKS_AMOUNT): daily hash-rate points, difficulty records and reward/fee buckets start
   *  there and the genesis points are left out. The simulation itself always starts at genesis, so
   *  heights and difficulty stay real-ish. Default: everything (the "ALL" range). */
  days?: number;
}

export interface MineOptions {
  /** Seconds between the new blocks (default 600). */
  intervalS?: number;
  /** Time of the first new block (default tip time + intervalS). */
  firstTimeS?: number;
}

// ---------------------------------------------------------------------------------------------------

interface Pool {
  id: number;
  name: string;
  slug: string;
  weight: number;
}

const MODERN_POOLS: readonly Pool[] = [
  { id: 111, name: 'Foundry USA', slug: 'foundryusa', weight: 30 },
  { id: 44, name: 'AntPool', slug: 'antpool', weight: 18 },
  { id: 73, name: 'ViaBTC', slug: 'viabtc', weight: 12 },
  { id: 36, name: 'F2Pool', slug: 'f2pool', weight: 10 },
  { id: 152, name: 'SpiderPool', slug: 'spiderpool', weight: 8 },
  { id: 140, name: 'MARA Pool', slug: 'marapool', weight: 5 },
  { id: 4, name: 'Luxor', slug: 'luxor', weight: 3 },
  { id: 158, name: 'SECPOOL', slug: 'secpool', weight: 3 },
  { id: 105, name: 'Binance Pool', slug: 'binancepool', weight: 3 },
  { id: 43, name: 'Braiins Pool', slug: 'braiinspool', weight: 2 },
  { id: 161, name: 'OCEAN', slug: 'ocean', weight: 1 },
  { id: 0, name: 'Unknown', slug: 'unknown', weight: 5 },
];
const EARLY_POOLS: readonly Pool[] = [
  { id: 43, name: 'Braiins Pool', slug: 'braiinspool', weight: 25 },
  { id: 3, name: 'BTC Guild', slug: 'btcguild', weight: 25 },
  { id: 60, name: 'DeepBit', slug: 'deepbit', weight: 15 },
  { id: 0, name: 'Unknown', slug: 'unknown', weight: 35 },
];
const UNKNOWN_POOL: Pool = { id: 0, name: 'Unknown', slug: 'unknown', weight: 1 };

function pickPool(pools: readonly Pool[], u: number): Pool {
  const total = pools.reduce((s, p) => s + p.weight, 0);
  let x = u * total;
  for (const p of pools) {
    x -= p.weight;
    if (x < 0) return p;
  }
  return pools[pools.length - 1]!;
}

function growUint32(a: Uint32Array, min: number): Uint32Array {
  if (a.length >= min) return a;
  const b = new Uint32Array(Math.max(min, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}
function growFloat64(a: Float64Array, min: number): Float64Array {
  if (a.length >= min) return a;
  const b = new Float64Array(Math.max(min, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}

function dayIndexOf(timeS: number): number {
  return Math.floor((timeS - DAY0_S) / DAY_S);
}

/** The model series one chain uses (daily, with noise). Shared between forks (read-only). */
interface Model {
  /** Hash rate H/s per day index. */
  hashrate: Float64Array;
  /** BTC/USD at each day's UTC midnight. */
  priceUsd: Float64Array;
  /** Fee level per block in sats, per day. */
  feeSats: Float64Array;
  /** Mean tx per block, per day. */
  txCount: Float64Array;
}

function buildModel(seed: number, endTimeS: number): Model {
  const nDays = dayIndexOf(endTimeS) + 1 + MODEL_MARGIN_DAYS;
  const hashrate = new Float64Array(nDays);
  const priceUsd = new Float64Array(nDays);
  const feeSats = new Float64Array(nDays);
  const txCount = new Float64Array(nDays);
  const rh = new Rng(hash32(seed, 101));
  const rp = new Rng(hash32(seed, 202));
  const rf = new Rng(hash32(seed, 303));
  let nh = 0;
  let np = 0;
  let nf = 0;
  for (let d = 0; d < nDays; d++) {
    const mid = DAY0_S + d * DAY_S + DAY_S / 2;
    const midnight = DAY0_S + d * DAY_S;
    // Hash rate: ~2 % (1σ) slow wander around the curve (block luck adds ~3 % to 7-day estimates);
    // early years noisier.
    const early = midnight < 1356998400; // 2013
    nh = 0.97 * nh + (early ? 0.008 : 0.002) * rh.normal();
    hashrate[d] = 10 ** (interp(HASH_TAB, mid) + nh);
    // Price: ~3.3 % (1σ) around the curve, 0 before the first price point.
    np = 0.85 * np + 0.0075 * rp.normal();
    priceUsd[d] = midnight < FIRST_PRICE_TIME_S ? 0 : roundPrice(10 ** (interp(PRICE_TAB, midnight) + np));
    // Fees: ~15 % daily wander (the spikes are in the anchors).
    nf = 0.8 * nf + 0.036 * rf.normal();
    feeSats[d] = 10 ** (interp(FEE_TAB, mid) + nf) * 1e8;
    txCount[d] = 10 ** interp(TX_TAB, mid);
  }
  return { hashrate, priceUsd, feeSats, txCount };
}

function roundPrice(p: number): number {
  return p >= 1000 ? Math.round(p) : Math.round(p * 100) / 100;
}

/** A USD amount in another currency at the fixed rates, rounded like the price feed (integers ≥ 1000). */
export function convertUsd(usd: number, currency: Currency): number {
  return currency === 'USD' ? usd : roundPrice(usd * USD_EXCHANGE_RATES[currency]);
}

function at<T>(a: ArrayLike<T>, i: number): T {
  return a[Math.max(0, Math.min(a.length - 1, i))]!;
}

interface SimState {
  height: number;
  tFloat: number;
  rng: number;
}

/**
 * One synthetic chain. Instances returned by generateChain() are shared (memoized) and read-only;
 * call fork() for a private copy that mine()/setNow() may change (the replay server does this).
 */
export class SyntheticChain {
  readonly seed: number;
  readonly endTimeS: number;
  /** True for memoized instances: mine()/setNow() refuse to change them. */
  readonly shared: boolean;
  /** First block time of the indexed history (GENESIS_TIME_S unless `days` was given). */
  readonly indexedFromTimeS: number;
  /** Wall time of the generation in ms (for benchmarks / the report). */
  generationMs = 0;
  /** Hash-rate factor the generator applied to the last 21 days to land the final 7-day estimate. */
  tailScale = 1;

  private times: Uint32Array;
  private len: number;
  private epochBits: number[];
  private readonly model: Model;
  private dayCount: Float64Array;
  private daySumHeight: Float64Array;
  private daySumTime: Float64Array;
  private daySumFees: Float64Array;
  private daySumSubsidy: Float64Array;
  private _nowS: number;
  private feeSumsReady = false;
  private version = 0;
  private cache = new Map<string, { version: number; value: unknown }>();

  /** @internal use generateChain() */
  constructor(init: {
    seed: number;
    endTimeS: number;
    shared: boolean;
    indexedFromTimeS: number;
    times: Uint32Array;
    len: number;
    epochBits: number[];
    model: Model;
    nowS: number;
    days?: {
      count: Float64Array;
      h: Float64Array;
      t: Float64Array;
      fees: Float64Array;
      subsidy: Float64Array;
      feeSumsReady: boolean;
    };
  }) {
    this.seed = init.seed;
    this.endTimeS = init.endTimeS;
    this.shared = init.shared;
    this.indexedFromTimeS = init.indexedFromTimeS;
    this.times = init.times;
    this.len = init.len;
    this.epochBits = init.epochBits;
    this.model = init.model;
    this._nowS = init.nowS;
    if (init.days) {
      this.dayCount = init.days.count;
      this.daySumHeight = init.days.h;
      this.daySumTime = init.days.t;
      this.daySumFees = init.days.fees;
      this.daySumSubsidy = init.days.subsidy;
      this.feeSumsReady = init.days.feeSumsReady;
    } else {
      const n = dayIndexOf(Math.max(init.nowS, this.times[init.len - 1]!)) + 2;
      this.dayCount = new Float64Array(n);
      this.daySumHeight = new Float64Array(n);
      this.daySumTime = new Float64Array(n);
      this.daySumFees = new Float64Array(n);
      this.daySumSubsidy = new Float64Array(n);
      for (let h = 0; h < init.len; h++) this.accumulate(h);
    }
  }

  private accumulate(h: number): void {
    const t = this.times[h]!;
    const d = dayIndexOf(t);
    if (d >= this.dayCount.length) {
      const n = d + 64;
      this.dayCount = growFloat64(this.dayCount, n);
      this.daySumHeight = growFloat64(this.daySumHeight, n);
      this.daySumTime = growFloat64(this.daySumTime, n);
      this.daySumFees = growFloat64(this.daySumFees, n);
      this.daySumSubsidy = growFloat64(this.daySumSubsidy, n);
    }
    this.dayCount[d]! += 1;
    this.daySumHeight[d]! += h;
    this.daySumTime[d]! += t;
    if (this.feeSumsReady) {
      this.daySumFees[d]! += this.feesAt(h);
      this.daySumSubsidy[d]! += subsidySats(h);
    }
  }

  /** Per-day fee/subsidy sums are computed on first use (they cost more than the whole simulation). */
  private ensureFeeSums(): void {
    if (this.feeSumsReady) return;
    this.daySumFees.fill(0);
    this.daySumSubsidy.fill(0);
    for (let h = 0; h < this.len; h++) {
      const d = dayIndexOf(this.times[h]!);
      this.daySumFees[d]! += this.feesAt(h);
      this.daySumSubsidy[d]! += subsidySats(h);
    }
    this.feeSumsReady = true;
  }

  private memo<T>(key: string, compute: () => T): T {
    const hit = this.cache.get(key);
    if (hit && hit.version === this.version) return hit.value as T;
    const value = compute();
    if (this.cache.size > 64) this.cache.clear();
    this.cache.set(key, { version: this.version, value });
    return value;
  }

  // ---- basic accessors -------------------------------------------------------------------------

  get tipHeight(): number {
    return this.len - 1;
  }
  get tipTimeS(): number {
    return this.times[this.len - 1]!;
  }
  /** The chain's "now" (endTimeS, moved forward by mine()/setNow()). */
  get nowS(): number {
    return this._nowS;
  }
  get currentDifficulty(): number {
    return this.difficultyAt(this.tipHeight);
  }
  /** getnetworkhashps(1008) at the tip: ≈ the 7-day average. */
  get currentHashrateHps(): number {
    return this.networkHashPs(1008, this.tipHeight);
  }
  get pricesNow(): Record<Currency, number> {
    return this.pricesAt(this._nowS);
  }
  /** The newest RECENT_BLOCKS blocks in full, ascending by height. */
  get blocks(): ChainBlock[] {
    return this.memo('blocks', () => {
      const out: ChainBlock[] = [];
      for (let h = Math.max(0, this.len - RECENT_BLOCKS); h < this.len; h++) out.push(this.blockAt(h));
      return out;
    });
  }
  /** Daily hash-rate points up to the chain's now (see DayPoint). */
  get days(): DayPoint[] {
    return this.daysUntil(this._nowS);
  }
  /** Indexed difficulty changes, ascending: genesis (adjustment 0) and every retarget whose nBits changed. */
  get retargets(): RetargetRecord[] {
    return this.memo('retargets', () => {
      const out: RetargetRecord[] = [];
      if (this.indexedFromTimeS <= GENESIS_TIME_S) {
        out.push({ timeS: GENESIS_TIME_S, height: 0, difficulty: 1, bits: POW_LIMIT_BITS, adjustmentRatio: 0 });
      }
      for (let e = 1; e < this.epochBits.length; e++) {
        const bits = this.epochBits[e]!;
        const prev = this.epochBits[e - 1]!;
        if (bits === prev) continue;
        const height = e * BLOCKS_PER_EPOCH;
        const timeS = this.times[height]!;
        if (timeS < this.indexedFromTimeS) continue;
        const difficulty = bitsToDifficulty(bits);
        const ratio = Math.round((difficulty / bitsToDifficulty(prev)) * 1e6) / 1e6;
        out.push({ timeS, height, difficulty, bits, adjustmentRatio: ratio });
      }
      return out;
    });
  }
  /** All epoch boundaries (height multiple of 2016) that exist, including unchanged ones. */
  epochCount(): number {
    return this.epochBits.length;
  }

  timeOf(height: number): number {
    if (!Number.isInteger(height) || height < 0 || height >= this.len) throw new RangeError(`no block ${height}`);
    return this.times[height]!;
  }
  bitsAt(height: number): number {
    return this.epochBits[Math.floor(height / BLOCKS_PER_EPOCH)]!;
  }
  difficultyAt(height: number): number {
    return bitsToDifficulty(this.bitsAt(height));
  }
  subsidyAt(height: number): number {
    return subsidySats(height);
  }
  /** Total fees of a block in sats (pure function of seed, height and the day's fee level). */
  feesAt(height: number): number {
    if (height === 0) return 0;
    const d = dayIndexOf(this.times[height]!);
    const level = at(this.model.feeSats, d);
    if (level < 1000) return 0; // 2009: no fees at all
    if (level < 500_000 && unit(this.seed, height, 11) < 0.6) return 0; // early: most blocks have no fee
    const z = normalAt(this.seed, height, 12);
    return Math.max(0, Math.round(level * Math.exp(0.45 * z - 0.10125)));
  }
  txCountAt(height: number): number {
    if (height === 0) return 1;
    const d = dayIndexOf(this.times[height]!);
    const mean = at(this.model.txCount, d);
    if (this.feesAt(height) === 0 && mean < 50) return 1 + Math.floor(unit(this.seed, height, 13) * mean);
    const z = normalAt(this.seed, height, 14);
    return Math.max(1, Math.round(mean * Math.exp(0.2 * z)));
  }
  poolAt(height: number): Pool {
    const t = this.times[height]!;
    if (t < 1293840000) return UNKNOWN_POOL; // before 2011
    return pickPool(t < 1451606400 ? EARLY_POOLS : MODERN_POOLS, unit(this.seed, height, 15));
  }
  blockIdAt(height: number): string {
    const zeros = Math.min(24, Math.floor((32 + Math.log2(Math.max(1, this.difficultyAt(height)))) / 4));
    const first = (1 + (hash32(this.seed ^ 0x51f, height) % 15)).toString(16);
    return '0'.repeat(zeros) + first + hexAt(this.seed, height, 16, 63 - zeros);
  }

  blockAt(height: number): ChainBlock {
    const timeS = this.timeOf(height);
    const bits = this.bitsAt(height);
    const difficulty = bitsToDifficulty(bits);
    const subsidy = subsidySats(height);
    const fees = this.feesAt(height);
    const txCount = this.txCountAt(height);
    const pool = this.poolAt(height);
    const past: number[] = [];
    for (let h = Math.max(0, height - 10); h <= height; h++) past.push(this.times[h]!);
    past.sort((a, b) => a - b);
    const medianTimeS = past[Math.floor(past.length / 2)]!;
    const full = txCount > 1 ? Math.min(1, 0.25 + txCount / 3000) : 0;
    const weight =
      height === 0 ? 1140 : Math.round(1140 + full * (3_993_000 - 1140) * (0.97 + 0.03 * unit(this.seed, height, 17)));
    const sizeBytes = Math.round(weight / (timeS > 1503539857 ? 2.55 : 4));
    const vsize = weight / 4;
    const avgFeeRate = fees > 0 ? Math.max(1, Math.round(fees / vsize)) : 0;
    const medianFeeRate = fees > 0 ? Math.max(1, Math.round(avgFeeRate * 0.6 * 10) / 10) : 0;
    const feeRange =
      fees > 0
        ? [
            Math.max(1, medianFeeRate * 0.5),
            Math.max(1, medianFeeRate * 0.7),
            Math.max(1, medianFeeRate * 0.85),
            medianFeeRate,
            medianFeeRate * 1.5,
            medianFeeRate * 2.5,
            Math.round(medianFeeRate * 60),
          ].map((x) => Math.round(x * 100) / 100)
        : [0, 0, 0, 0, 0, 0, 0];
    return {
      height,
      timeS,
      medianTimeS,
      difficulty,
      bits,
      nonce: hash32(this.seed ^ 0xabc, height),
      version: timeS < 1451606400 ? 2 : 0x20000000 | (hash32(this.seed, height ^ 0x777) & 0x1fffe000),
      id: this.blockIdAt(height),
      previousBlockHash: height === 0 ? '0'.repeat(64) : this.blockIdAt(height - 1),
      merkleRoot: hexAt(this.seed, height, 18, 64),
      subsidySats: subsidy,
      totalFeesSats: fees,
      rewardSats: subsidy + fees,
      txCount,
      sizeBytes,
      weight,
      medianFeeRate,
      feeRange,
      avgFeeSats: txCount > 1 ? Math.round(fees / (txCount - 1)) : 0,
      avgFeeRate,
      poolId: pool.id,
      poolName: pool.name,
      poolSlug: pool.slug,
    };
  }

  /** Bitcoin Core's getnetworkhashps(nblocks, height) (nblocks ≤ 0: since the last retarget). */
  networkHashPs(nblocks: number, height: number = this.tipHeight): number {
    if (height < 0 || height >= this.len) return 0;
    let lookup = nblocks <= 0 ? (height % BLOCKS_PER_EPOCH) + 1 : nblocks;
    if (lookup > height) lookup = height;
    if (height === 0 || lookup <= 0) return 0;
    const first = height - lookup;
    let minT = this.times[height]!;
    let maxT = minT;
    for (let h = first; h < height; h++) {
      const t = this.times[h]!;
      if (t < minT) minT = t;
      if (t > maxT) maxT = t;
    }
    if (maxT === minT) return 0;
    return this.workBetween(first + 1, height) / (maxT - minT);
  }

  /** Σ difficulty·2³² over blocks a..b inclusive. */
  workBetween(a: number, b: number): number {
    let work = 0;
    let h = a;
    while (h <= b) {
      const e = Math.floor(h / BLOCKS_PER_EPOCH);
      const end = Math.min(b, (e + 1) * BLOCKS_PER_EPOCH - 1);
      work += (end - h + 1) * bitsToDifficulty(this.epochBits[e]!) * TWO_POW_32;
      h = end + 1;
    }
    return work;
  }

  /** Largest height whose time is ≤ timeS (−1 if none). Block times are non-decreasing. */
  heightAtOrBefore(timeS: number): number {
    let lo = 0;
    let hi = this.len - 1;
    if (this.times[0]! > timeS) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.times[mid]! <= timeS) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** BTC/USD at a time: linear between the daily midnight points; 0 before mid 2010. */
  priceUsdAt(timeS: number): number {
    if (timeS < FIRST_PRICE_TIME_S) return 0;
    const x = (timeS - DAY0_S) / DAY_S;
    const d = Math.floor(x);
    const a = at(this.model.priceUsd, d);
    const b = at(this.model.priceUsd, d + 1);
    return roundPrice(a + (b - a) * (x - d));
  }
  pricesAt(timeS: number): Record<Currency, number> {
    const usd = this.priceUsdAt(timeS);
    const out = {} as Record<Currency, number>;
    for (const c of CURRENCIES) out[c] = convertUsd(usd, c);
    return out;
  }
  /** Daily price points (UTC midnights from 2010-07-19 to nowS), ascending. */
  dailyPrices(nowS: number = this._nowS): { timeS: number; priceUsd: number }[] {
    const out: { timeS: number; priceUsd: number }[] = [];
    for (let d = dayIndexOf(FIRST_PRICE_TIME_S); DAY0_S + d * DAY_S <= nowS; d++) {
      out.push({ timeS: DAY0_S + d * DAY_S, priceUsd: at(this.model.priceUsd, d) });
    }
    return out;
  }

  /** mempool's daily hash-rate series as its indexer would hold it at `nowS`. */
  daysUntil(nowS: number): DayPoint[] {
    const lastMidnight = DAY0_S + dayIndexOf(nowS) * DAY_S;
    return this.memo(`days:${lastMidnight}`, () => {
      this.ensureFeeSums();
      const out: DayPoint[] = [];
      const fromGenesis = this.indexedFromTimeS <= GENESIS_TIME_S;
      if (fromGenesis && this.len > 1) {
        out.push({
          timeS: GENESIS_TIME_S,
          avgHashrateHps: this.networkHashPs(1, 1),
          blockCount: 1,
          avgRewardSats: subsidySats(0),
          avgFeesSats: 0,
          avgHeight: 0,
          priceUsd: 0,
        });
      }
      const firstDay = fromGenesis ? 0 : dayIndexOf(this.indexedFromTimeS) + 1;
      for (let d = firstDay; DAY0_S + (d + 1) * DAY_S <= lastMidnight; d++) {
        const to = DAY0_S + (d + 1) * DAY_S;
        const n = d < this.dayCount.length ? this.dayCount[d]! : 0;
        const avgHashrateHps = n > 0 ? this.networkHashPs(n, this.heightAtOrBefore(to - 1)) : 0;
        out.push({
          timeS: to,
          avgHashrateHps,
          blockCount: n,
          avgRewardSats: n > 0 ? Math.round((this.daySumSubsidy[d]! + this.daySumFees[d]!) / n) : 0,
          avgFeesSats: n > 0 ? Math.round(this.daySumFees[d]! / n) : 0,
          avgHeight: n > 0 ? Math.round(this.daySumHeight[d]! / n) : 0,
          priceUsd: this.priceUsdAt(to),
        });
      }
      return out;
    });
  }

  /**
   * mempool's getHistoricalBlockRewards/Fees: blocks with fromS ≤ time ≤ toS grouped by
   * ⌊time/div⌋, averaged. div = 86400 uses the per-day aggregates (cheap for the whole history).
   */
  rewardBuckets(fromS: number, toS: number, div: number): RewardBucket[] {
    return this.memo(`buckets:${fromS}:${toS}:${div}`, () => {
      this.ensureFeeSums();
      const out: RewardBucket[] = [];
      const from = Math.max(fromS, this.indexedFromTimeS);
      const first = this.heightAtOrBefore(from - 1) + 1;
      const last = this.heightAtOrBefore(toS);
      if (first > last) return out;
      if (div === DAY_S) {
        // Whole days inside [from, toS] come from the per-day aggregates; clipped edge days are summed.
        for (let d = dayIndexOf(this.times[first]!); d <= dayIndexOf(this.times[last]!); d++) {
          const dayStart = DAY0_S + d * DAY_S;
          const dayEnd = dayStart + DAY_S - 1;
          if (dayStart < from || dayEnd > toS) {
            const lo = Math.max(first, this.heightAtOrBefore(dayStart - 1) + 1);
            const hi = Math.min(last, this.heightAtOrBefore(dayEnd));
            if (lo <= hi) out.push(this.bucketOf(lo, hi));
            continue;
          }
          const n = d < this.dayCount.length ? this.dayCount[d]! : 0;
          if (n === 0) continue;
          const firstH = Math.round(this.daySumHeight[d]! / n - (n - 1) / 2);
          out.push({
            avgHeight: Math.round(this.daySumHeight[d]! / n),
            timestamp: Math.round(this.daySumTime[d]! / n),
            avgRewards: Math.round((this.daySumSubsidy[d]! + this.daySumFees[d]!) / n),
            avgFees: Math.round(this.daySumFees[d]! / n),
            USD: this.priceUsdAt(this.times[firstH]!),
          });
        }
        return out;
      }
      let lo = first;
      while (lo <= last) {
        const key = Math.floor(this.times[lo]! / div);
        let hi = lo;
        while (hi + 1 <= last && Math.floor(this.times[hi + 1]! / div) === key) hi++;
        out.push(this.bucketOf(lo, hi));
        lo = hi + 1;
      }
      return out;
    });
  }

  private bucketOf(lo: number, hi: number): RewardBucket {
    let sumH = 0;
    let sumT = 0;
    let sumFees = 0;
    let sumSub = 0;
    for (let h = lo; h <= hi; h++) {
      sumH += h;
      sumT += this.times[h]!;
      sumFees += this.feesAt(h);
      sumSub += subsidySats(h);
    }
    const n = hi - lo + 1;
    return {
      avgHeight: Math.round(sumH / n),
      timestamp: Math.round(sumT / n),
      avgRewards: Math.round((sumSub + sumFees) / n),
      avgFees: Math.round(sumFees / n),
      USD: this.priceUsdAt(this.times[lo]!),
    };
  }

  /** mempool's reward-stats over the newest `count` (indexed) blocks. Totals as exact integers. */
  rewardStats(
    count: number,
  ): { startBlock: number; endBlock: number; totalReward: number; totalFee: number; totalTx: number } | null {
    const firstIndexed = this.heightAtOrBefore(this.indexedFromTimeS - 1) + 1;
    const start = Math.max(firstIndexed, this.len - count);
    if (count <= 0 || start > this.tipHeight) return null;
    let totalFee = 0;
    let totalSub = 0;
    let totalTx = 0;
    for (let h = start; h < this.len; h++) {
      totalFee += this.feesAt(h);
      totalSub += subsidySats(h);
      totalTx += this.txCountAt(h);
    }
    return { startBlock: start, endBlock: this.tipHeight, totalReward: totalSub + totalFee, totalFee, totalTx };
  }

  /** Inputs of mempool's difficulty-adjustment estimate at this tip. */
  epochInfo(): {
    epochStartHeight: number;
    epochStartTimeS: number;
    previousRetargetPercent: number;
    quarterEpochTimeS: number | null;
  } {
    const tip = this.tipHeight;
    const epochStartHeight = tip - (tip % BLOCKS_PER_EPOCH);
    const e = epochStartHeight / BLOCKS_PER_EPOCH;
    return {
      epochStartHeight,
      epochStartTimeS: this.times[epochStartHeight]!,
      previousRetargetPercent: e > 0 ? bitsDifferencePercent(this.epochBits[e - 1]!, this.epochBits[e]!) : 0,
      quarterEpochTimeS: tip >= 503 ? this.times[tip - 503]! : null,
    };
  }

  /** Model hash rate (H/s) at a time, including this chain's noise. */
  modelHashrateAt(timeS: number): number {
    return at(this.model.hashrate, dayIndexOf(timeS));
  }

  // ---- mutation (forks only) -------------------------------------------------------------------

  /** A private, mutable copy (shares the read-only model). */
  fork(): SyntheticChain {
    const c = new SyntheticChain({
      seed: this.seed,
      endTimeS: this.endTimeS,
      shared: false,
      indexedFromTimeS: this.indexedFromTimeS,
      times: this.times.slice(0, Math.max(this.len + 4096, this.len)),
      len: this.len,
      epochBits: this.epochBits.slice(),
      model: this.model,
      nowS: this._nowS,
      days: {
        count: this.dayCount.slice(),
        h: this.daySumHeight.slice(),
        t: this.daySumTime.slice(),
        fees: this.daySumFees.slice(),
        subsidy: this.daySumSubsidy.slice(),
        feeSumsReady: this.feeSumsReady,
      },
    });
    c.generationMs = this.generationMs;
    return c;
  }

  private assertMutable(): void {
    if (this.shared) throw new Error('this SyntheticChain is shared (memoized): call fork() first');
  }

  /** Append one block at timeS (clamped to ≥ the tip time); retargets when it opens a new epoch. */
  appendBlock(timeS: number): void {
    this.assertMutable();
    const h = this.len;
    const t = Math.max(Math.floor(timeS), this.tipTimeS);
    if (h % BLOCKS_PER_EPOCH === 0) {
      const e = h / BLOCKS_PER_EPOCH;
      const span = this.times[h - 1]! - this.times[h - BLOCKS_PER_EPOCH]!;
      this.epochBits[e] = retargetBits(this.epochBits[e - 1]!, span);
    }
    this.times = growUint32(this.times, h + 1);
    this.times[h] = t;
    this.len = h + 1;
    this.accumulate(h);
    if (t > this._nowS) this._nowS = t;
    this.version++;
  }

  /** Mine n blocks, intervalS apart (default 600 s) after the tip. Moves now to at least the new tip. */
  mine(n: number, opts: MineOptions = {}): void {
    this.assertMutable();
    const interval = opts.intervalS ?? TARGET_SPACING_S;
    let t = opts.firstTimeS ?? this.tipTimeS + interval;
    for (let i = 0; i < n; i++) {
      this.appendBlock(t);
      t += interval;
    }
  }

  /** Move the chain's now (never backwards). */
  setNow(nowS: number): void {
    this.assertMutable();
    if (nowS > this._nowS) {
      this._nowS = nowS;
      this.version++;
    }
  }

  /** Expected seconds per block at the tip given the model hash rate at `timeS`. */
  expectedIntervalS(timeS: number): number {
    return (this.currentDifficulty * TWO_POW_32) / this.modelHashrateAt(timeS);
  }
}

/** mempool's calcBitsDifference: % change between two nBits, clamped to [−75, 300]. */
export function bitsDifferencePercent(oldBits: number, newBits: number): number {
  const oldExp = oldBits >>> 24;
  const newExp = newBits >>> 24;
  const oldNum = oldBits & 0x007fffff;
  const newNum = newBits & 0x007fffff;
  let result: number;
  switch (newExp - oldExp) {
    case -1:
      result = (oldNum * 256 * 100) / newNum - 100;
      break;
    case 0:
      result = (oldNum * 100) / newNum - 100;
      break;
    case 1:
      result = (oldNum * 100) / (newNum * 256) - 100;
      break;
    default:
      result = (bitsToDifficulty(newBits) / bitsToDifficulty(oldBits) - 1) * 100;
  }
  return Math.min(300, Math.max(-75, result));
}

// ---------------------------------------------------------------------------------------------------
// Generation

function simulate(
  times: Uint32Array,
  epochBits: number[],
  state: SimState,
  endTimeS: number,
  hashrate: Float64Array,
  scaleFromDay: number,
  scale: number,
): { times: Uint32Array; state: SimState } {
  const rng = new Rng(0);
  rng.state = state.rng;
  let h = state.height;
  let t = state.tFloat;
  let bits = epochBits[Math.floor(h / BLOCKS_PER_EPOCH)]!;
  let work = bitsToDifficulty(bits) * TWO_POW_32;
  for (;;) {
    const next = h + 1;
    if (next % BLOCKS_PER_EPOCH === 0) {
      const e = next / BLOCKS_PER_EPOCH;
      if (epochBits.length <= e) {
        epochBits.length = e + 1;
      }
      epochBits[e] = retargetBits(epochBits[e - 1]!, times[h]! - times[next - BLOCKS_PER_EPOCH]!);
      bits = epochBits[e]!;
      work = bitsToDifficulty(bits) * TWO_POW_32;
    }
    const d = Math.floor((t - DAY0_S) / DAY_S);
    const H = at(hashrate, d) * (d >= scaleFromDay ? scale : 1);
    const tn = t - Math.log(1 - rng.next()) * (work / H);
    if (tn > endTimeS) {
      // the epoch opened by `next` doesn't exist yet
      if (next % BLOCKS_PER_EPOCH === 0) epochBits.length = next / BLOCKS_PER_EPOCH;
      break;
    }
    if (next >= times.length) times = growUint32(times, next + 1);
    times[next] = Math.floor(tn);
    t = tn;
    h = next;
  }
  return { times, state: { height: h, tFloat: t, rng: rng.state } };
}

const chainCache = new Map<string, SyntheticChain>();
const CACHE_LIMIT = 6;

/** Forget memoized chains (tests of determinism use it). */
export function clearChainCache(): void {
  chainCache.clear();
}

/**
 * Deterministic synthetic mainnet history from genesis to endTimeS. Memoized per (seed, endTimeS, days);
 * the returned instance is shared and read-only (fork() it to mine).
 */
export function generateChain(opts: GenerateChainOptions = {}): SyntheticChain {
  const seed = (opts.seed ?? DEFAULT_SEED) >>> 0;
  const endTimeS = Math.floor(opts.endTimeS ?? DEFAULT_END_TIME_S);
  if (!(endTimeS > BLOCK1_TIME_S)) throw new RangeError('endTimeS must be after block 1 (2009-01-09)');
  const days = opts.days !== undefined && opts.days > 0 ? Math.floor(opts.days) : 0;
  const key = `${seed}:${endTimeS}:${days}`;
  const hit = chainCache.get(key);
  if (hit) {
    chainCache.delete(key);
    chainCache.set(key, hit);
    return hit;
  }
  const started = performance.now();
  const model = buildModel(seed, endTimeS);

  let times: Uint32Array = new Uint32Array(Math.ceil((endTimeS - GENESIS_TIME_S) / 560) + 8192);
  times[0] = GENESIS_TIME_S;
  times[1] = BLOCK1_TIME_S;
  const epochBits: number[] = [POW_LIMIT_BITS];
  const start: SimState = { height: 1, tFloat: BLOCK1_TIME_S, rng: hash32(seed, 0xb10c) };

  // Bulk of the history up to three weeks before the end.
  const tailFrom = endTimeS - 21 * DAY_S;
  let res = simulate(times, epochBits, start, Math.max(BLOCK1_TIME_S, tailFrom), model.hashrate, Infinity, 1);
  times = res.times;
  const checkpoint = res.state;
  const checkpointEpochs = epochBits.length;

  // The tail: re-simulated with the same random draws, scaling the hash rate so that the 1008-block
  // estimate at the tip lands on the smooth model's last-7-day mean (±0.3 %) instead of wherever block
  // luck puts it (±3 %). Keeps "the 7-day average at the end" a property of the model, not of the seed.
  const desired = meanModelHashrate(endTimeS - 7 * DAY_S, endTimeS);
  const scaleFromDay = dayIndexOf(tailFrom);
  let scale = 1;
  let best = { scale: 1, err: Infinity };
  let tip = checkpoint;
  const run = (k: number): number => {
    epochBits.length = checkpointEpochs;
    res = simulate(times, epochBits, checkpoint, endTimeS, model.hashrate, scaleFromDay, k);
    times = res.times;
    tip = res.state;
    const est = networkHashPsRaw(times, epochBits, 1008, tip.height);
    return est > 0 ? desired / est : 1;
  };
  for (let iter = 0; iter < 6; iter++) {
    const err = run(scale);
    if (tip.height < 2100) break; // tiny chains (endTimeS in 2009): nothing to calibrate
    if (Math.abs(err - 1) < Math.abs(best.err - 1)) best = { scale, err };
    if (Math.abs(err - 1) < 0.002) break;
    // damped step: the estimate is only roughly proportional to the scale (the window moves too)
    scale *= 1 + 0.8 * (err - 1);
  }
  if (tip.height >= 2100 && Math.abs(best.err - 1) >= 0.002) {
    // The estimate jumps as the 1008-block window slides over long gaps: scan a fine grid instead.
    const center = best.scale;
    for (let k = -40; k <= 40 && Math.abs(best.err - 1) >= 0.002; k++) {
      const candidate = center * (1 + k * 0.0015);
      const err = run(candidate);
      if (Math.abs(err - 1) < Math.abs(best.err - 1)) best = { scale: candidate, err };
    }
    scale = Number.NaN;
  }
  if (best.scale !== scale) run(best.scale);
  const tailScale = best.scale;

  const chain = new SyntheticChain({
    seed,
    endTimeS,
    shared: true,
    indexedFromTimeS: days > 0 ? Math.max(GENESIS_TIME_S, endTimeS - days * DAY_S) : GENESIS_TIME_S,
    times,
    len: tip.height + 1,
    epochBits,
    model,
    nowS: endTimeS,
  });
  chain.generationMs = performance.now() - started;
  chain.tailScale = tailScale;
  chainCache.set(key, chain);
  while (chainCache.size > CACHE_LIMIT) chainCache.delete(chainCache.keys().next().value!);
  return chain;
}

function meanModelHashrate(fromS: number, toS: number): number {
  let sum = 0;
  let n = 0;
  for (let t = fromS; t <= toS; t += 3600) {
    sum += modelHashrateHps(t);
    n++;
  }
  return sum / n;
}

function networkHashPsRaw(times: Uint32Array, epochBits: number[], nblocks: number, height: number): number {
  const lookup = Math.min(nblocks, height);
  const first = height - lookup;
  let work = 0;
  for (let h = first + 1; h <= height; h++)
    work += bitsToDifficulty(epochBits[Math.floor(h / BLOCKS_PER_EPOCH)]!) * TWO_POW_32;
  const span = times[height]! - times[first]!;
  return span > 0 ? work / span : 0;
}
