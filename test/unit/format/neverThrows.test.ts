// Every format function returns text for any number: untrusted data (a server's 1e-200 difficulty, a NaN
// from a division, a date past year 275,760) must show as a dash or an odd figure, never crash a view.
import { describe, expect, it } from 'vitest';
import * as format from '../../../src/core/format';
import { CURRENCIES } from '../../../src/core/model';

const NASTY = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e-200,
  -1e-200,
  1e300,
  -1e300,
  -1,
  -0,
  0,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  8.64e15,
  2 ** 53,
];

type AnyFunction = (...args: unknown[]) => unknown;
const functions = Object.entries(format as Record<string, unknown>).filter(
  (e): e is [string, AnyFunction] => typeof e[1] === 'function',
);
/** Their second argument is a currency (typed), not a number. */
const MONEY = new Set([
  'formatMoney',
  'formatPowerPrice',
  'formatHashprice',
  'moneyText',
  'compactMoney',
  'formatMoneyCompact',
]);

describe('format functions never throw', () => {
  it('covers the whole module', () => {
    // A new export is checked automatically; this pins that the list is not accidentally empty.
    expect(functions.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'formatHashrate',
        'formatDifficulty',
        'formatMoney',
        'formatDay',
        'isoDay',
        'compactSi',
        'csvNumber',
      ]),
    );
  });

  for (const [name, fn] of functions) {
    it(`${name} returns text for NaN, ±Infinity, 1e-200, 1e300 and negatives, in any argument`, () => {
      for (const v of NASTY) {
        for (const currency of CURRENCIES) expect(typeof fn(v, currency), `${name}(${v}, ${currency})`).toBe('string');
        // The second argument is decimals, digits or "now" for some: bad values there must not throw either.
        if (!MONEY.has(name)) for (const w of NASTY) expect(typeof fn(v, w), `${name}(${v}, ${w})`).toBe('string');
        if (!MONEY.has(name)) expect(typeof fn(v), `${name}(${v})`).toBe('string');
      }
    });
  }
});

describe('tiny and huge values read sensibly', () => {
  it('a difficulty or hash rate of 1e-200 takes an exponent instead of throwing (toFixed stops at 100 decimals)', () => {
    expect(format.formatDifficulty(1e-200)).toBe('1.000e-200');
    expect(format.formatHashrate(1e-200)).toBe('1.000e-200 H/s');
    // The largest value with plain decimals is unchanged: 96 zeros then 4 digits.
    expect(format.formatHashrate(1e-97)).toBe(`0.${'0'.repeat(96)}1000 H/s`);
  });

  it('decimals out of range are clamped, not thrown', () => {
    expect(format.formatNumber(1.5, 500)).toBe(`1.5${'0'.repeat(99)}`);
    expect(format.formatNumber(1234.5, -3)).toBe('1,235');
    expect(format.formatSignedPercent(-1.25, Number.NaN)).toBe('−1%');
    expect(format.compactSi(1234, 0)).toBe('1 k');
  });

  it('dates outside what Date holds are a dash', () => {
    expect(format.formatDay(Number.NaN)).toBe('—');
    expect(format.formatDayLong(1e300)).toBe('—');
    expect(format.formatDateTime(Number.POSITIVE_INFINITY)).toBe('—');
    expect(format.isoDay(-1e300)).toBe('—');
    expect(format.isoDay(8.64e12)).toBe('+275760-09'); // the last day Date holds: odd, but text
  });
});
