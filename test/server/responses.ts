// mempool.space-shaped responses computed from a SyntheticChain: pure functions
// (chain, request, nowS) → { status, headers, body }. Shapes, units and quirks follow mempool's backend
// (backend/src/api/mining/mining-routes.ts, repositories/*Repository.ts, api/difficulty-adjustment.ts):
//  - timestamps are Unix seconds except the difficulty-adjustment fields in ms;
//  - hash rates H/s, amounts sats; reward-stats totals are strings (MySQL SUM);
//  - `adjustment` in /mining/hashrate is a ratio stored as MySQL FLOAT (so 1.0143 → 1.014299988746643),
//    the tuples of /mining/difficulty-adjustments carry the same FLOAT as mysql2 prints it (6 digits);
//  - unknown periods mean the whole history (HTTP 200);
//  - /api/v1/historical-price lists prices newest first;
//  - /api/blocks/tip/height is text/plain.
// Nothing here imports from src/: it is an independent implementation to test the extension against.

import { poolHashratesBody, poolsBody } from './pools';
import { createHash } from 'node:crypto';
import {
  BLOCKS_PER_EPOCH,
  CURRENCIES,
  FIRST_PRICE_TIME_S,
  convertUsd as convert,
  TARGET_SPACING_S,
  type ChainBlock,
  type Currency,
  type SyntheticChain,
} from './chain';

export const PERIODS = ['24h', '3d', '1w', '1m', '3m', '6m', '1y', '2y', '3y', '4y'] as const;
export type Period = (typeof PERIODS)[number];

export type RouteName =
  | 'hashrate'
  | 'difficultyAdjustment'
  | 'difficultyAdjustments'
  | 'rewardStats'
  | 'blockRewards'
  | 'blockFees'
  | 'prices'
  | 'historicalPrice'
  | 'tipHeight'
  | 'tipHash'
  | 'blocks'
  | 'pools'
  | 'poolHashrates';

export interface ReplayRequest {
  method?: string;
  /** Path with optional query string, e.g. "/api/v1/mining/hashrate/1y" or "/api/v1/historical-price?currency=EUR". */
  url: string;
  headers?: Record<string, string | string[] | undefined>;
}

export interface ReplayResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Which endpoint answered (null: 404 / not routed). */
  route: RouteName | null;
}

