// mempool's history endpoints → one UTC-day grid. The sources disagree on granularity (daily hash-rate
// points, reward buckets of 30 min … 1 day depending on the period, retargets every ~2 weeks, prices per
// day or hour), so everything is binned by UTC day here and nowhere else.

import { HALVING_INTERVAL, SECONDS_PER_DAY } from '../constants';
import { subsidySats } from '../economics';
import type { BlockFeesPoint, BlockRewardsPoint, Currency, DailyHashrate, DifficultyRecord } from '../model';
import type { AdjustmentColumns, DailyColumns, Halving, HistoryDataset, RangeId } from './types';

/** Longest grid we build (≈ 55 years): a guard against a hostile or broken timestamp. */
const MAX_DAYS = 20_000;
/** A missing price is carried forward over short gaps only. */
const PRICE_CARRY_DAYS = 3;

export interface PricePoint {
  readonly timeS: number;
  readonly price: number;
}

/** Everything one range needs, as parsed from the API. */
export interface HistoryParts {
  readonly hashrate: readonly DailyHashrate[];
  /** Retargets, oldest first; ideally the whole history so every day's difficulty is known. */
  readonly adjustments: readonly DifficultyRecord[];
  readonly rewards: readonly BlockRewardsPoint[];
  /** null when the fees series is unavailable: fees are then estimated as reward − subsidy. */
  readonly fees: readonly BlockFeesPoint[] | null;
  /** Prices in the dataset's currency; null → the USD prices carried by the reward buckets. */
  readonly prices: readonly PricePoint[] | null;
}

export interface DatasetMeta {
  readonly range: RangeId;
  readonly currency: Currency;
  readonly sourceHost: string;
  readonly fetchedAtMs: number;
  readonly notes?: readonly string[];
}

export function dayIndexOf(timeS: number): number {
  return Math.floor(timeS / SECONDS_PER_DAY);
}

/** Mean per day of the points falling on each day of the grid; null where none. */
export function binDailyMean<T>(
  points: readonly T[],
  firstDay: number,
  dayCount: number,
  timeOf: (p: T) => number,
  valueOf: (p: T) => number | null,
): (number | null)[] {
  const sum = new Float64Array(dayCount);
  const count = new Uint32Array(dayCount);
  for (const p of points) {
    const i = dayIndexOf(timeOf(p)) - firstDay;
    if (i < 0 || i >= dayCount) continue;
    const v = valueOf(p);
    if (v === null || !Number.isFinite(v)) continue;
    sum[i] = sum[i]! + v;
    count[i] = count[i]! + 1;
  }
  const out = new Array<number | null>(dayCount);
  for (let i = 0; i < dayCount; i++) out[i] = count[i]! > 0 ? sum[i]! / count[i]! : null;
  return out;
}

/** Fills gaps of at most `maxDays` with the last known value (never before the first value). */
export function carryForward(values: readonly (number | null)[], maxDays: number): (number | null)[] {
  const out = values.slice();
  let last: number | null = null;
  let gap = 0;
  for (let i = 0; i < out.length; i++) {
    const v = out[i];
    if (v !== null && v !== undefined) {
      last = v;
      gap = 0;
    } else if (last !== null && gap < maxDays) {
      out[i] = last;
      gap++;
    }
  }
  return out;
}

/**
 * Difficulty in force at the end of each day. Days before the first known retarget get the difficulty
 * that retarget replaced (difficulty ÷ ratio), so a range that starts mid-epoch is still complete.
 */
export function difficultyPerDay(
  adjustments: readonly DifficultyRecord[],
  firstDay: number,
  dayCount: number,
): (number | null)[] {
  const out = new Array<number | null>(dayCount).fill(null);
  if (adjustments.length === 0) return out;
  const first = adjustments[0]!;
  let current: number | null =
    first.adjustmentRatio > 0 && first.height > 0 ? first.difficulty / first.adjustmentRatio : null;
  let k = 0;
  for (let i = 0; i < dayCount; i++) {
    const dayEndS = (firstDay + i + 1) * SECONDS_PER_DAY;
    while (k < adjustments.length && adjustments[k]!.timeS < dayEndS) {
      current = adjustments[k]!.difficulty;
      k++;
    }
    out[i] = current;
  }
  return out;
}

/**
 * Heights → times of the halvings inside the known history, interpolated between the nearest known
 * (height, time) pairs (reward buckets: many per day; retargets: every 2016 blocks).
 */
