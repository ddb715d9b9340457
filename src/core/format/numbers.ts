// Plain numbers: grouping, fixed decimals, the one minus sign, numbers for input fields and CSV cells.
// Every function returns text for any number (NaN, ±Infinity, 1e-200, 1e300): none of them throws.

import { safeDecimals } from './clamp';
import { localizeDigits } from './locale';

/** U+2212, the typographic minus of signed figures ("−0.98%", "−$3.10", axis ticks). */
export const MINUS = '\u2212';

function groupThousands(integerPart: string): string {
  return integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Fixed decimals with thousands separators: 69880 → "69,880.00" ("69.880,00" in German). Non-finite → "—". */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '—';
  const fixed = Math.abs(value).toFixed(safeDecimals(decimals));
  const [int, frac] = fixed.split('.');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return localizeDigits(sign + groupThousands(int!) + (frac ? `.${frac}` : ''));
}

/** Whole numbers with grouping: 975,123. */
export function formatInteger(n: number): string {
  return Number.isFinite(n) ? formatNumber(Math.round(n), 0) : '—';
}

/** A number as people write it: "20", "17.5", "0.05", "1,000" (at most 3 decimals, no trailing zeros). */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const fixed = Math.abs(value)
    .toFixed(3)
    .replace(/\.?0+$/, '');
  const [int, frac] = fixed.split('.');
  return localizeDigits(`${value < 0 && fixed !== '0' ? '-' : ''}${groupThousands(int!)}${frac ? `.${frac}` : ''}`);
}

/** A number for an input field (any display language): plain digits and a dot, no grouping, no float noise (0.1 + 0.2 → 0.3). */
export function inputText(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/**
 * A number for a CSV cell: at least 10 significant digits at every magnitude, trailing zeros dropped,
 * dot decimals and no grouping. Large values keep every integer digit (a difficulty of 31,251,101,365,711
 * stays whole); tiny ones (early-2009 hash rates in EH/s, 1e-9) keep 10 digits and may take an exponent,
 * which spreadsheets read back exactly. Non-finite values are empty cells.
 */
export function csvNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e21) return value.toPrecision(10).replace(/\.?0+e/, 'e');
  if (abs < 1e-3) return Number(value.toPrecision(10)).toString();
  const decimals = Math.max(0, 9 - Math.floor(Math.log10(abs)));
  return Number(value.toFixed(decimals)).toString();
}

/** "+1.20", "−0.98", "0.00": fixed decimals with grouping, always signed, a true minus. */
export function formatSignedNumber(value: number, decimals: number): string {
  const text = formatNumber(Math.abs(value), decimals);
  if (!Number.isFinite(value)) return text;
  if (Number(text.replace(/,/g, '')) === 0) return text;
  return `${value > 0 ? '+' : MINUS}${text}`;
}
