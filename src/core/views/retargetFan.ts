// The next retarget as the hash-rate chart draws it: a fan from today's difficulty to the interval of the
// next one at the median retarget date, and the interval of that date. Numbers from the key figures
// (retargetInterval on the host); difficulty is in implied hash rate (D·2³²/600), as on the chart.

import { impliedHashrateHps } from '../economics';
import type { KeyFigures } from './keyFigures';

export interface RetargetFan {
  readonly level: number;
  /** Where the fan starts: the chart's last day, at the current difficulty. */
  readonly fromS: number;
  readonly fromHps: number;
  /** Median retarget date and its interval, Unix s. */
  readonly atS: number;
  readonly earliestS: number;
  readonly latestS: number;
  /** The next difficulty (low, median, high), as implied hash rate. */
  readonly lowHps: number;
  readonly medianHps: number;
  readonly highHps: number;
}

/** Null when the figures have no retarget interval (early in an epoch, no tip time) or it is not ahead. */
export function retargetFan(f: KeyFigures, fromS: number): RetargetFan | null {
  const {
    difficultyChangeLowPercent: low,
    difficultyChangeMedianPercent: median,
    difficultyChangeHighPercent: high,
  } = f;
  const { retargetLowMs, retargetMedianMs, retargetHighMs } = f;
  if (
    low === null ||
    median === null ||
    high === null ||
    retargetLowMs === null ||
    retargetMedianMs === null ||
    retargetHighMs === null
  )
    return null;
  if (!(retargetMedianMs / 1000 > fromS) || !(f.difficulty > 0)) return null;
  const next = (percent: number): number => impliedHashrateHps(f.difficulty * (1 + percent / 100));
  return {
    level: f.confidenceLevel,
    fromS,
    fromHps: impliedHashrateHps(f.difficulty),
    atS: retargetMedianMs / 1000,
    earliestS: Math.max(fromS, retargetLowMs / 1000),
    latestS: retargetHighMs / 1000,
    lowHps: next(low),
    medianHps: next(median),
    highHps: next(high),
  };
}
