// Presentation of numbers: SI prefixes, currencies, durations, signed percents. Pure and locale-stable
// (decimal point, no grouping surprises) so tests pin exact strings.

import type { Currency } from './model';

const HASHRATE_UNITS = ['H/s', 'kH/s', 'MH/s', 'GH/s', 'TH/s', 'PH/s', 'EH/s', 'ZH/s', 'YH/s'] as const;
const SI_SUFFIXES = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'] as const;

/**
 * Scales a value to an SI prefix and rounds to `digits` significant digits (3 below 1000 → "987.6" has 4).
 * Rounding happens before the prefix is chosen, so 999.96 EH/s becomes "1.000 ZH/s", never "1000.0 EH/s".
 */
function scaleSi(value: number, digits: number): { text: string; index: number } | null {
  if (!Number.isFinite(value)) return null;
  if (value === 0) return { text: '0', index: 0 };
  const sign = value < 0 ? '-' : '';
  let abs = Math.abs(value);
  let index = 0;
  while (abs >= 1000 && index < SI_SUFFIXES.length - 1) {
    abs /= 1000;
    index++;
  }
  let decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  let rounded = Number(abs.toFixed(decimals));
  if (rounded >= 1000 && index < SI_SUFFIXES.length - 1) {
    abs = rounded / 1000;
    index++;
    decimals = digits - 1;
    rounded = Number(abs.toFixed(decimals));
  }
  return { text: sign + rounded.toFixed(decimals), index };
}

/** "987.6 EH/s", "1.024 ZH/s": four significant digits, the largest prefix that keeps the value ≥ 1. */
export function formatHashrate(hps: number | null | undefined): string {
  if (hps === null || hps === undefined || !Number.isFinite(hps) || hps < 0) return '—';
  const scaled = scaleSi(hps, 4);
  if (!scaled) return '—';
  return `${scaled.text} ${HASHRATE_UNITS[scaled.index]}`;
}

/** Difficulty with an SI suffix: "126.3 T". */
export function formatDifficulty(difficulty: number | null | undefined): string {
  if (difficulty === null || difficulty === undefined || !Number.isFinite(difficulty) || difficulty <= 0) return '—';
  const scaled = scaleSi(difficulty, 4);
  if (!scaled) return '—';
  const suffix = SI_SUFFIXES[scaled.index];
  return suffix ? `${scaled.text} ${suffix}` : scaled.text;
}

const CURRENCY_SYMBOLS: Record<Currency, string> = {
  USD: '$',
  EUR: '€',
  GBP: '£',
  CAD: 'CA$',
  CHF: 'CHF ',
  AUD: 'A$',
  JPY: '¥',
};

function groupThousands(integerPart: string): string {
  return integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Fixed decimals with thousands separators: 69880 → "69,880.00". */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '—';
  const fixed = Math.abs(value).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return sign + groupThousands(int!) + (frac ? `.${frac}` : '');
}

/**
 * Money with the currency's symbol. Decimals adapt to magnitude so small hashprices keep precision:
 * ≥ 1000 → 0 decimals (BTC price), ≥ 1 → 2, below → 4. JPY never shows sub-yen unless below ¥1.
 */
export function formatMoney(value: number | null | undefined, currency: Currency): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  let decimals = abs >= 1000 ? 0 : abs >= 1 ? 2 : 4;
  if (currency === 'JPY' && abs >= 1) decimals = 0;
  const sign = value < 0 ? '-' : '';
  return `${sign}${CURRENCY_SYMBOLS[currency]}${formatNumber(abs, decimals)}`;
}

/** Power prices: "$0.050/kWh" — a tenth of a cent matters, a hundredth of one does not. */
export function formatPowerPrice(perKwh: number | null | undefined, currency: Currency): string {
  if (perKwh === null || perKwh === undefined || !Number.isFinite(perKwh)) return '—/kWh';
  const decimals = currency === 'JPY' ? 1 : 3;
  return `${perKwh < 0 ? '-' : ''}${CURRENCY_SYMBOLS[currency]}${formatNumber(Math.abs(perKwh), decimals)}/kWh`;
}

/** "$48.12/PH/day". */
export function formatHashprice(value: number | null | undefined, currency: Currency): string {
  return `${formatMoney(value, currency)}/PH/day`;
}

/** Sats with grouping: "45,900 sats/PH/day". */
export function formatSatsPerPhDay(sats: number | null | undefined): string {
  if (sats === null || sats === undefined || !Number.isFinite(sats)) return '— sats/PH/day';
  return `${formatNumber(sats, sats >= 100 ? 0 : 1)} sats/PH/day`;
}

/** BTC amounts: "3.125 BTC", "0.03123 BTC" (4 significant digits, at least 3 and at most 8 decimals, trailing zeros dropped). */
export function formatBtc(sats: number | null | undefined): string {
  if (sats === null || sats === undefined || !Number.isFinite(sats)) return '— BTC';
  const btc = sats / 1e8;
  const abs = Math.abs(btc);
  const decimals = abs === 0 ? 0 : Math.min(8, Math.max(3, 3 - Math.floor(Math.log10(abs))));
  return `${Number(btc.toFixed(decimals)).toString()} BTC`;
}

/** "+1.43%", "−0.98%", "0.00%": always signed, a true minus sign, two decimals. */
export function formatSignedPercent(percent: number | null | undefined, decimals = 2): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '—';
  const rounded = Number(percent.toFixed(decimals));
  if (rounded === 0) return `${(0).toFixed(decimals)}%`;
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(decimals)}%`;
}

/** Arrow + unsigned percent for compact trend display: "↑1.2%", "↓0.4%", "→0.0%". */
export function formatTrend(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '';
  const rounded = Number(percent.toFixed(1));
  const arrow = rounded > 0 ? '↑' : rounded < 0 ? '↓' : '→';
  return `${arrow}${Math.abs(rounded).toFixed(1)}%`;
}

/** Plain percent for shares and progress: "72.0%". */
export function formatPercent(percent: number | null | undefined, decimals = 1): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '—';
  return `${percent.toFixed(decimals)}%`;
}

/** Durations in the two largest units: "3 d 4 h", "2 h 5 min", "45 s". Negative → "0 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0 s';
  const s = Math.round(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min`;
  return `${sec} s`;
}

/** Block interval: "9 min 13 s" (seconds matter here: 600 s is the target). */
export function formatBlockInterval(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '—';
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  const sec = s % 60;
  return m > 0 ? `${m} min ${sec} s` : `${sec} s`;
}

/** "just now", "2 min ago", "3 h ago", "2 d ago": the largest unit only, an age needs no more. */
export function formatAge(ageMs: number): string {
  if (!Number.isFinite(ageMs) || ageMs < 45_000) return 'just now';
  return `${formatDuration(ageMs).split(' ').slice(0, 2).join(' ')} ago`;
}

/** "in 3 d 4 h" for future instants, "3 d 4 h ago" for past ones. */
export function formatRelative(targetMs: number, nowMs: number): string {
  const delta = targetMs - nowMs;
  return delta >= 0 ? `in ${formatDuration(delta)}` : `${formatDuration(-delta)} ago`;
}

/** Whole numbers with grouping: 975,123. */
export function formatInteger(n: number): string {
  return Number.isFinite(n) ? formatNumber(Math.round(n), 0) : '—';
}
