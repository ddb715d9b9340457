import { describe, expect, it } from 'vitest';
import { formatMoneyCompact, formatPowerCompact, formatPowerRangeCompact } from '../../../src/core/format';

describe('formatPowerCompact', () => {
  it('two significant digits, the largest unit that keeps the value ≥ 1 after rounding', () => {
    expect(formatPowerCompact(1.32e9)).toBe('1.3 GW');
    expect(formatPowerCompact(8.1e8)).toBe('810 MW');
    // 996 MW rounds to 1,000 MW at two digits: that is 1 GW.
    expect(formatPowerCompact(9.96e8)).toBe('1 GW');
    expect(formatPowerCompact(1.44e10)).toBe('14 GW');
    expect(formatPowerCompact(-4.5e4)).toBe('−45 kW');
    expect(formatPowerCompact(0)).toBe('0 W');
    expect(formatPowerCompact(Number.NaN)).toBe('—');
    expect(formatPowerCompact(null)).toBe('—');
  });

  it('ranges share the unit when both ends have it', () => {
    expect(formatPowerRangeCompact(9.09e9, 1.9e10)).toBe('9.1–19 GW');
    expect(formatPowerRangeCompact(8.5e8, 1.2e9)).toBe('850 MW–1.2 GW');
    expect(formatPowerRangeCompact(8.5e8, null)).toBe('—');
  });
});

describe('formatMoneyCompact', () => {
  it('currency symbol, two significant digits and a scale word', () => {
    expect(formatMoneyCompact(1.584e9, 'USD')).toBe('$1.6 B');
    expect(formatMoneyCompact(494_940_000, 'USD')).toBe('$490 M');
    expect(formatMoneyCompact(-12_345, 'CHF')).toBe('−CHF 12 k');
    expect(formatMoneyCompact(7.5, 'JPY')).toBe('¥7.5');
    expect(formatMoneyCompact(2.5e12, 'EUR')).toBe('€2.5 T');
    expect(formatMoneyCompact(0, 'GBP')).toBe('£0');
    expect(formatMoneyCompact(Number.POSITIVE_INFINITY, 'EUR')).toBe('—');
  });
});
