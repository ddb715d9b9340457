// Percents: signed changes (a true minus), trend arrows, plain shares, axis ticks.

import { safeDecimals } from './clamp';
import { localizeDigits } from './locale';
import { MINUS } from './numbers';

/** "+1.43%", "−0.98%", "0.00%": always signed, a true minus sign, two decimals. */
export function formatSignedPercent(percent: number | null | undefined, decimals = 2): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '—';
  const places = safeDecimals(decimals);
  const rounded = Number(percent.toFixed(places));
  if (rounded === 0) return `${localizeDigits((0).toFixed(places))}%`;
  return `${rounded > 0 ? '+' : MINUS}${localizeDigits(Math.abs(rounded).toFixed(places))}%`;
}

/** Arrow + unsigned percent for compact trend display: "↑1.2%", "↓0.4%", "→0.0%". */
export function formatTrend(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '';
  const rounded = Number(percent.toFixed(1));
  const arrow = rounded > 0 ? '↑' : rounded < 0 ? '↓' : '→';
  return `${arrow}${localizeDigits(Math.abs(rounded).toFixed(1))}%`;
}

/** Plain percent for shares and progress: "72.0%". */
export function formatPercent(percent: number | null | undefined, decimals = 1): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '—';
  return `${localizeDigits(percent.toFixed(safeDecimals(decimals)))}%`;
}

/** Axis ticks: "12.5%" (empty for a non-finite tick, like the other axis formats). */
export function axisPercent(value: number): string {
  return Number.isFinite(value) ? `${localizeDigits(String(Number(value.toPrecision(3))))}%` : '';
}