export function halvingTimes(anchors: readonly { readonly height: number; readonly timeS: number }[]): Halving[] {
  const sorted = anchors
    .filter((a) => Number.isFinite(a.height) && Number.isFinite(a.timeS))
    .slice()
    .sort((a, b) => a.height - b.height);
  if (sorted.length < 2) return [];
  const out: Halving[] = [];
  const maxHeight = sorted[sorted.length - 1]!.height;
  let j = 0;
  for (let index = 1; index * HALVING_INTERVAL <= maxHeight; index++) {
    const height = index * HALVING_INTERVAL;
    while (j < sorted.length - 1 && sorted[j + 1]!.height < height) j++;
    const a = sorted[j]!;
    const b = sorted[Math.min(j + 1, sorted.length - 1)]!;
    if (a.height > height || b.height < height) continue;
    const timeS =
      b.height === a.height ? a.timeS : a.timeS + ((height - a.height) / (b.height - a.height)) * (b.timeS - a.timeS);
    out.push({ index, height, timeS: Math.round(timeS) });
  }
  return out;
}

export function adjustmentColumns(adjustments: readonly DifficultyRecord[]): AdjustmentColumns {
  return {
    timeS: adjustments.map((a) => a.timeS),
    height: adjustments.map((a) => a.height),
    difficulty: adjustments.map((a) => a.difficulty),
    ratio: adjustments.map((a) => a.adjustmentRatio),
  };
}

/** Merges two retarget lists (e.g. the range's own and the whole-history list) by height, oldest first. */
export function mergeAdjustments(...lists: readonly (readonly DifficultyRecord[])[]): DifficultyRecord[] {
  const byHeight = new Map<number, DifficultyRecord>();
  for (const list of lists)
    for (const record of list) if (!byHeight.has(record.height)) byHeight.set(record.height, record);
  return [...byHeight.values()].sort((a, b) => a.height - b.height);
}

export function buildHistoryDataset(parts: HistoryParts, meta: DatasetMeta): HistoryDataset {
  const notes = [...(meta.notes ?? [])];
  const times = [
    ...(parts.hashrate.length ? [parts.hashrate[0]!.timeS, parts.hashrate[parts.hashrate.length - 1]!.timeS] : []),
    ...(parts.rewards.length ? [parts.rewards[0]!.timeS, parts.rewards[parts.rewards.length - 1]!.timeS] : []),
  ];
  let firstDay = times.length ? dayIndexOf(Math.min(...times)) : 0;
  const lastDay = times.length ? dayIndexOf(Math.max(...times)) : -1;
  if (lastDay - firstDay + 1 > MAX_DAYS) firstDay = lastDay - MAX_DAYS + 1;
  const n = Math.max(0, lastDay - firstDay + 1);

  const timeS = new Array<number>(n);
  for (let i = 0; i < n; i++) timeS[i] = (firstDay + i) * SECONDS_PER_DAY;

  const hashrateHps = binDailyMean(
    parts.hashrate,
    firstDay,
    n,
    (p) => p.timeS,
    (p) => p.hashrateHps,
  );
  const difficulty = difficultyPerDay(parts.adjustments, firstDay, n);
  const rewardSats = binDailyMean(
    parts.rewards,
    firstDay,
    n,
    (p) => p.timeS,
    (p) => p.avgRewardsSats,
  );

  let feesSats: (number | null)[];
  if (parts.fees) {
    feesSats = binDailyMean(
      parts.fees,
      firstDay,
      n,
      (p) => p.timeS,
      (p) => p.avgFeesSats,
    );
  } else {
    // Without the fees series: reward − subsidy at the bucket's mean height (off on the bucket of a halving).
    feesSats = binDailyMean(
      parts.rewards,
      firstDay,
      n,
      (p) => p.timeS,
      (p) => Math.max(0, p.avgRewardsSats - subsidySats(Math.round(p.avgHeight))),
    );
    if (parts.rewards.length > 0) notes.push('Fees estimated as reward − subsidy (the fees series was unavailable).');
  }

  const rawPrice = parts.prices
    ? binDailyMean(
        parts.prices,
        firstDay,
        n,
        (p) => p.timeS,
        (p) => (p.price > 0 ? p.price : null),
      )
    : binDailyMean(
        parts.rewards,
        firstDay,
        n,
        (p) => p.timeS,
        (p) => p.priceUsd,
      );
  const price = carryForward(rawPrice, PRICE_CARRY_DAYS);

  const anchors = [
    ...parts.adjustments.map((a) => ({ height: a.height, timeS: a.timeS })),
    ...parts.rewards.map((r) => ({ height: r.avgHeight, timeS: r.timeS })),
  ];

  return {
    schema: 1,
    range: meta.range,
    currency: meta.currency,
    sourceHost: meta.sourceHost,
    fetchedAtMs: meta.fetchedAtMs,
    days: { timeS, hashrateHps, difficulty, rewardSats, feesSats, price } satisfies DailyColumns,
    adjustments: adjustmentColumns(parts.adjustments),
    halvings: halvingTimes(anchors),
    notes,
  };
}
