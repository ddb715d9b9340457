// Figures as a screen reader should say them: units spelled out ("exahashes per second", "US dollars"),
// signs as words ("minus", "up"), no symbols a speech engine reads letter by letter. The status bar item's
// accessible label is built from these.

import type { Currency } from '../model';
import { formatDuration } from './durations';
import { formatNumber } from './numbers';
import { scaleSi } from './si';

const HASH_PREFIX_WORDS = ['', 'kilo', 'mega', 'giga', 'tera', 'peta', 'exa', 'zetta', 'yotta'] as const;
/** Large counts (difficulty) in the short scale English speakers use. */
const COUNT_WORDS = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion', 'quintillion'] as const;

export const CURRENCY_NAMES: Readonly<Record<Currency, string>> = {
  USD: 'US dollars',
  EUR: 'euros',
  GBP: 'pounds sterling',
  CAD: 'Canadian dollars',
  CHF: 'Swiss francs',
  AUD: 'Australian dollars',
  JPY: 'Japanese yen',
};

/** The unit of hashprice and hashvalue (PH/s per day), spoken. */
export const SPOKEN_PER_PH_DAY = 'per petahash per second per day';

const NO_VALUE = 'not available';

/** "991.8 exahashes per second" (four significant digits, as formatHashrate). */
export function spokenHashrate(hps: number | null | undefined): string {
  if (hps === null || hps === undefined || !Number.isFinite(hps) || hps < 0) return NO_VALUE;
  const scaled = scaleSi(hps, 4);
  if (!scaled) return NO_VALUE;
  return `${scaled.text} ${HASH_PREFIX_WORDS[scaled.index]}hashes per second`;
}

/** "47.08 US dollars", "minus 3.10 euros" (decimals as formatMoney: whole units from 1,000, 4 below 1). */
export function spokenMoney(value: number | null | undefined, currency: Currency): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  const abs = Math.abs(value);
  const wholeFrom = currency === 'JPY' ? 1 : 1000;
  const decimals = abs >= wholeFrom ? 0 : abs >= 1 ? 2 : 4;
  const text = formatNumber(abs, decimals);
  const negative = value < 0 && Number(text.replace(/,/g, '')) !== 0;
  return `${negative ? 'minus ' : ''}${text} ${CURRENCY_NAMES[currency]}`;
}

/** "plus 1.23 percent", "minus 0.98 percent", "0.00 percent". */
export function spokenSignedPercent(percent: number | null | undefined, decimals = 2): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return NO_VALUE;
  const text = formatNumber(Math.abs(percent), decimals);
  const rounded = Number(text.replace(/,/g, ''));
  if (rounded === 0) return `${text} percent`;
  return `${percent > 0 ? 'plus' : 'minus'} ${text} percent`;
}

/** "up 5.8 percent over 7 days", "down 1.2 percent…", "unchanged over 7 days"; '' without a trend. */
export function spokenTrend(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '';
  const rounded = Number(percent.toFixed(1));
  if (rounded === 0) return 'unchanged over 7 days';
  return `${rounded > 0 ? 'up' : 'down'} ${Math.abs(rounded).toFixed(1)} percent over 7 days`;
}

/** "138.0 trillion" (four significant digits). */
export function spokenCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value) || value < 0) return NO_VALUE;
  const scaled = scaleSi(value, 4);
  if (!scaled) return NO_VALUE;
  if (scaled.index >= COUNT_WORDS.length) return formatNumber(value, 0);
  const word = COUNT_WORDS[scaled.index];
  return word ? `${scaled.text} ${word}` : scaled.text;
}

const DURATION_WORDS: Readonly<Record<string, [string, string]>> = {
  d: ['day', 'days'],
  h: ['hour', 'hours'],
  min: ['minute', 'minutes'],
  s: ['second', 'seconds'],
};

/** "3 days 4 hours", "1 minute" (formatDuration's two largest units, spelled out). */
export function spokenDuration(ms: number): string {
  return formatDuration(ms).replace(/(\d+) (d|h|min|s)\b/g, (_, n: string, unit: string) => {
    const [one, many] = DURATION_WORDS[unit]!;
    return `${n} ${n === '1' ? one : many}`;
  });
}

/** "in 3 days 4 hours" or "2 hours ago". */
export function spokenRelative(targetMs: number, nowMs: number): string {
  const delta = targetMs - nowMs;
  if (!Number.isFinite(delta)) return NO_VALUE;
  return delta >= 0 ? `in ${spokenDuration(delta)}` : `${spokenDuration(-delta)} ago`;
}