export interface RespondOptions {
  /** Wall clock for Expires (ms). Default nowS·1000, so pure calls are fully deterministic. */
  wallClockMs?: number;
  /** Serve shape-correct JSON with absurd values (the server's 'absurd' fault). */
  absurd?: boolean;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

// ---------------------------------------------------------------------------------------------------
// Periods (mempool's Common.getSqlInterval + MySQL DATE_SUB(NOW(), INTERVAL …))

export function isPeriod(p: string | undefined): p is Period {
  return p !== undefined && (PERIODS as readonly string[]).includes(p);
}

/** Start of a period's window (Unix s), or null for the whole history. Months/years are calendar ones. */
export function periodStartS(period: string | undefined, nowS: number): number | null {
  if (!isPeriod(period)) return null;
  const day = 86400;
  switch (period) {
    case '24h':
      return nowS - day;
    case '3d':
      return nowS - 3 * day;
    case '1w':
      return nowS - 7 * day;
    case '1m':
      return subMonths(nowS, 1);
    case '3m':
      return subMonths(nowS, 3);
    case '6m':
      return subMonths(nowS, 6);
    case '1y':
      return subMonths(nowS, 12);
    case '2y':
      return subMonths(nowS, 24);
    case '3y':
      return subMonths(nowS, 36);
    case '4y':
      return subMonths(nowS, 48);
  }
}

/** MySQL DATE_SUB with MONTH: same day-of-month, clamped to the target month's length. */
function subMonths(nowS: number, months: number): number {
  const d = new Date(nowS * 1000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - months;
  const target = new Date(Date.UTC(y, m, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return (
    Date.UTC(
      target.getUTCFullYear(),
      target.getUTCMonth(),
      day,
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
    ) /
      1000 +
    (nowS % 1)
  );
}

/** mempool's Mining.getTimeRange: bucket size (s) of the rewards/fees series for a period. */
export function bucketSecondsFor(period: string | undefined): number {
  switch (period) {
    case '4y':
    case '3y':
      return 43200;
    case '2y':
    case '1y':
      return 28800;
    case '6m':
      return 10800;
    case '3m':
      return 7200;
    case '1m':
      return 1800;
    case '1w':
      return 300;
    case '3d':
    case '24h':
      return 1;
    default:
      return 86400;
  }
}

// ---------------------------------------------------------------------------------------------------
// Difficulty-adjustment estimate — own implementation of mempool's calcDifficultyAdjustment (mainnet)

export interface DifficultyAdjustmentBody {
  progressPercent: number;
  difficultyChange: number;
  estimatedRetargetDate: number;
  remainingBlocks: number;
  remainingTime: number;
  previousRetarget: number;
  previousTime: number;
  nextRetargetHeight: number;
  timeAvg: number;
  adjustedTimeAvg: number;
  timeOffset: number;
  expectedBlocks: number;
}

/**
 * @param epochStartS   time of the epoch's first block (DATime)
 * @param quarterEpochS time of block height−503 (null if unknown)
 * @param nowS          now, Unix s (floored like mempool)
 * @param height        tip height
 * @param previousRetargetPercent  last retarget in %
 * @param tipTimeS      time of the tip block
 */
export function calcDifficultyAdjustment(
  epochStartS: number,
  quarterEpochS: number | null,
  nowS: number,
  height: number,
  previousRetargetPercent: number,
  tipTimeS: number,
): DifficultyAdjustmentBody {
  const now = Math.floor(nowS);
  const elapsed = Math.max(0, now - epochStartS);
  const mined = height >= 0 ? height % BLOCKS_PER_EPOCH : 0;
  const progressPercent = height >= 0 ? (mined / BLOCKS_PER_EPOCH) * 100 : 100;
  const remainingBlocks = BLOCKS_PER_EPOCH - mined;
  const nextRetargetHeight = height >= 0 ? height + remainingBlocks : 0;
  const expectedBlocks = elapsed / TARGET_SPACING_S;
  const actualTimespan = (mined === BLOCKS_PER_EPOCH - 1 ? tipTimeS : now) - epochStartS;

  const timeAvgS = mined ? elapsed / mined : TARGET_SPACING_S;
  let adjustedTimeAvgS = timeAvgS;
  let change: number;
  if (quarterEpochS && mined < 503) {
    // early in the epoch: a 504-block window reaching into the last epoch, its part scaled by the last retarget
    const lastEpochPart = (epochStartS - quarterEpochS) * (1 + previousRetargetPercent / 100);
    const span = elapsed + lastEpochPart;
    adjustedTimeAvgS = span / 503;
    change = (TARGET_SPACING_S / (span / 504) - 1) * 100;
  } else {
    change = (TARGET_SPACING_S / (actualTimespan / (mined + 1)) - 1) * 100;
  }
  change = Math.min(300, Math.max(-75, change));

  const timeAvg = Math.floor(timeAvgS * 1000);
  const adjustedTimeAvg = Math.floor(adjustedTimeAvgS * 1000);
  const remainingTime = remainingBlocks * adjustedTimeAvg;
  return {
    progressPercent,
    difficultyChange: change,
    estimatedRetargetDate: remainingTime + now * 1000,
    remainingBlocks,
    remainingTime,
    previousRetarget: previousRetargetPercent,
    previousTime: epochStartS,
    nextRetargetHeight,
    timeAvg,
    adjustedTimeAvg,
    timeOffset: 0,
    expectedBlocks,
  };
}

// ---------------------------------------------------------------------------------------------------
// Bodies

export interface HashrateBody {
  hashrates: { timestamp: number; avgHashrate: number }[];
  difficulty: { time: number; height: number; difficulty: number; adjustment: number }[];
  currentHashrate: number;
  currentDifficulty: number;
}

export function hashrateBody(chain: SyntheticChain, period: string | undefined, nowS: number): HashrateBody {
  const from = periodStartS(period, nowS) ?? -Infinity;
  const hashrates = chain
    .daysUntil(nowS)
    .filter((d) => d.timeS >= from && d.timeS <= nowS)
    .map((d) => ({ timestamp: d.timeS, avgHashrate: d.avgHashrateHps }));
  const difficulty = chain.retargets
    .filter((r) => r.timeS >= from && r.timeS <= nowS)
    .map((r) => ({
      time: r.timeS,
      height: r.height,
      difficulty: r.difficulty,
      adjustment: Math.fround(r.adjustmentRatio),
    }));
  return {
    hashrates,
    difficulty,
    currentHashrate: chain.currentHashrateHps,
    currentDifficulty: chain.currentDifficulty,
  };
}

export function difficultyAdjustmentBody(chain: SyntheticChain, nowS: number): DifficultyAdjustmentBody {
  const e = chain.epochInfo();
  return calcDifficultyAdjustment(
    e.epochStartTimeS,
    e.quarterEpochTimeS,
    nowS,
    chain.tipHeight,
    e.previousRetargetPercent,
    chain.tipTimeS,
  );
}

/** [time_s, height, difficulty, ratio] newest first; ratio as mysql2 prints a FLOAT (6 significant digits). */
export function difficultyAdjustmentsBody(
  chain: SyntheticChain,
  period: string | undefined,
  nowS: number,
): [number, number, number, number][] {
  const from = periodStartS(period, nowS) ?? -Infinity;
  return chain.retargets
    .filter((r) => r.timeS >= from && r.timeS <= nowS)
    .map((r): [number, number, number, number] => [
      r.timeS,
      r.height,
      r.difficulty,
      Number(Math.fround(r.adjustmentRatio).toPrecision(6)),
    ])
    .reverse();
}

export interface RewardStatsBody {
  startBlock: number | null;
  endBlock: number | null;
  totalReward: string | null;
  totalFee: string | null;
  totalTx: string | null;
}

export function rewardStatsBody(chain: SyntheticChain, blockCount: number): RewardStatsBody {
  const s = chain.rewardStats(blockCount);
  if (!s) return { startBlock: null, endBlock: null, totalReward: null, totalFee: null, totalTx: null };
  return {
    startBlock: s.startBlock,
    endBlock: s.endBlock,
    totalReward: String(s.totalReward),
    totalFee: String(s.totalFee),
    totalTx: String(s.totalTx),
  };
}

export function blockRewardsBody(
  chain: SyntheticChain,
  period: string | undefined,
  nowS: number,
): { avgHeight: number; timestamp: number; avgRewards: number; USD: number }[] {
  const from = periodStartS(period, nowS) ?? -Infinity;
  return chain
    .rewardBuckets(from, nowS, bucketSecondsFor(period))
    .map((b) => ({ avgHeight: b.avgHeight, timestamp: b.timestamp, avgRewards: b.avgRewards, USD: b.USD }));
}

export function blockFeesBody(
  chain: SyntheticChain,
  period: string | undefined,
  nowS: number,
): { avgHeight: number; timestamp: number; avgFees: number; USD: number }[] {
  const from = periodStartS(period, nowS) ?? -Infinity;
  return chain
    .rewardBuckets(from, nowS, bucketSecondsFor(period))
    .map((b) => ({ avgHeight: b.avgHeight, timestamp: b.timestamp, avgFees: b.avgFees, USD: b.USD }));
}

export type PricesBody = { time: number } & Record<Currency, number>;

/** /api/v1/prices: mempool refreshes hourly; `time` is the last hour boundary. */
export function pricesBody(chain: SyntheticChain, nowS: number): PricesBody {
  const time = Math.floor(nowS / 3600) * 3600;
  return { time, ...chain.pricesAt(time) };
}

export type ExchangeRates = Record<`USD${Exclude<Currency, 'USD'>}`, number>;

export interface HistoricalPriceBody {
  prices: Record<string, number>[];
  exchangeRates: ExchangeRates;
}

/** null = mempool's `null` answer for an unknown currency (sent as an empty 200 body). */
export function historicalPriceBody(
  chain: SyntheticChain,
  query: URLSearchParams,
  nowS: number,
): HistoricalPriceBody | null {
  const timestamp = parseInt(query.get('timestamp') ?? '', 10) || 0;
  const currency = query.get('currency') ?? undefined;
  const latest = pricesBody(chain, nowS);
  if (currency !== undefined && currency !== '' && !(CURRENCIES as readonly string[]).includes(currency)) return null;
  const cur = currency ? (currency as Currency) : undefined;
  const exchangeRates = {} as ExchangeRates;
  for (const c of CURRENCIES) {
    if (c === 'USD') continue;
    exchangeRates[`USD${c}`] = latest.USD <= 0 ? 0 : Math.round((Math.max(latest[c], 0) / latest.USD) * 100) / 100;
  }
  const full = (timeS: number, usd: number): Record<string, number> => {
    const row: Record<string, number> = { time: timeS, USD: usd };
    for (const c of CURRENCIES) if (c !== 'USD') row[c] = convert(usd, c);
    return row;
  };
  const filtered = (timeS: number, usd: number): Record<string, number> =>
    cur ? { time: timeS, [cur]: cur === 'USD' ? usd : convert(usd, cur), USD: usd } : full(timeS, usd);

  let series = chain.dailyPrices(nowS).reverse(); // newest first, like mempool
  if (timestamp) {
    const hit = series.find((p) => p.timeS <= timestamp);
    series = hit ? [hit] : [];
    if (cur && series.length === 0) {
      return { prices: [{ time: FIRST_PRICE_TIME_S, [cur]: 0, USD: 0 }], exchangeRates };
    }
  }
  return { prices: series.map((p) => filtered(p.timeS, p.priceUsd)), exchangeRates };
}

/** mempool's /api/v1/blocks[/:height]: 15 blocks, newest first, from `height` (default tip). */
export function blocksBody(chain: SyntheticChain, fromHeight: number | undefined): MempoolBlock[] {
  let limit = 15;
  let current = fromHeight ?? chain.tipHeight;
  if (current > chain.tipHeight) {
    limit -= current - chain.tipHeight;
    current = chain.tipHeight;
  }
  const out: MempoolBlock[] = [];
  for (let h = current; h >= 0 && limit > 0; h--, limit--) out.push(toMempoolBlock(chain.blockAt(h)));
  return out;
}

export interface MempoolBlock {
  id: string;
  height: number;
  version: number;
  timestamp: number;
  bits: number;
  nonce: number;
  difficulty: number;
  merkle_root: string;
  tx_count: number;
  size: number;
  weight: number;
  previousblockhash: string;
  mediantime: number;
  stale: boolean;
  extras: {
    reward: number;
    coinbaseRaw: string;
    orphans: unknown[];
    medianFee: number;
    feeRange: number[];
    totalFees: number;
    avgFee: number;
    avgFeeRate: number;
    utxoSetChange: number;
    avgTxSize: number;
    totalInputs: number;
    totalOutputs: number;
    totalOutputAmt: number;
    segwitTotalTxs: number;
    segwitTotalSize: number;
    segwitTotalWeight: number;
    feePercentiles: null;
    virtualSize: number;
    coinbaseAddress: string | null;
    coinbaseAddresses: string[];
    coinbaseSignature: string | null;
    coinbaseSignatureAscii: string;
    header: string;
    utxoSetSize: null;
    totalInputAmt: null;
    pool: { id: number; name: string; slug: string; minerNames: null };
    matchRate: number | null;
    expectedFees: number | null;
    expectedWeight: number | null;
    similarity?: number;
  };
}

function le32(n: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b.toString('hex');
}
function reverseHex(h: string): string {
  return Buffer.from(h, 'hex').reverse().toString('hex');
}

export function toMempoolBlock(b: ChainBlock): MempoolBlock {
  const header =
    le32(b.version) +
    reverseHex(b.previousBlockHash) +
    reverseHex(b.merkleRoot) +
    le32(b.timeS) +
    le32(b.bits) +
    le32(b.nonce);
  const heightLe = Buffer.alloc(4);
  heightLe.writeUInt32LE(b.height);
  const tag = Buffer.from(`/${b.poolName}/`, 'utf8');
  const coinbaseRaw = '03' + heightLe.subarray(0, 3).toString('hex') + tag.toString('hex') + b.merkleRoot.slice(0, 32);
  const vsize = b.weight / 4;
  const inputs = Math.max(1, Math.round(b.txCount * 2.1));
  const outputs = Math.max(1, Math.round(b.txCount * 2.9));
  const segwitTxs = Math.round(b.txCount * 0.9);
  const address = `bc1q${b.id.slice(-38)}`;
  return {
    id: b.id,
    height: b.height,
    version: b.version,
    timestamp: b.timeS,
    bits: b.bits,
    nonce: b.nonce,
    difficulty: b.difficulty,
    merkle_root: b.merkleRoot,
    tx_count: b.txCount,
    size: b.sizeBytes,
    weight: b.weight,
    previousblockhash: b.previousBlockHash,
    mediantime: b.medianTimeS,
    stale: false,
    extras: {
      reward: b.rewardSats,
      coinbaseRaw,
      orphans: [],
      medianFee: b.medianFeeRate,
      feeRange: b.feeRange,
      totalFees: b.totalFeesSats,
      avgFee: b.avgFeeSats,
      avgFeeRate: b.avgFeeRate,
      utxoSetChange: outputs - inputs,
      avgTxSize: Math.round((b.sizeBytes / b.txCount) * 100) / 100,
      totalInputs: inputs,
      totalOutputs: outputs,
      totalOutputAmt: b.rewardSats + b.txCount * 150_000_000,
      segwitTotalTxs: segwitTxs,
      segwitTotalSize: Math.round(b.sizeBytes * 0.93),
      segwitTotalWeight: Math.round(b.weight * 0.9),
      feePercentiles: null,
      virtualSize: vsize,
      coinbaseAddress: address,
      coinbaseAddresses: [address],
      coinbaseSignature: `OP_0 OP_PUSHBYTES_20 ${b.id.slice(-40)}`,
      coinbaseSignatureAscii: `\u0003${b.poolName}`,
      header,
      utxoSetSize: null,
      totalInputAmt: null,
      pool: { id: b.poolId, name: b.poolName, slug: b.poolSlug, minerNames: null },
      matchRate: 100,
      expectedFees: b.totalFeesSats,
      expectedWeight: b.weight,
      similarity: 1,
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Absurd values (shape-correct, values nonsense): negative / zero / astronomically large hash rates,
// difficulty 0, price −5, heights and times out of order.

const ABSURD_HASHRATES = [-8.1e20, 0, 1.7e308, -1];

function absurdify(route: RouteName, body: unknown): unknown {
  switch (route) {
    case 'hashrate': {
      const b = body as HashrateBody;
      return {
        hashrates: b.hashrates
          .map((p, i) => ({ timestamp: p.timestamp, avgHashrate: ABSURD_HASHRATES[i % ABSURD_HASHRATES.length]! }))
          .reverse(),
        difficulty: b.difficulty
          .map((d, i) => ({
            time: d.time,
            height: i % 2 ? -d.height : d.height + 5_000_000,
            difficulty: 0,
            adjustment: i % 2 ? -3 : 0,
          }))
          .reverse(),
        currentHashrate: -8.1e20,
        currentDifficulty: 0,
      };
    }
    case 'difficultyAdjustment':
      return {
        progressPercent: 250,
        difficultyChange: -9999,
        estimatedRetargetDate: -1,
        remainingBlocks: -7,
        remainingTime: -86400000,
        previousRetarget: 1e9,
        previousTime: 0,
        nextRetargetHeight: -2016,
        timeAvg: 0,
        adjustedTimeAvg: -600000,
        timeOffset: 0,
        expectedBlocks: -1,
      } satisfies DifficultyAdjustmentBody;
    case 'difficultyAdjustments':
      return (body as [number, number, number, number][]).map(([t, h], i) => [
        i % 2 ? 0 : t,
        i % 2 ? h + 10_000_000 : -h,
        0,
        i % 2 ? -2 : 50,
      ]);
    case 'rewardStats': {
      const b = body as RewardStatsBody;
      return {
        startBlock: (b.endBlock ?? 0) + 1000,
        endBlock: -(b.startBlock ?? 0),
        totalReward: '-5',
        totalFee: '999999999999999999999999999',
        totalTx: '-1',
      };
    }
    case 'blockRewards':
    case 'blockFees':
      return (body as Record<string, number>[])
        .map((r, i) => {
          const out: Record<string, number> = {
            avgHeight: i % 2 ? -r.avgHeight! : r.avgHeight! * 1000,
            timestamp: i % 3 ? r.timestamp! : 0,
          };
          if (route === 'blockRewards') out.avgRewards = i % 2 ? -5 : 1e300;
          else out.avgFees = i % 2 ? -5 : 1e300;
          out.USD = -5;
          return out;
        })
        .reverse();
    case 'prices': {
      const b = body as PricesBody;
      const out: Record<string, number> = { time: 0 };
      for (const c of CURRENCIES) out[c] = -5;
      void b;
      return out;
    }
    case 'historicalPrice': {
      const b = body as HistoricalPriceBody | null;
      if (!b) return b;
      return {
        prices: b.prices.map((p, i) => {
          const out: Record<string, number> = {};
          for (const k of Object.keys(p)) out[k] = k === 'time' ? (i % 2 ? 0 : p[k]! + 1e9) : -5;
          return out;
        }),
        exchangeRates: Object.fromEntries(Object.keys(b.exchangeRates).map((k, i) => [k, i % 2 ? 0 : -1])),
      };
    }
    case 'tipHeight':
      return '-1';
    case 'tipHash':
      return 'zz';
    case 'blocks':
      return (body as MempoolBlock[]).map((b, i) => ({
        ...b,
        height: i % 2 ? b.height + 1_000_000 : -b.height,
        timestamp: i % 2 ? 0 : 4_102_444_800,
        difficulty: 0,
        extras: { ...b.extras, reward: -1, totalFees: -1, medianFee: -1 },
      }));
    case 'pools': {
      const b = body as { pools: Record<string, unknown>[]; blockCount: number };
      return { ...b, blockCount: -5, pools: b.pools.map((p) => ({ ...p, blockCount: 1e12, rank: 0 })) };
    }
    case 'poolHashrates':
      // A share in percent where mempool sends a ratio, and negative hash rates.
      return (body as Record<string, number>[]).map((r) => ({ ...r, share: r.share! * 100, avgHashrate: -1 }));
  }
}

// ---------------------------------------------------------------------------------------------------
// Router

interface Routed {
  route: RouteName;
  status: number;
  /** JSON value, or a string for text routes */
  body: unknown;
  text?: boolean;
  cacheS: number;
  extraHeaders?: Record<string, string>;
  /** send status with an empty body and no content type (mempool's res.send(null) / res.status(500).end()) */
  emptyBody?: boolean;
}

/** Cache lifetimes (s): within mempool's ranges (mining routes ≈ 2–5 min, prices ≈ 1 h). */
const CACHE = {
  hashrate: 300,
  adjustments: 300,
  da: 120,
  mining: 120,
  prices: 3600,
  historical: 300,
  tip: 10,
  blocks: 120,
};

function route(chain: SyntheticChain, pathname: string, query: URLSearchParams, nowS: number): Routed | null {
  const p = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  let m: RegExpExecArray | null;
  const totalCount = { 'X-Total-Count': String(chain.tipHeight + 1) };

  if ((m = /^\/api\/v1\/mining\/pools\/([^/]+)$/.exec(p))) {
    return { route: 'pools', status: 200, body: poolsBody(chain, m[1], nowS), cacheS: CACHE.mining };
  }
  if ((m = /^\/api\/v1\/mining\/hashrate\/pools\/([^/]+)$/.exec(p))) {
    return { route: 'poolHashrates', status: 200, body: poolHashratesBody(chain, m[1], nowS), cacheS: CACHE.mining };
  }
  if ((m = /^\/api\/v1\/mining\/hashrate\/([^/]+)$/.exec(p)) && m[1] !== 'pools') {
    return {
      route: 'hashrate',
      status: 200,
      body: hashrateBody(chain, m[1], nowS),
      cacheS: CACHE.hashrate,
      extraHeaders: totalCount,
    };
  }
  if (p === '/api/v1/difficulty-adjustment') {
    return {
      route: 'difficultyAdjustment',
      status: 200,
      body: difficultyAdjustmentBody(chain, nowS),
      cacheS: CACHE.da,
    };
  }
  if ((m = /^\/api\/v1\/mining\/difficulty-adjustments(?:\/([^/]+))?$/.exec(p))) {
    return {
      route: 'difficultyAdjustments',
      status: 200,
      body: difficultyAdjustmentsBody(chain, m[1], nowS),
      cacheS: CACHE.adjustments,
    };
  }
  if ((m = /^\/api\/v1\/mining\/reward-stats\/([^/]+)$/.exec(p))) {
    const n = parseInt(m[1]!, 10);
    if (Number.isNaN(n) || n < 0) {
      // LIMIT NaN / negative is a MySQL error: mempool answers res.status(500).end()
      return { route: 'rewardStats', status: 500, body: '', emptyBody: true, cacheS: 0 };
    }
    return { route: 'rewardStats', status: 200, body: rewardStatsBody(chain, n), cacheS: CACHE.mining };
  }
  if ((m = /^\/api\/v1\/mining\/blocks\/rewards\/([^/]+)$/.exec(p))) {
    return {
      route: 'blockRewards',
      status: 200,
      body: blockRewardsBody(chain, m[1], nowS),
      cacheS: CACHE.mining,
      extraHeaders: totalCount,
    };
  }
  if ((m = /^\/api\/v1\/mining\/blocks\/fees\/([^/]+)$/.exec(p))) {
    return {
      route: 'blockFees',
      status: 200,
      body: blockFeesBody(chain, m[1], nowS),
      cacheS: CACHE.mining,
      extraHeaders: totalCount,
    };
  }
  if (p === '/api/v1/prices') {
    return { route: 'prices', status: 200, body: pricesBody(chain, nowS), cacheS: CACHE.prices };
  }
  if (p === '/api/v1/historical-price') {
    const body = historicalPriceBody(chain, query, nowS);
    if (body === null)
      return { route: 'historicalPrice', status: 200, body: null, emptyBody: true, cacheS: CACHE.historical };
    return { route: 'historicalPrice', status: 200, body, cacheS: CACHE.historical };
  }
  if (p === '/api/blocks/tip/height') {
    return { route: 'tipHeight', status: 200, body: String(chain.tipHeight), text: true, cacheS: CACHE.tip };
  }
  if (p === '/api/blocks/tip/hash') {
    return { route: 'tipHash', status: 200, body: chain.blockIdAt(chain.tipHeight), text: true, cacheS: CACHE.tip };
  }
  if ((m = /^\/api\/v1\/blocks(?:\/([^/]+))?$/.exec(p))) {
    let from: number | undefined;
    if (m[1] !== undefined) {
      const n = parseInt(m[1], 10);
      if (!Number.isFinite(n) || n < 0) {
        return { route: 'blocks', status: 400, body: 'Invalid height', text: true, cacheS: 0 };
      }
      from = n;
    }
    return { route: 'blocks', status: 200, body: blocksBody(chain, from), cacheS: CACHE.blocks };
  }
  return null;
}

function weakEtag(body: string): string {
  const hash = createHash('sha1').update(body).digest('base64').slice(0, 27);
  return `W/"${Buffer.byteLength(body).toString(16)}-${hash}"`;
}

function headerValue(headers: ReplayRequest['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  const v = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Answer one request. Pure apart from the Expires header, which follows opts.wallClockMs. */
export function respond(
  chain: SyntheticChain,
  req: ReplayRequest,
  nowS: number,
  opts: RespondOptions = {},
): ReplayResponse {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url, 'http://replay.invalid');
  const r = method === 'GET' || method === 'HEAD' ? route(chain, url.pathname, url.searchParams, nowS) : null;
  if (!r) {
    return {
      status: 404,
      headers: { 'Content-Type': TEXT_TYPE, 'Access-Control-Allow-Origin': '*' },
      body: `Cannot ${method} ${url.pathname}`,
      route: null,
    };
  }
  const wallMs = opts.wallClockMs ?? Math.floor(nowS * 1000);
  const headers: Record<string, string> = { 'Access-Control-Allow-Origin': '*', ...r.extraHeaders };
  if (r.cacheS > 0 && r.status === 200) {
    headers['Pragma'] = 'public';
    headers['Cache-Control'] = `public, max-age=${r.cacheS}`;
    headers['Expires'] = new Date(wallMs + r.cacheS * 1000).toUTCString();
  }
  if (r.emptyBody) return { status: r.status, headers, body: '', route: r.route };

  const value = opts.absurd && r.status === 200 ? absurdify(r.route, r.body) : r.body;
  let body: string;
  if (r.text || typeof value === 'string') {
    headers['Content-Type'] = TEXT_TYPE;
    body = String(value);
  } else {
    headers['Content-Type'] = JSON_TYPE;
    body = JSON.stringify(value);
  }
  if (r.status === 200) {
    const etag = weakEtag(body);
    headers['ETag'] = etag;
    const inm = headerValue(req.headers, 'if-none-match');
    if (inm && inm.split(/\s*,\s*/).includes(etag)) {
      return { status: 304, headers, body: '', route: r.route };
    }
  }
  return { status: r.status, headers, body, route: r.route };
}
