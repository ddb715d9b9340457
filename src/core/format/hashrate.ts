// Hash rate, difficulty, sats and BTC: full precision for the status bar and hover, compact for axes.

import { SATS_PER_BTC } from '../constants';
import { difficultyFromHps } from '../economics';
import { localizeDigits } from './locale';
import { formatNumber } from './numbers';
import { compactSi, scaleSi, SI_PREFIXES } from './si';

const HASHRATE_UNITS = SI_PREFIXES.map((p) => `${p}H/s`);

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
  const suffix = SI_PREFIXES[scaled.index];
  return suffix ? `${scaled.text} ${suffix}` : scaled.text;
}

/** Sats with grouping: "45,900 sats/PH/day". */
export function formatSatsPerPhDay(sats: number | null | undefined): string {
  if (sats === null || sats === undefined || !Number.isFinite(sats)) return '— sats/PH/day';
  return `${formatNumber(sats, sats >= 100 ? 0 : 1)} sats/PH/day`;
}

/** BTC amounts: "3.125 BTC", "0.03123 BTC" (4 significant digits, at least 3 and at most 8 decimals, trailing zeros dropped). */
export function formatBtc(sats: number | null | undefined): string {
  if (sats === null || sats === undefined || !Number.isFinite(sats)) return '— BTC';
  const btc = sats / SATS_PER_BTC;
  const abs = Math.abs(btc);
  const decimals = abs === 0 ? 0 : Math.min(8, Math.max(3, 3 - Math.floor(Math.log10(abs))));
  return `${localizeDigits(Number(btc.toFixed(decimals)).toString())} BTC`;
}

/** Axis ticks: "800 EH/s", "1 ZH/s", "4.5 MH/s". */
export function axisHashrate(hps: number): string {
  const s = compactSi(hps);
  return s.includes(' ') ? `${s}H/s` : `${s} H/s`;
}

/** The hash-rate chart's right axis: the difficulty whose implied hash rate (D·2³²/600) is `hps`. */
export function axisDifficulty(hps: number): string {
  return compactSi(difficultyFromHps(hps));
}
