// SI prefixes: the one table, the full-precision scaling of the status bar and hover, and the compact form
// of chart axes.

import { safeDecimals, safeDigits } from './clamp';
import { localizeDigits } from './locale';
import { MINUS } from './numbers';

export const SI_PREFIXES = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'] as const;

/**
 * Scales a value to an SI prefix and rounds to `digits` significant digits (3 below 1000 → "987.6" has 4).
 * Rounding happens before the prefix is chosen, so 999.96 EH/s becomes "1.000 ZH/s", never "1000.0 EH/s".
 * Null for non-finite values. Below 10⁻⁹⁶ (more decimals than toFixed allows) the digits take an exponent.
 */
export function scaleSi(value: number, significantDigits: number): { text: string; index: number } | null {
  if (!Number.isFinite(value)) return null;
  const digits = safeDigits(significantDigits, 4);
  if (value === 0) return { text: '0', index: 0 };
  const sign = value < 0 ? '-' : '';
  let abs = Math.abs(value);
  let index = 0;
  while (abs >= 1000 && index < SI_PREFIXES.length - 1) {
    abs /= 1000;
    index++;
  }
  let decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  if (decimals !== safeDecimals(decimals)) return { text: localizeDigits(sign + abs.toPrecision(digits)), index };
  let rounded = Number(abs.toFixed(decimals));
  if (rounded >= 1000 && index < SI_PREFIXES.length - 1) {
    abs = rounded / 1000;
    index++;
    decimals = digits - 1;
    rounded = Number(abs.toFixed(decimals));
  }
  return { text: localizeDigits(sign + rounded.toFixed(decimals)), index };
}

/** Up to `digits` significant digits with an SI prefix, trailing zeros dropped: 1.2e21 → "1.2 Z". */
export function compactSi(value: number, significantDigits = 3): string {
  if (!Number.isFinite(value)) return '';
  const digits = safeDigits(significantDigits, 3);
  if (value === 0) return '0';
  const sign = value < 0 ? MINUS : '';
  let abs = Math.abs(value);
  let i = 0;
  while (abs >= 999.5 && i < SI_PREFIXES.length - 1) {
    abs /= 1000;
    i++;
  }
  if (abs < 1 && i === 0) return sign + localizeDigits(Number(abs.toPrecision(digits)).toString());
  const text = localizeDigits(Number(abs.toPrecision(digits)).toString());
  return `${sign}${text}${SI_PREFIXES[i] ? ` ${SI_PREFIXES[i]}` : ''}`;
}

/** "45k", "1.2M" (sats); powers of ten beyond tera, where SI prefixes stop reading as counts. */
export function compactCount(value: number): string {
  if (Math.abs(value) >= 1e15 && Number.isFinite(value)) {
    const e = Math.floor(Math.log10(Math.abs(value)));
    return `${value < 0 ? MINUS : ''}${localizeDigits(String(Number((Math.abs(value) / 10 ** e).toPrecision(2))))}e${e}`;
  }
  return compactSi(value).replace(' ', '');
}
