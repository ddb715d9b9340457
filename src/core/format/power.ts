// Electrical power in prose: "1.2 GW", "810 MW", and ranges "9.1–19 GW". Two significant digits, because
// the J/TH assumption behind every network-power figure is not more precise than that.

import { formatNumber, MINUS } from './numbers';

const POWER_UNITS: readonly (readonly [number, string])[] = [
  [1e9, 'GW'],
  [1e6, 'MW'],
  [1e3, 'kW'],
  [1, 'W'],
];

/**
 * `abs` at two significant digits in the largest scale that keeps it ≥ 1 after rounding (so 9.96e8 W is
 * "1 GW", never "1000 MW"). Shared with formatMoneyCompact.
 */
export function twoDigitScale<U>(
  abs: number,
  scales: readonly (readonly [number, U])[],
): { value: number; unit: U; text: string } {
  const found = scales.find(([s]) => Number((abs / s).toPrecision(2)) >= 1) ?? scales[scales.length - 1]!;
  const value = Number((abs / found[0]).toPrecision(2));
  return { value, unit: found[1], text: formatNumber(value, value < 10 && value % 1 !== 0 ? 1 : 0) };
}

/** "1.2 GW", "810 MW", "−45 kW"; non-finite → "—". */
export function formatPowerCompact(watts: number | null | undefined): string {
  if (watts === null || watts === undefined || !Number.isFinite(watts)) return '—';
  if (watts === 0) return '0 W';
  const scaled = twoDigitScale(Math.abs(watts), POWER_UNITS);
  return `${watts < 0 ? MINUS : ''}${scaled.text} ${scaled.unit}`;
}

/** "9.1–19 GW" (one unit when both ends share it), "850 MW–1.2 GW" otherwise; "—" if either end is unknown. */
export function formatPowerRangeCompact(lowW: number | null | undefined, highW: number | null | undefined): string {
  const low = formatPowerCompact(lowW);
  const high = formatPowerCompact(highW);
  if (low === '—' || high === '—') return '—';
  const lowUnit = low.slice(low.lastIndexOf(' '));
  return high.endsWith(lowUnit) ? `${low.slice(0, -lowUnit.length)}–${high}` : `${low}–${high}`;
}
