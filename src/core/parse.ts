// Untrusted JSON from a mempool instance → the model. Every field is checked for type, finiteness and a
// plausible range, and every rejection says which field and why, so the log and the hover can name it.
// The traps of the real API are handled here and nowhere else: reward-stats totals are strings, the tip
// height is plain text, `adjustment` is a ratio, `estimatedRetargetDate` is in ms but `previousTime` in s,
// and a price of −1 means "unavailable".

import {
  CURRENCIES,
  type BlockFeesPoint,
  type BlockRewardsPoint,
  type BlockSummary,
  type Currency,
  type DailyHashrate,
  type DifficultyAdjustment,
  type DifficultyRecord,
  type HashrateHistory,
  type HistoricalPrices,
  type NetworkSnapshot,
  type Prices,
  type RewardStats,
} from './model';
import { GENESIS_TIME_S } from './constants';

export class ParseError extends Error {
  constructor(
    readonly endpoint: string,
    readonly reason: string,
  ) {
    super(`${endpoint}: ${reason}`);
    this.name = 'ParseError';
  }
}

// Plausibility bounds. Generous enough for decades of growth, tight enough to catch unit mix-ups
// (a timestamp in ms where seconds belong is ~1000× outside the window).
const LIMITS = {
  /** 2100-01-01: a later "Unix second" is a millisecond value or garbage. */
  maxTimeS: 4_102_444_800,
  minTimeMs: GENESIS_TIME_S * 1000,
  maxTimeMs: 4_102_444_800_000,
  maxHeight: 10_000_000,
  /** 1 YH/s (10²⁴): ~1000× today's network. */
  maxHashrateHps: 1e24,
  /** One hash per second: the least a network that mines blocks can do (the CPU that mined the genesis block did millions). */
  minHashrateHps: 1,
  /** Difficulty 1 is the floor consensus allows (the genesis target); below it a value is not Bitcoin's. */
  minDifficulty: 1,
  maxDifficulty: 1e18,
  /** Over the whole supply, per block. */
  maxSats: 21e14,
  /** A hundredth of a cent (or yen…): the first BTC quote, in October 2009, was $0.00076. */
  minPrice: 1e-4,
  /** Prices are below 10⁹ in every currency we support (yen included: ~1.5 × 10⁷ today). */
  maxPrice: 1e9,
} as const;

/** Reads one endpoint's JSON: each check fails with a ParseError naming the endpoint and the field. */
export class Reader {
  constructor(private readonly endpoint: string) {}

  fail(reason: string): never {
    throw new ParseError(this.endpoint, reason);
  }

  object(value: unknown, path: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(`${path} should be an object, got ${describe(value)}`);
    }
    return value as Record<string, unknown>;
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(`${path} should be an array, got ${describe(value)}`);
    return value;
  }

  number(value: unknown, path: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(`${path} should be a finite number, got ${describe(value)}`);
    }
    if (value < min || value > max) this.fail(`${path} = ${value} is outside the plausible range [${min}, ${max}]`);
    return value;
  }

  positive(value: unknown, path: string, max: number): number {
    const n = this.number(value, path, 0, max);
    if (n <= 0) this.fail(`${path} should be greater than 0, got ${n}`);
    return n;
  }

  /**
   * A positive quantity with a physical floor: tiny positive values (a difficulty of 1e-200) pass a
   * "greater than 0" check, yet no real network produces them, and they break the arithmetic downstream.
   */
  atLeast(value: unknown, path: string, min: number, max: number, floor: string): number {
    const n = this.positive(value, path, max);
    if (n < min) this.fail(`${path} = ${n} is below ${floor}`);
    return n;
  }

  difficulty(value: unknown, path: string): number {
    return this.atLeast(value, path, LIMITS.minDifficulty, LIMITS.maxDifficulty, 'the minimum difficulty of 1');
  }

  hashrate(value: unknown, path: string): number {
    return this.atLeast(value, path, LIMITS.minHashrateHps, LIMITS.maxHashrateHps, 'the minimum of 1 H/s');
  }

  integer(value: unknown, path: string, min: number, max: number): number {
    const n = this.number(value, path, min, max);
    if (!Number.isInteger(n)) this.fail(`${path} should be a whole number, got ${n}`);
    return n;
  }

  /** MySQL SUM() results arrive as decimal strings; accept numbers too for older or other backends. */
  integerString(value: unknown, path: string, max: number): number {
    if (typeof value === 'string') {
      if (!/^\d{1,20}$/.test(value)) this.fail(`${path} should be a whole number in a string, got ${describe(value)}`);
      return this.integer(Number(value), path, 0, max);
    }
    return this.integer(value, path, 0, max);
  }

  timeS(value: unknown, path: string): number {
    return this.number(value, path, GENESIS_TIME_S - 86_400, LIMITS.maxTimeS);
  }

  timeMs(value: unknown, path: string): number {
    const n = this.number(value, path, 0, LIMITS.maxTimeMs);
    if (n < LIMITS.minTimeMs) {
      this.fail(
        `${path} = ${n} is not a time in milliseconds (it looks like seconds: is this an old mempool version?)`,
      );
    }
    return n;
  }

  height(value: unknown, path: string): number {
    return this.integer(value, path, 0, LIMITS.maxHeight);
  }

  /** A non-empty name from a server, trimmed and cut to `maxLength` (it ends up on screen). */
  text(value: unknown, path: string, maxLength: number): string {
    if (typeof value !== 'string' || value.trim() === '')
      this.fail(`${path} should be a non-empty string, got ${describe(value)}`);
    return value.trim().slice(0, maxLength);
  }

  optional<T>(value: unknown, read: (v: unknown) => T): T | null {
    return value === undefined || value === null ? null : read(value);
  }
}

