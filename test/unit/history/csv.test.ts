import { describe, expect, it } from 'vitest';
import { isoDay } from '../../../src/core/format';
import { csvField, historyCsv, toCsv } from '../../../src/core/history/csv';
import type { DerivedSeries } from '../../../src/core/history/derive';

describe('csvField', () => {
  it('quotes separators, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('neutralises spreadsheet formulas in text, not negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-5)).toBe('-5');
  });

  it('writes numbers with a dot, no grouping, no float noise, blanks for gaps', () => {
    expect(csvField(0.1 + 0.2)).toBe('0.3');
    expect(csvField(1234567.891)).toBe('1234567.891');
    expect(csvField(110568428300952.7)).toBe('110568428300953');
    expect(csvField(5.3e-5)).toBe('0.000053');
    expect(csvField(null)).toBe('');
  });

  it('keeps 10 significant digits for tiny values (early hash rates in EH/s), not a fixed number of decimals', () => {
    // 2010-06-19's daily hash rate: 1.007303665340703e-9 EH/s was written as 1.007e-9 by a 12-decimal cut.
    expect(csvField(1.007303665340703e-9)).toBe('1.007303665e-9');
    expect(csvField(1.2345678901234e-7)).toBe('1.23456789e-7');
    expect(csvField(0.00012345678901234)).toBe('0.000123456789');
    expect(csvField(0.0123456789012)).toBe('0.0123456789');
    expect(csvField(Number.NaN)).toBe('');
  });
});

describe('toCsv', () => {
  it('joins with commas and CRLF, ending with a line break', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, null],
          ['x,y', 2],
        ],
      ),
    ).toBe('a,b\r\n1,\r\n"x,y",2\r\n');
  });
});

describe('historyCsv', () => {
  const series: DerivedSeries = {
    timeS: [1_795_478_400, 1_795_564_800],
    hashrate: [9.5e20, null],
    hashrateMa7: [9.7e20, 9.8e20],
    hashrateMa7Low: [9.1e20, null],
    hashrateMa7High: [1.03e21, null],
    bandLevel: 0.95,
    hashrateMa30: [9.9e20, 9.9e20],
    difficulty: [1.394e14, 1.394e14],
    difficultyHps: [9.98e20, 9.98e20],
    hashpriceFiat: [45.81, 45.5],
    hashpriceSats: [45_441, 45_200],
    rewardSats: [315_000_000, 313_000_000],
    feesSats: [2_500_000, 500_000],
    feeSharePercent: [0.79, 0.16],
    price: [100_822, 100_644],
  };

  it('has a header with units and one row per day of the window', () => {
    const lines = historyCsv(series, 'EUR', 0, 1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'date_utc,hashrate_daily_ehs,hashrate_ma7_ehs,hashrate_ma30_ehs,difficulty,difficulty_implied_hashrate_ehs,hashprice_eur_per_ph_day,hashprice_sats_per_ph_day,reward_btc_per_block,fees_btc_per_block,fee_share_percent,btc_price_eur,hashrate_ma7_low_ehs,hashrate_ma7_high_ehs',
    );
    expect(lines[1]).toBe('2026-11-24,950,970,990,139400000000000,998,45.81,45441,3.15,0.025,0.79,100822,910,1030');
    expect(lines[2]).toBe('2026-11-25,,980,990,139400000000000,998,45.5,45200,3.13,0.005,0.16,100644,,');
  });

  it('exports only the requested window', () => {
    expect(historyCsv(series, 'USD', 1, 1).trimEnd().split('\r\n')).toHaveLength(2);
  });

  it('isoDay is the UTC day', () => {
    expect(isoDay(1_795_564_800)).toBe('2026-11-25');
  });
});
