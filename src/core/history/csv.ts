// CSV export of the visible window: one row per day, every series, units in the header, RFC 4180 quoting,
// dot decimals and no grouping so spreadsheets in any locale read the numbers back exactly.

import { SATS_PER_BTC } from '../constants';
import type { Currency } from '../model';
import type { DerivedSeries } from './derive';

export type CsvCell = string | number | null | undefined;

/** Quotes a field when it contains a separator, quote or line break; neutralises spreadsheet formulas. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? numberText(value) : '';
  let text = value;
  // A cell starting with = + - @ is a formula in Excel/Sheets: prefix a quote (OWASP's advice).
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * At least 10 significant digits at every magnitude, trailing zeros dropped: large values keep every
 * integer digit (a difficulty of 31,251,101,365,711 stays whole); tiny ones (early-2009 hash rates in EH/s,
 * 1e-9) keep 10 digits and may take an exponent, which spreadsheets read back exactly.
 */
export function numberText(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e21) return value.toPrecision(10).replace(/\.?0+e/, 'e');
  if (abs < 1e-3) return Number(value.toPrecision(10)).toString();
  const decimals = Math.max(0, 9 - Math.floor(Math.log10(abs)));
  return Number(value.toFixed(decimals)).toString();
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** "2026-11-25" for a UTC-midnight time. */
export function isoDate(timeS: number): string {
  return new Date(timeS * 1000).toISOString().slice(0, 10);
}

const EHS = 1e18;

/** The whole visible window [first, last] (inclusive indices) of a derived series set, as CSV text. */
export function historyCsv(series: DerivedSeries, currency: Currency, first: number, last: number): string {
  const cur = currency.toLowerCase();
  const header = [
    'date_utc',
    'hashrate_daily_ehs',
    'hashrate_ma7_ehs',
    'hashrate_ma30_ehs',
    'difficulty',
    'difficulty_implied_hashrate_ehs',
    `hashprice_${cur}_per_ph_day`,
    'hashprice_sats_per_ph_day',
    'reward_btc_per_block',
    'fees_btc_per_block',
    'fee_share_percent',
    `btc_price_${cur}`,
  ];
  const scale = (v: number | null | undefined, k: number): number | null => (v === null || v === undefined ? null : v / k);
  const rows: CsvCell[][] = [];
  const lo = Math.max(0, first);
  const hi = Math.min(series.timeS.length - 1, last);
  for (let i = lo; i <= hi; i++) {
    rows.push([
      isoDate(series.timeS[i]!),
      scale(series.hashrate[i], EHS),
      scale(series.hashrateMa7[i], EHS),
      scale(series.hashrateMa30[i], EHS),
      series.difficulty[i],
      scale(series.difficultyHps[i], EHS),
      series.hashpriceFiat[i],
      series.hashpriceSats[i],
      scale(series.rewardSats[i], SATS_PER_BTC),
      scale(series.feesSats[i], SATS_PER_BTC),
      series.feeSharePercent[i],
      series.price[i],
    ]);
  }
  return toCsv(header, rows);
}
