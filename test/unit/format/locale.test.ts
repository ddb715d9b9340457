// Figures in the display language: only the grouping and decimal marks change (units, symbols, signs and
// the digits stay), and English stays exactly what the other format tests pin. Expected strings are written
// out by hand from CLDR's marks: de "." and ",", ja "," and ".", ru U+00A0 and ",".
import { afterEach, describe, expect, it } from 'vitest';
import {
  axisPercent,
  compactMoney,
  compactSi,
  formatBtc,
  formatDay,
  formatHashrate,
  formatInteger,
  formatMoney,
  formatNumber,
  formatSatsPerPhDay,
  formatSignedPercent,
  formatTrend,
  inputText,
  csvNumber,
  isoDay,
  moneyText,
  plainNumber,
} from '../../../src/core/format';
import { formatLocale, setFormatLocale } from '../../../src/core/format/locale';
import { hashrateRangeText } from '../../../src/core/views/estimateText';

afterEach(() => setFormatLocale('en'));
const NBSP = '\u00a0';
const DAY_S = Date.UTC(2026, 10, 25) / 1000;

describe('setFormatLocale', () => {
  it('is English by default and for a tag Intl refuses', () => {
    expect(formatLocale()).toBe('en');
    setFormatLocale('not a tag!');
    expect(formatLocale()).toBe('en');
    expect(formatNumber(69880.5, 2)).toBe('69,880.50');
  });
  it("takes VS Code's lower-case region ids", () => {
    setFormatLocale('zh-cn');
    expect(formatLocale()).toBe('zh-CN');
    setFormatLocale('pt-br');
    expect(formatNumber(69880.5, 2)).toBe('69.880,50');
  });
});

describe('German', () => {
  it('swaps the marks and keeps units, symbols and the true minus', () => {
    setFormatLocale('de');
    expect(formatNumber(69880.5, 2)).toBe('69.880,50');
    expect(formatNumber(-1234567.891, 1)).toBe('-1.234.567,9');
    expect(formatInteger(975123)).toBe('975.123');
    expect(plainNumber(17.5)).toBe('17,5');
    expect(formatHashrate(987.6e18)).toBe('987,6 EH/s');
    expect(formatHashrate(1.024e21)).toBe('1,024 ZH/s');
    expect(formatSignedPercent(-0.98)).toBe('\u22120,98%');
    expect(formatTrend(1.23)).toBe('↑1,2%');
    expect(formatMoney(104250, 'USD')).toBe('$104.250');
    expect(formatMoney(48.123, 'EUR')).toBe('€48,12');
    expect(moneyText(0.5, 'USD')).toBe('$0,50');
    expect(moneyText(-1.376, 'USD')).toBe('\u2212$1,38');
    expect(formatSatsPerPhDay(45900)).toBe('45.900 sats/PH/day');
    expect(formatBtc(3.125e8)).toBe('3,125 BTC');
    expect(compactSi(1.2e21)).toBe('1,2 Z');
    expect(compactMoney(1200, 'USD')).toBe('$1,2k');
    expect(axisPercent(12.5)).toBe('12,5%');
    expect(hashrateRangeText(932.4e18, 1054.4e18, 987.6e18)).toBe('932-1.054 EH/s'.replace('-', '–'));
  });
  it('leaves machine-readable numbers alone (input fields, CSV, ISO days)', () => {
    setFormatLocale('de');
    expect(inputText(0.1 + 0.2)).toBe('0.3');
    expect(csvNumber(1234.5)).toBe('1234.5');
    expect(isoDay(DAY_S)).toBe('2026-11-25');
  });
  it('writes dates in German', () => {
    setFormatLocale('de');
    expect(formatDay(DAY_S)).toBe('25. Nov. 2026');
  });
});

describe('Spanish', () => {
  // CLDR's es: "." groups, "," is the decimal mark, and a group mark only from five integer digits on
  // (minimumGroupingDigits 2): 1234,5 but 12.345,5.
  it('uses the decimal comma even where Intl shows no group mark in 1234.5', () => {
    setFormatLocale('es');
    expect(formatNumber(69880.5, 2)).toBe('69.880,50');
    expect(formatHashrate(987.6e18)).toBe('987,6 EH/s');
    expect(plainNumber(17.5)).toBe('17,5');
    expect(formatSignedPercent(-0.98)).toBe('\u22120,98%');
  });
  it('does not group four-digit numbers, as Intl does not', () => {
    setFormatLocale('es');
    expect(formatNumber(1234.5, 1)).toBe('1234,5');
    expect(formatInteger(-1234)).toBe('-1234');
    expect(formatInteger(975123)).toBe('975.123');
    expect(formatInteger(1234567)).toBe('1.234.567');
    expect(formatMoney(1234, 'EUR')).toBe('€1234');
    expect(hashrateRangeText(932.4e18, 1054.4e18, 987.6e18)).toBe('932–1054 EH/s');
    // The same as Intl's own Spanish for every integer size.
    for (const n of [7, 42, 999, 1000, 9999, 10000, 123456, 1234567, 12345678])
      expect(formatInteger(n)).toBe(new Intl.NumberFormat('es').format(n));
  });
});

describe('Japanese', () => {
  it('groups and marks decimals as English does, and writes dates in Japanese', () => {
    setFormatLocale('ja');
    expect(formatNumber(69880.5, 2)).toBe('69,880.50');
    expect(formatHashrate(987.6e18)).toBe('987.6 EH/s');
    expect(formatMoney(7500000, 'JPY')).toBe('¥7,500,000');
    expect(formatDay(DAY_S)).toBe('2026年11月25日');
  });
});

describe('Russian', () => {
  it('groups with a no-break space, marks decimals with a comma, and writes dates in Russian', () => {
    setFormatLocale('ru');
    expect(formatNumber(69880.5, 2)).toBe(`69${NBSP}880,50`);
    expect(formatInteger(1234567)).toBe(`1${NBSP}234${NBSP}567`);
    expect(formatHashrate(987.6e18)).toBe('987,6 EH/s');
    expect(formatSignedPercent(1.434)).toBe('+1,43%');
    expect(formatMoney(104250, 'USD')).toBe(`$104${NBSP}250`);
    expect(formatDay(DAY_S)).toBe('25 нояб. 2026 г.');
  });
  it('goes back to English exactly', () => {
    setFormatLocale('ru');
    formatDay(DAY_S);
    setFormatLocale('en');
    expect(formatNumber(69880.5, 2)).toBe('69,880.50');
    expect(formatHashrate(987.6e18)).toBe('987.6 EH/s');
  });
});
