// Phrases for intervals and probabilities, shared by the hover and the status bar's placeholders. Built from
// the format module's pieces; what is particular here is how a range or a likelihood is worded.

import { formatNumber, formatSignedPercent, plainNumber, SI_PREFIXES } from '../format';
import { scaleSi } from '../format/si';

/** "95%", "97.5%": a confidence level 0–1 as people write it. */
export function levelText(level: number): string {
  return `${plainNumber(level * 100)}%`;
}

/**
 * "932–1,054 EH/s": both bounds in the unit of the point they surround (so a range across 1 ZH/s does not
 * switch units midway), one decimal fewer than the point's four significant digits — an interval ±3 %
 * wide has no use for a fourth digit.
 */
export function hashrateRangeText(lowHps: number, highHps: number, pointHps: number): string {
  const point = scaleSi(pointHps, 4);
  if (!point || !Number.isFinite(lowHps) || !Number.isFinite(highHps)) return '—';
  // The decimal mark is the display language's (scaled values below 1000 have no grouping mark).
  const pointDecimals = point.text.split(/[.,]/)[1]?.length ?? 0;
  const decimals = Math.max(0, pointDecimals - 1);
  const scale = 1000 ** point.index;
  return `${formatNumber(lowHps / scale, decimals)}–${formatNumber(highHps / scale, decimals)} ${SI_PREFIXES[point.index]}H/s`;
}

/** A threshold as the user typed it: "1 ZH/s", "950 EH/s", "1.05 ZH/s" (largest prefix ≥ 1, no padding zeros). */
export function thresholdText(hps: number): string {
  if (!Number.isFinite(hps) || hps <= 0) return '—';
  let value = hps;
  let index = 0;
  while (value >= 1000 && index < SI_PREFIXES.length - 1) {
    value /= 1000;
    index++;
  }
  return `${plainNumber(value)} ${SI_PREFIXES[index]}H/s`;
}

/**
 * A probability as a whole percent, never "0%" or "100%": the model cannot rule anything out, so the
 * extremes read "<1%" and ">99%".
 */
export function probabilityText(probability: number): string {
  if (!Number.isFinite(probability)) return '—';
  const percent = probability * 100;
  if (percent < 1) return '<1%';
  if (percent > 99) return '>99%';
  return `${Math.round(percent)}%`;
}

/** "−4.1% … +1.9%": a change's interval, one decimal. */
export function percentRangeText(lowPercent: number, highPercent: number): string {
  return `${formatSignedPercent(lowPercent, 1)} … ${formatSignedPercent(highPercent, 1)}`;
}