/** A value as a parse message shows it: short, never the whole of a hostile string. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? `a string "${value.slice(0, 40)}…"` : `"${value}"`;
  if (typeof value === 'number') return String(value);
  return typeof value;
}

/** A price field: −1 (or any non-positive value) is the API's "unavailable", not an error. */
function optionalPrice(r: Reader, value: unknown, path: string): number | null {
  if (value === undefined || value === null) return null;
  const n = r.number(value, path, -1, LIMITS.maxPrice);
  if (n <= 0) return null;
  if (n < LIMITS.minPrice) r.fail(`${path} = ${n} is below the minimum price of ${LIMITS.minPrice}`);
  if (n >= LIMITS.maxPrice) r.fail(`${path} = ${n} is not below ${LIMITS.maxPrice}`);
  return n;
}

function requireAscending<T>(r: Reader, items: readonly T[], key: (t: T) => number, path: string): void {
  for (let i = 1; i < items.length; i++) {
    if (key(items[i]!) < key(items[i - 1]!)) r.fail(`${path} is not in ascending order at index ${i}`);
  }
}

/**
 * Bitcoin clamps a retarget to ×¼…×4. The genesis record carries `adjustment: 0` (there was no previous
 * difficulty) and older records may lack the field: both mean "no change" rather than an error.
 */
function adjustmentRatio(r: Reader, value: unknown, height: unknown, path: string): number {
  if (value === undefined || (value === 0 && height === 0)) return 1;
  return r.number(value, path, 0.25, 4);
}

export function parseHashrateHistory(json: unknown): HashrateHistory {
  const r = new Reader('/api/v1/mining/hashrate');
  const root = r.object(json, 'response');
  const daily: DailyHashrate[] = r.array(root.hashrates, 'hashrates').map((item, i) => {
    const o = r.object(item, `hashrates[${i}]`);
    return {
      timeS: r.timeS(o.timestamp, `hashrates[${i}].timestamp`),
      // Days without blocks (early 2009) are legitimately 0; any other day has at least 1 H/s.
      hashrateHps: o.avgHashrate === 0 ? 0 : r.hashrate(o.avgHashrate, `hashrates[${i}].avgHashrate`),
    };
  });
  requireAscending(r, daily, (d) => d.timeS, 'hashrates');
  const difficulty: DifficultyRecord[] = r.array(root.difficulty, 'difficulty').map((item, i) => {
    const o = r.object(item, `difficulty[${i}]`);
    // Current backends send `time`; the docs example (and older backends) `timestamp`.
    const time = o.time ?? o.timestamp;
    return {
      timeS: r.timeS(time, `difficulty[${i}].time`),
      height: r.height(o.height, `difficulty[${i}].height`),
      difficulty: r.difficulty(o.difficulty, `difficulty[${i}].difficulty`),
      adjustmentRatio: adjustmentRatio(r, o.adjustment, o.height, `difficulty[${i}].adjustment`),
    };
  });
  requireAscending(r, difficulty, (d) => d.height, 'difficulty heights');
  return {
    daily,
    difficulty,
    // mempool answers 0 when its Bitcoin Core is unreachable: kept as 0 for fetchSnapshot to replace and explain.
    currentHashrateHps: root.currentHashrate === 0 ? 0 : r.hashrate(root.currentHashrate, 'currentHashrate'),
    currentDifficulty: r.difficulty(root.currentDifficulty, 'currentDifficulty'),
  };
}

