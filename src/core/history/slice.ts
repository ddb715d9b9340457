// Finding days by time in a sorted day grid: the visible window of a zoomed chart, "the value 30 days ago".

import { SECONDS_PER_DAY } from '../constants';

/** Index of the first element ≥ target (n when none). */
export function lowerBound(sorted: readonly number[], target: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element > target (n when none). */
export function upperBound(sorted: readonly number[], target: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Inclusive index bounds [first, last] of the entries with fromS ≤ time ≤ toS, or null when none.
 * Bounds may be given in any order.
 */
export function indexRange(timeS: readonly number[], fromS: number, toS: number): [number, number] | null {
  const lo = Math.min(fromS, toS);
  const hi = Math.max(fromS, toS);
  const first = lowerBound(timeS, lo);
  const last = upperBound(timeS, hi) - 1;
  return first <= last ? [first, last] : null;
}

/** Index of the entry closest in time (ties to the earlier one); -1 for an empty grid. */
export function nearestIndex(timeS: readonly number[], target: number): number {
  if (timeS.length === 0) return -1;
  const i = lowerBound(timeS, target);
  if (i === 0) return 0;
  if (i >= timeS.length) return timeS.length - 1;
  return target - timeS[i - 1]! <= timeS[i]! - target ? i - 1 : i;
}

/**
 * The last non-null value at or before `targetS`, looking back at most `maxLookbackDays`; null if none.
 */
export function valueAtOrBefore(
  timeS: readonly number[],
  values: readonly (number | null)[],
  targetS: number,
  maxLookbackDays = 3,
): number | null {
  let i = upperBound(timeS, targetS) - 1;
  const limit = targetS - maxLookbackDays * SECONDS_PER_DAY;
  for (; i >= 0 && timeS[i]! >= limit; i--) {
    const v = values[i];
    if (v !== null && v !== undefined) return v;
  }
  return null;
}

/** Percent change from `before` to `after`; null unless both are positive numbers. */
export function percentChange(after: number | null, before: number | null): number | null {
  if (after === null || before === null || !(before > 0) || !Number.isFinite(after)) return null;
  return (after / before - 1) * 100;
}
