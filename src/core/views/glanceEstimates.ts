// How sure the glance figures are: the intervals behind the hover and the status bar's bound placeholders,
// from one snapshot with the estimates module (src/core/estimates). Every part is null when the snapshot
// lacks what it needs, so the views show the point figure alone rather than an interval we cannot back.

import { BLOCKS_PER_DAY, BLOCKS_PER_EPOCH } from '../constants';
import { hashrateTrendPercent } from '../economics';
import {
  DEFAULT_CONFIDENCE_LEVEL,
  halvingInterval,
  hashrateInterval,
  hashrateTrend,
  ONE_ZETTAHASH_HPS,
  probabilityBelow,
  retargetInterval,
  windowFromHashrate,
  type HalvingEstimate,
  type HashrateInterval,
  type HashrateTrend,
  type RetargetEstimate,
} from '../estimates';
import type { NetworkSnapshot } from '../model';
import type { Settings } from '../settings';

/** Block intervals behind mempool's `currentHashrate`: Core's getnetworkhashps(1008), ≈ 7 days. */
export const HASHRATE_7D_BLOCKS = 1008;

/**
 * Block intervals credited to each side of the 7-day trend. The trend compares the mean of 7 daily
 * estimates with the 7 before; each daily estimate covers one UTC day's blocks (≈ 144), and the points do
 * not carry their block counts, so each window counts as the nominal 7 × 144 = 1008. Blocks come a little
 * faster than that while the hash rate grows, so this slightly understates the data and errs wide.
 */
export const TREND_WINDOW_BLOCKS = 7 * BLOCKS_PER_DAY;

export interface GlanceEstimateOptions {
  /** 0.80–0.99 (settings.confidenceLevel); default 0.95. */
  readonly confidenceLevel?: number;
  /** The hash-rate threshold P(below) is about (settings.alerts.hashrateThresholdHps); default 1 ZH/s. */
  readonly thresholdHps?: number;
}

export interface GlanceEstimates {
  readonly level: number;
  /** Interval for the true mean hash rate behind Core's 1008-block figure. */
  readonly hashrate: HashrateInterval | null;
  /** P(true rate < threshold), 0–1. */
  readonly below: { readonly thresholdHps: number; readonly probability: number } | null;
  /** The 7-day trend's interval; `withinNoise` when it contains 0. */
  readonly trend: HashrateTrend | null;
  /** Next adjustment (change and date); null before the epoch's second block or without the epoch's times. */
  readonly retarget: RetargetEstimate | null;
  /** Next halving's date range at the 1008-block rate. */
  readonly halving: HalvingEstimate | null;
}

/**
 * Timestamp of the current epoch's first block (height tip − tip mod 2016), Unix s; null if unknown.
 * mempool's `previousTime` is that block's time, but only while its response is about our tip's epoch
 * (its nextRetargetHeight is ours); otherwise the difficulty record at that height, if we have it.
 */
export function epochStartS(
  snapshot: NetworkSnapshot,
  nextRetargetHeight: number,
  epochStartHeight: number,
): number | null {
  const a = snapshot.adjustment;
  if (a.nextRetargetHeight === nextRetargetHeight && a.previousRetargetS !== null) return a.previousRetargetS;
  const record = snapshot.hashrate.difficulty.find((r) => r.height === epochStartHeight);
  return record ? record.timeS : null;
}

/** The tip block's timestamp, Unix s, if the latest blocks include the tip itself. */
function tipTimeS(snapshot: NetworkSnapshot): number | null {
  const tip = snapshot.latestBlocks.find((b) => b.height === snapshot.tipHeight);
  return tip ? tip.timeS : null;
}

/** The result if it is of the wanted kind (not `invalid`, not `noInformation`), else null. */
function ok<R extends { readonly kind: string }, K extends R['kind']>(
  result: R,
  kind: K,
): Extract<R, { kind: K }> | null {
  return result.kind === kind ? (result as Extract<R, { kind: K }>) : null;
}

export function computeGlanceEstimates(
  snapshot: NetworkSnapshot,
  nowMs: number,
  options: GlanceEstimateOptions = {},
): GlanceEstimates {
  const level = options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL;
  const thresholdHps = options.thresholdHps ?? ONE_ZETTAHASH_HPS;
  const { tipHeight } = snapshot;
  const { currentHashrateHps, currentDifficulty } = snapshot.hashrate;
  const nowS = nowMs / 1000;
  const window = { hashrateHps: currentHashrateHps, blocks: HASHRATE_7D_BLOCKS };

  const below = ok(probabilityBelow({ ...window, thresholdHps }), 'probability');

  // hashrateTrend uses only the ratio of the two windows, which is what hashrateTrendPercent gives.
  const trendPercent = hashrateTrendPercent(snapshot.hashrate.daily);
  const trend =
    trendPercent === null
      ? null
      : ok(
          hashrateTrend({
            recent: { hashrateHps: 1 + trendPercent / 100, blocks: TREND_WINDOW_BLOCKS },
            earlier: { hashrateHps: 1, blocks: TREND_WINDOW_BLOCKS },
            level,
          }),
          'trend',
        );

  const startHeight = tipHeight - (tipHeight % BLOCKS_PER_EPOCH);
  const startS = epochStartS(snapshot, startHeight + BLOCKS_PER_EPOCH, startHeight);
  const tipS = tipTimeS(snapshot);
  const retarget =
    startS === null || tipS === null
      ? null
      : ok(retargetInterval({ tipHeight, epochStartS: startS, tipTimeS: tipS, nowS, level }), 'estimate');

  const rate = windowFromHashrate(currentHashrateHps, HASHRATE_7D_BLOCKS, currentDifficulty);
  const halving = ok(halvingInterval({ tipHeight, nowS, ...rate, level }), 'estimate');

  return {
    level,
    hashrate: ok(hashrateInterval({ ...window, level }), 'interval'),
    below: below ? { thresholdHps: below.thresholdHps, probability: below.probability } : null,
    trend,
    retarget,
    halving,
  };
}

/** The options from the user's settings: their confidence level, and P(below) about their alert threshold. */
export function glanceEstimateOptions(settings: Pick<Settings, 'confidenceLevel' | 'alerts'>): GlanceEstimateOptions {
  return { confidenceLevel: settings.confidenceLevel, thresholdHps: settings.alerts.hashrateThresholdHps };
}