export function parseDifficultyAdjustment(json: unknown): DifficultyAdjustment {
  const r = new Reader('/api/v1/difficulty-adjustment');
  const o = r.object(json, 'response');
  const dayMs = 86_400_000;
  return {
    progressPercent: r.number(o.progressPercent, 'progressPercent', 0, 100),
    difficultyChangePercent: r.number(o.difficultyChange, 'difficultyChange', -75, 300),
    estimatedRetargetMs: r.timeMs(o.estimatedRetargetDate, 'estimatedRetargetDate'),
    remainingBlocks: r.integer(o.remainingBlocks, 'remainingBlocks', 0, 2016),
    // An epoch at ¼ hash rate lasts ~8 weeks; allow a year before calling it absurd.
    remainingTimeMs: r.number(o.remainingTime, 'remainingTime', 0, 365 * dayMs),
    previousRetargetPercent: r.number(o.previousRetarget, 'previousRetarget', -75, 300),
    previousRetargetS: r.optional(o.previousTime, (v) => r.timeS(v, 'previousTime')),
    nextRetargetHeight: r.height(o.nextRetargetHeight, 'nextRetargetHeight'),
    timeAvgMs: r.positive(o.timeAvg, 'timeAvg', dayMs),
    adjustedTimeAvgMs:
      o.adjustedTimeAvg === undefined
        ? r.positive(o.timeAvg, 'timeAvg', dayMs)
        : r.positive(o.adjustedTimeAvg, 'adjustedTimeAvg', dayMs),
    expectedBlocks: r.optional(o.expectedBlocks, (v) => r.number(v, 'expectedBlocks', 0, 1e6)),
  };
}

export function parseDifficultyAdjustments(json: unknown): DifficultyRecord[] {
  const r = new Reader('/api/v1/mining/difficulty-adjustments');
  const records = r.array(json, 'response').map((item, i) => {
    const t = r.array(item, `[${i}]`);
    if (t.length < 4) r.fail(`[${i}] should be [time, height, difficulty, ratio], got ${t.length} items`);
    return {
      timeS: r.timeS(t[0], `[${i}][0] (time)`),
      height: r.height(t[1], `[${i}][1] (height)`),
      difficulty: r.difficulty(t[2], `[${i}][2] (difficulty)`),
      adjustmentRatio: adjustmentRatio(r, t[3], t[1], `[${i}][3] (ratio)`),
    };
  });
  // The API sends newest first; the model keeps everything oldest first.
  records.reverse();
  requireAscending(r, records, (d) => d.height, 'heights (newest first)');
  return records;
}

export function parseRewardStats(json: unknown): RewardStats {
  const r = new Reader('/api/v1/mining/reward-stats');
  const o = r.object(json, 'response');
  const startBlock = r.height(o.startBlock, 'startBlock');
  const endBlock = r.height(o.endBlock, 'endBlock');
  if (endBlock < startBlock) r.fail(`endBlock ${endBlock} is below startBlock ${startBlock}`);
  const blocks = endBlock - startBlock + 1;
  const totalRewardSats = r.integerString(o.totalReward, 'totalReward', LIMITS.maxSats * blocks);
  const totalFeeSats = r.integerString(o.totalFee, 'totalFee', LIMITS.maxSats * blocks);
  if (totalFeeSats > totalRewardSats) r.fail(`totalFee ${totalFeeSats} exceeds totalReward ${totalRewardSats}`);
  if (totalRewardSats === 0) r.fail('totalReward is 0');
  return { startBlock, endBlock, totalRewardSats, totalFeeSats, totalTx: r.integerString(o.totalTx, 'totalTx', 1e12) };
}

export function parsePrices(json: unknown): Prices {
  const r = new Reader('/api/v1/prices');
  const o = r.object(json, 'response');
  const perBtc: Partial<Record<Currency, number>> = {};
  for (const currency of CURRENCIES) {
    const price = optionalPrice(r, o[currency], currency);
    if (price !== null) perBtc[currency] = price;
  }
  return { timeS: r.timeS(o.time, 'time'), perBtc };
}

/** `/api/blocks/tip/height` is text/plain, not JSON. */
export function parseTipHeight(text: string): number {
  const r = new Reader('/api/blocks/tip/height');
  const trimmed = text.trim();
  if (!/^\d{1,8}$/.test(trimmed)) r.fail(`expected a block height as plain text, got ${describe(trimmed)}`);
  return r.height(Number(trimmed), 'height');
}

