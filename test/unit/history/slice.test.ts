import { describe, expect, it } from 'vitest';
import {
  indexRange,
  lowerBound,
  nearestIndex,
  percentChange,
  upperBound,
  valueAtOrBefore,
} from '../../../src/core/history/slice';

const DAY = 86_400;
// Real UTC midnights (2026-11-20 … 2026-11-24): at this magnitude 1e-9 vanishes in floating point.
const T = [1_795_132_800, 1_795_219_200, 1_795_305_600, 1_795_392_000, 1_795_478_400];

describe('bounds', () => {
  it('lowerBound finds the first ≥, upperBound the first >', () => {
    expect(lowerBound(T, T[2]!)).toBe(2);
    expect(upperBound(T, T[2]!)).toBe(3);
    expect(lowerBound(T, 0)).toBe(0);
    expect(upperBound(T, T[4]! + 1)).toBe(5);
  });
});

describe('indexRange', () => {
  it('includes both exact ends (regression: the last day was dropped at Unix-second magnitudes)', () => {
    expect(indexRange(T, T[0]!, T[4]!)).toEqual([0, 4]);
    expect(indexRange(T, T[1]!, T[3]!)).toEqual([1, 3]);
  });

  it('takes the days inside a window that falls between midnights, in either order', () => {
    expect(indexRange(T, T[3]! - 10, T[1]! + 10)).toEqual([2, 2]);
    expect(indexRange(T, T[3]! + 10, T[1]! - 10)).toEqual([1, 3]);
  });

  it('is null when no day is inside', () => {
    expect(indexRange(T, T[0]! + 1, T[0]! + 10)).toBeNull();
    expect(indexRange([], 0, 1)).toBeNull();
  });
});

describe('nearestIndex', () => {
  it('picks the closest day, ties to the earlier', () => {
    expect(nearestIndex(T, T[1]! + DAY / 2)).toBe(1);
    expect(nearestIndex(T, T[1]! + DAY / 2 + 1)).toBe(2);
    expect(nearestIndex(T, -5)).toBe(0);
    expect(nearestIndex(T, 9e9)).toBe(4);
    expect(nearestIndex([], 1)).toBe(-1);
  });
});

describe('valueAtOrBefore', () => {
  const values = [10, null, 30, null, null];
  it('returns the last value at or before the time, looking back a few days', () => {
    expect(valueAtOrBefore(T, values, T[2]!)).toBe(30);
    expect(valueAtOrBefore(T, values, T[1]!)).toBe(10);
    expect(valueAtOrBefore(T, values, T[4]!)).toBe(30);
    expect(valueAtOrBefore(T, values, T[4]!, 1)).toBeNull();
    expect(valueAtOrBefore(T, values, T[0]! - 1)).toBeNull();
  });
});

describe('percentChange', () => {
  it('is after/before − 1 in percent, null without a positive base', () => {
    expect(percentChange(110, 100)).toBeCloseTo(10, 12);
    expect(percentChange(90, 100)).toBeCloseTo(-10, 12);
    expect(percentChange(1, 0)).toBeNull();
    expect(percentChange(null, 1)).toBeNull();
  });
});
