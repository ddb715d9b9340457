// CSV export of the visible window: one row per day, every series, units in the header, RFC 4180 quoting,
// dot decimals and no grouping so spreadsheets in any locale read the numbers back exactly.

import { SATS_PER_BTC } from '../constants';
import { csvNumber, isoDay } from '../format';
import type { Currency } from '../model';
import { HPS_PER_EHS } from '../units';
import type { DerivedSeries } from './derive';

export type CsvCell = string | number | null | undefined;

/** Quotes a field when it contains a separator, quote or line break; neutralises spreadsheet formulas. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return csvNumber(value);
  let text = value;
  // A cell starting with = + - @ is a formula in Excel/Sheets: prefix a quote (OWASP's advice).
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

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
    // Appended, so readers that find columns by position keep working. The interval's level is the
    // series' bandLevel (the user's confidenceLevel when the host derived them).
    'hashrate_ma7_low_ehs',
    'hashrate_ma7_high_ehs',
  ];
  const scale = (v: number | null | undefined, k: number): number | null =>
    v === null || v === undefined ? null : v / k;
  const rows: CsvCell[][] = [];
  const lo = Math.max(0, first);
  const hi = Math.min(series.timeS.length - 1, last);
  for (let i = lo; i <= hi; i++) {
    rows.push([
      isoDay(series.timeS[i]!),
      scale(series.hashrate[i], HPS_PER_EHS),
      scale(series.hashrateMa7[i], HPS_PER_EHS),
      scale(series.hashrateMa30[i], HPS_PER_EHS),
      series.difficulty[i],
      scale(series.difficultyHps[i], HPS_PER_EHS),
      series.hashpriceFiat[i],
      series.hashpriceSats[i],
      scale(series.rewardSats[i], SATS_PER_BTC),
      scale(series.feesSats[i], SATS_PER_BTC),
      series.feeSharePercent[i],
      series.price[i],
      scale(series.hashrateMa7Low[i], HPS_PER_EHS),
      scale(series.hashrateMa7High[i], HPS_PER_EHS),
    ]);
  }
  return toCsv(header, rows);
}