export function parseBlockRewards(json: unknown): BlockRewardsPoint[] {
  const r = new Reader('/api/v1/mining/blocks/rewards');
  const points = r.array(json, 'response').map((item, i) => {
    const o = r.object(item, `[${i}]`);
    return {
      avgHeight: r.number(o.avgHeight, `[${i}].avgHeight`, 0, LIMITS.maxHeight),
      timeS: r.timeS(o.timestamp, `[${i}].timestamp`),
      avgRewardsSats: r.number(o.avgRewards, `[${i}].avgRewards`, 0, LIMITS.maxSats),
      priceUsd: optionalPrice(r, o.USD, `[${i}].USD`),
    };
  });
  requireAscending(r, points, (p) => p.timeS, 'timestamps');
  return points;
}

export function parseBlockFees(json: unknown): BlockFeesPoint[] {
  const r = new Reader('/api/v1/mining/blocks/fees');
  const points = r.array(json, 'response').map((item, i) => {
    const o = r.object(item, `[${i}]`);
    return {
      avgHeight: r.number(o.avgHeight, `[${i}].avgHeight`, 0, LIMITS.maxHeight),
      timeS: r.timeS(o.timestamp, `[${i}].timestamp`),
      avgFeesSats: r.number(o.avgFees, `[${i}].avgFees`, 0, LIMITS.maxSats),
      priceUsd: optionalPrice(r, o.USD, `[${i}].USD`),
    };
  });
  requireAscending(r, points, (p) => p.timeS, 'timestamps');
  return points;
}

export function parseHistoricalPrices(json: unknown, currency: Currency): HistoricalPrices {
  const r = new Reader('/api/v1/historical-price');
  const o = r.object(json, 'response');
  const points: { timeS: number; price: number; priceUsd: number | null }[] = [];
  r.array(o.prices, 'prices').forEach((item, i) => {
    const p = r.object(item, `prices[${i}]`);
    const price = optionalPrice(r, p[currency], `prices[${i}].${currency}`);
    // Days before the instance has prices for this currency carry −1 / 0: skip them rather than fail.
    if (price === null) return;
    points.push({
      timeS: r.timeS(p.time, `prices[${i}].time`),
      price,
      priceUsd: optionalPrice(r, p.USD, `prices[${i}].USD`),
    });
  });
  points.sort((a, b) => a.timeS - b.timeS);
  return { currency, points };
}

export function parseBlocks(json: unknown): BlockSummary[] {
  const r = new Reader('/api/v1/blocks');
  const blocks = r.array(json, 'response').map((item, i) => {
    const o = r.object(item, `[${i}]`);
    const extras = o.extras === undefined || o.extras === null ? null : r.object(o.extras, `[${i}].extras`);
    const pool =
      extras?.pool === undefined || extras?.pool === null ? null : r.object(extras.pool, `[${i}].extras.pool`);
    return {
      height: r.height(o.height, `[${i}].height`),
      timeS: r.timeS(o.timestamp, `[${i}].timestamp`),
      difficulty: r.difficulty(o.difficulty, `[${i}].difficulty`),
      rewardSats: extras
        ? r.optional(extras.reward, (v) => r.integer(v, `[${i}].extras.reward`, 0, LIMITS.maxSats))
        : null,
      totalFeesSats: extras
        ? r.optional(extras.totalFees, (v) => r.integer(v, `[${i}].extras.totalFees`, 0, LIMITS.maxSats))
        : null,
      poolName: pool && typeof pool.name === 'string' ? pool.name.slice(0, 80) : null,
    };
  });
  for (let i = 1; i < blocks.length; i++) {
    if (blocks[i]!.height >= blocks[i - 1]!.height) r.fail(`heights are not descending at index ${i}`);
  }
  return blocks;
}

/**
 * Shallow check of a snapshot our own code wrote earlier (the globalState cache, the lease folder's shared
 * snapshot): the writer may be another version of the extension or the file damaged, but it is not a
 * server's response, so the shape is checked rather than every field re-parsed. The one check for both.
 */
export function isSnapshotShape(value: unknown): value is NetworkSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<NetworkSnapshot>;
  return (
    v.schema === 1 &&
    typeof v.fetchedAtMs === 'number' &&
    typeof v.sourceHost === 'string' &&
    typeof v.tipHeight === 'number' &&
    typeof v.hashrate?.currentHashrateHps === 'number' &&
    Array.isArray(v.hashrate?.daily) &&
    typeof v.adjustment?.estimatedRetargetMs === 'number' &&
    typeof v.rewardStats?.totalFeeSats === 'number' &&
    typeof v.prices?.perBtc === 'object' &&
    Array.isArray(v.latestBlocks)
  );
}
