import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatBlockInterval,
  formatBtc,
  formatDifficulty,
  formatDuration,
  formatHashprice,
  formatHashrate,
  formatMoney,
  formatPowerPrice,
  formatRelative,
  formatSatsPerPhDay,
  formatSignedPercent,
  formatTrend,
} from '../../../src/core/format';

describe('formatHashrate', () => {
  it('uses four significant digits and SI prefixes', () => {
    expect(formatHashrate(987.6e18)).toBe('987.6 EH/s');
    expect(formatHashrate(1.024e21)).toBe('1.024 ZH/s');
    expect(formatHashrate(99.87e18)).toBe('99.87 EH/s');
    expect(formatHashrate(1e21)).toBe('1.000 ZH/s');
  });
  it('never shows 1000.0 EH/s at the ZH/s boundary: rounding picks the prefix', () => {
    expect(formatHashrate(999.94e18)).toBe('999.9 EH/s');
    expect(formatHashrate(999.96e18)).toBe('1.000 ZH/s');
    expect(formatHashrate(999_999.6e15)).toBe('1.000 ZH/s');
  });
  it('handles tiny and huge values', () => {
    expect(formatHashrate(0)).toBe('0 H/s');
    expect(formatHashrate(7)).toBe('7.000 H/s');
    expect(formatHashrate(9273.324)).toBe('9.273 kH/s'); // genesis day
    expect(formatHashrate(4.2e24)).toBe('4.200 YH/s');
    expect(formatHashrate(4.2e27)).toBe('4200 YH/s'); // past the last prefix: no overflow, no NaN
  });
  it('never renders undefined or NaN', () => {
    expect(formatHashrate(Number.NaN)).toBe('—');
    expect(formatHashrate(undefined)).toBe('—');
    expect(formatHashrate(null)).toBe('—');
    expect(formatHashrate(-1)).toBe('—');
    expect(formatHashrate(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('formatDifficulty', () => {
  it('shows difficulty with an SI suffix', () => {
    expect(formatDifficulty(126.3e12)).toBe('126.3 T');
    expect(formatDifficulty(112149504190349.3)).toBe('112.1 T');
    expect(formatDifficulty(1)).toBe('1.000');
    expect(formatDifficulty(999.99e12)).toBe('1.000 P');
    expect(formatDifficulty(0)).toBe('—');
  });
});

describe('money and hashprice', () => {
  it('formats hashprice per PH/day', () => {
    expect(formatHashprice(48.1249, 'USD')).toBe('$48.12/PH/day');
    expect(formatHashprice(107.99249, 'EUR')).toBe('€107.99/PH/day');
    expect(formatHashprice(0.04321, 'USD')).toBe('$0.0432/PH/day');
    expect(formatHashprice(null, 'USD')).toBe('—/PH/day');
  });
  it('formats prices with grouping and magnitude-aware decimals', () => {
    expect(formatMoney(69_880, 'USD')).toBe('$69,880');
    expect(formatMoney(10_601_000, 'JPY')).toBe('¥10,601,000');
    expect(formatMoney(7_215.4, 'JPY')).toBe('¥7,215');
    expect(formatMoney(-12.4, 'GBP')).toBe('-£12.40');
    expect(formatMoney(1234.5, 'CHF')).toBe('CHF 1,235');
  });
  it('formats power prices to a tenth of a cent', () => {
    expect(formatPowerPrice(0.05, 'USD')).toBe('$0.050/kWh');
    expect(formatPowerPrice(0.08912, 'EUR')).toBe('€0.089/kWh');
    expect(formatPowerPrice(12.5, 'JPY')).toBe('¥12.5/kWh');
    expect(formatPowerPrice(null, 'USD')).toBe('—/kWh');
  });
  it('formats sats and BTC', () => {
    expect(formatSatsPerPhDay(45_918.25)).toBe('45,918 sats/PH/day');
    expect(formatSatsPerPhDay(12.34)).toBe('12.3 sats/PH/day');
    expect(formatBtc(312_500_000)).toBe('3.125 BTC');
    expect(formatBtc(2_500_000)).toBe('0.025 BTC');
    expect(formatBtc(1_234)).toBe('0.00001234 BTC');
    expect(formatBtc(0)).toBe('0 BTC');
  });
});

describe('percents', () => {
  it('signs with a true minus and two decimals', () => {
    expect(formatSignedPercent(1.4299)).toBe('+1.43%');
    expect(formatSignedPercent(-0.9778871328980188)).toBe('−0.98%');
    expect(formatSignedPercent(0.001)).toBe('0.00%');
    expect(formatSignedPercent(-0.001)).toBe('0.00%');
    expect(formatSignedPercent(Number.NaN)).toBe('—');
  });
  it('shows trends as arrows', () => {
    expect(formatTrend(-1.2)).toBe('↓1.2%');
    expect(formatTrend(3.04)).toBe('↑3.0%');
    expect(formatTrend(0.04)).toBe('→0.0%');
    expect(formatTrend(null)).toBe('');
  });
});

describe('durations', () => {
  it('uses the two largest units', () => {
    expect(formatDuration((3 * 86_400 + 4 * 3600 + 59) * 1000)).toBe('3 d 4 h');
    expect(formatDuration((2 * 3600 + 5 * 60) * 1000)).toBe('2 h 5 min');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(-5)).toBe('0 s');
  });
  it('phrases ages and relative times', () => {
    expect(formatAge(10_000)).toBe('just now');
    expect(formatAge(2 * 60_000)).toBe('2 min ago');
    expect(formatAge((3 * 3600 + 120) * 1000)).toBe('3 h ago'); // one unit is enough for an age
    expect(formatRelative(1_000 + 3_600_000, 1_000)).toBe('in 1 h');
    expect(formatRelative(0, 90 * 60_000)).toBe('1 h 30 min ago');
  });
  it('shows block intervals to the second', () => {
    expect(formatBlockInterval(553_311)).toBe('9 min 13 s');
    expect(formatBlockInterval(600_000)).toBe('10 min 0 s');
  });
});
