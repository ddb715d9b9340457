// The interval band around the charts' 7-day mean of daily hash-rate estimates, as multipliers of the mean
// (derive.ts applies them day by day). Kept apart from derive.ts so the webview, which receives these
// numbers from the host, does not bundle the special functions behind them.

import { BLOCKS_PER_DAY } from '../constants';
import { hashrateInterval } from '../estimates';
import { MA7_MIN_DAYS, type Ma7BandFactors } from './derive';

const MA7_DAYS = 7;

/**
 * A daily estimate is Core's work ÷ time over one UTC day's blocks; the dataset carries no per-day block
 * counts, so each day with an estimate counts as the nominal 144 blocks and a mean over k such days as
 * 144·k (1008 for a full week) — the nominal count glanceEstimates' TREND_WINDOW_BLOCKS uses too. The mean
 * of k day-estimates has, to first order, the relative error of one 144·k-block estimate (1/√(144·k)),
 * so hashrateInterval at that count gives its interval. Blocks come a little faster than 144 a day while
 * the hash rate grows: the band errs slightly wide. An invalid level gives no band (all null).
 */
export function ma7BandFactors(level: number): Ma7BandFactors {
  const low: (number | null)[] = [];
  const high: (number | null)[] = [];
  for (let days = 0; days <= MA7_DAYS; days++) {
    const r = days >= MA7_MIN_DAYS ? hashrateInterval({ hashrateHps: 1, blocks: days * BLOCKS_PER_DAY, level }) : null;
    low.push(r?.kind === 'interval' ? r.lowHps : null);
    high.push(r?.kind === 'interval' ? r.highHps : null);
  }
  return { level, low, high };
}
