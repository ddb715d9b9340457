// Formatting for the charts: short axis ticks ("800 EH/s", "$1.2k") and dates in UTC (the daily points are
// UTC days). Full-precision values use src/core/format.ts, the same strings the status bar shows.

import { HASHES_PER_DIFFICULTY, TARGET_BLOCK_SECONDS } from '../core/constants';
import type { Currency } from '../core/model';

const PREFIXES = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];

/** Up to `digits` significant digits with an SI prefix, trailing zeros dropped: 1.2e21 → "1.2 Z". */
export function compactSi(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '';
  if (value === 0) return '0';
  const sign = value < 0 ? '−' : '';
  let abs = Math.abs(value);
  let i = 0;
  while (abs >= 999.5 && i < PREFIXES.length - 1) {
    abs /= 1000;
    i++;
  }
  if (abs < 1 && i === 0) return sign + Number(abs.toPrecision(digits)).toString();
  const text = Number(abs.toPrecision(digits)).toString();
  return `${sign}${text}${PREFIXES[i] ? ` ${PREFIXES[i]}` : ''}`;
}

/** "800 EH/s", "1 ZH/s", "4.5 MH/s". */
export function axisHashrate(hps: number): string {
  const s = compactSi(hps);
  return s.includes(' ') ? `${s}H/s` : `${s} H/s`;
}

/** Difficulty whose implied hash rate (D·2³²/600) is `hps`: the hash-rate chart's right axis. */
export function difficultyFromHps(hps: number): number {
  return (hps * TARGET_BLOCK_SECONDS) / HASHES_PER_DIFFICULTY;
}

export function axisDifficulty(hps: number): string {
  return compactSi(difficultyFromHps(hps));
}

const SYMBOLS: Record<Currency, string> = { USD: '$', EUR: '€', GBP: '£', CAD: 'CA$', CHF: 'CHF ', AUD: 'A$', JPY: '¥' };

/** "$48", "$0.12", "$1.2k", "$105k", "¥7.5M". */
export function compactMoney(value: number, currency: Currency): string {
  if (!Number.isFinite(value)) return '';
  const sign = value < 0 ? '−' : '';
  const abs = Math.abs(value);
  const symbol = SYMBOLS[currency];
  if (abs >= 1000) return `${sign}${symbol}${compactSi(abs).replace(' ', '')}`;
  if (abs >= 10) return `${sign}${symbol}${Number(abs.toPrecision(3))}`;
  if (abs === 0) return `${symbol}0`;
  return `${sign}${symbol}${Number(abs.toPrecision(2))}`;
}

/** "45k", "1.2M" (sats); powers of ten beyond tera, where SI prefixes stop reading as counts. */
export function compactCount(value: number): string {
  if (Math.abs(value) >= 1e15) {
    const e = Math.floor(Math.log10(Math.abs(value)));
    return `${value < 0 ? '−' : ''}${Number((Math.abs(value) / 10 ** e).toPrecision(2))}e${e}`;
  }
  return compactSi(value).replace(' ', '');
}

export function axisPercent(value: number): string {
  return `${Number(value.toPrecision(3))}%`;
}

const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** "25 Nov 2026" (locale order), for a UTC day. */
export function formatDay(timeS: number): string {
  return dayFormat.format(timeS * 1000);
}

export function formatDayLong(timeS: number): string {
  return weekdayFormat.format(timeS * 1000);
}

/** Local day and time of a near instant (the retarget estimate, days away). */
export function formatDateTime(ms: number): string {
  return dateTimeFormat.format(ms);
}

/** "2026-11-25": tables and file names. */
export function isoDay(timeS: number): string {
  return new Date(timeS * 1000).toISOString().slice(0, 10);
}
