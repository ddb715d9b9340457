import { describe, expect, it } from 'vitest';
import { difficultyFromHps } from '../../../src/core/economics';
import {
  axisDifficulty,
  axisHashrate,
  axisPercent,
  compactCount,
  compactMoney,
  compactSi,
  isoDay,
} from '../../../src/core/format';

describe('axis labels', () => {
  it('compactSi keeps 3 significant digits and rolls over to the next prefix', () => {
    expect(compactSi(0)).toBe('0');
    expect(compactSi(0.25)).toBe('0.25');
    expect(compactSi(999)).toBe('999');
    expect(compactSi(999.6)).toBe('1 k');
    expect(compactSi(1_250_000)).toBe('1.25 M');
    expect(compactSi(-2e3)).toBe('−2 k');
  });

  it('hash rates read as H/s with a prefix', () => {
    expect(axisHashrate(8e20)).toBe('800 EH/s');
    expect(axisHashrate(1e21)).toBe('1 ZH/s');
    expect(axisHashrate(500)).toBe('500 H/s');
  });

  it('the difficulty axis reads the implied hash rate back as difficulty (H·600/2³²)', () => {
    // D = 1.394e14 ⇔ H = 1.394e14 × 2³² / 600 = 9.978e20 H/s.
    expect(difficultyFromHps((1.394e14 * 2 ** 32) / 600)).toBeCloseTo(1.394e14, 0);
    expect(axisDifficulty((1.394e14 * 2 ** 32) / 600)).toBe('139 T');
  });

  it('money, counts and percents', () => {
    expect(compactMoney(48.123, 'USD')).toBe('$48.1');
    expect(compactMoney(0.123, 'EUR')).toBe('€0.12');
    expect(compactMoney(105_000, 'USD')).toBe('$105k');
    expect(compactMoney(7_500_000, 'JPY')).toBe('¥7.5M');
    expect(compactMoney(0, 'GBP')).toBe('£0');
    expect(compactCount(45_000)).toBe('45k');
    expect(compactCount(2.5e18)).toBe('2.5e18');
    expect(axisPercent(12.5)).toBe('12.5%');
    expect(isoDay(1_795_564_800)).toBe('2026-11-25');
  });
});
