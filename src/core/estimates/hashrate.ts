/**
 * How sure is a hash-rate figure? Intervals, P(below a threshold) and trends for estimates that, like
 * Bitcoin Core's getnetworkhashps and mempool's "current hash rate" (getnetworkhashps(1008)), divide
 * the work of the last n blocks by the time between the first and last of the n + 1 timestamps.
 *
 * Model. Blocks arrive as a Poisson process of rate λ (blocks/s); at difficulty D the hash rate is
 * H = λ·D·2³². A window of n block intervals lasts T ~ Gamma(n, rate λ). Core reports
 *   Ĥ = n·D·2³² / T   (the maximum-likelihood estimate; E[Ĥ] = H·n/(n − 1), since E[1/T] = λ/(n − 1)).
 * Everything below works from (Ĥ, n): T = n·D·2³²/Ĥ, so D cancels.
 *
 * - Interval: λT ~ Gamma(n, 1) is a pivot, so the exact (1 − α) interval is
 *     [χ²_{α/2}(2n) / 2T, χ²_{1−α/2}(2n) / 2T] = Ĥ · [G⁻¹(α/2; n), G⁻¹(1 − α/2; n)] / n,
 *   G⁻¹ the Gamma(n, 1) quantile. Relative standard error 1/√n (3.15 % for 1008 blocks).
 * - Point: the UI shows Core's Ĥ (`pointHps`): it is what mempool and the user's node show, and the
 *   interval above is exact whichever point is shown. `pointUnbiasedHps` = Ĥ·(n − 1)/n is the unbiased
 *   one (0.1 % lower at n = 1008) for those who want it.
 * - P(H < threshold): with the prior p(λ) ∝ 1/λ (Jeffreys' prior for a rate measured by waiting for a
 *   fixed number of events) the posterior is λ ~ Gamma(n, rate T), whose mean is exactly Core's n/T and
 *   whose equal-tailed credible interval is the interval above. So P(H < h) = P(n, n·h/Ĥ).
 * - Trend: two non-overlapping windows (n₁ blocks, Ĥ₁ recent; n₂ blocks, Ĥ₂ earlier). With
 *   Gᵢ = λᵢTᵢ ~ Gamma(nᵢ, 1) independent, H₁/H₂ = (Ĥ₁/Ĥ₂)·F with F = (G₁/n₁)/(G₂/n₂) ~ F(2n₁, 2n₂),
 *   so the change interval is (Ĥ₁/Ĥ₂ · F quantiles − 1)·100 %. "Within noise" when it contains 0.
 *
 * Not modelled: miner-set timestamps (they move the window's ends by minutes: ≈ 0.1 % at 1008 blocks),
 * difficulty changes inside the window (Core sums the work, so it is exact for the work-weighted mean
 * rate), and real hash-rate changes during the window (the estimate is a window average, not "now").
 */
import { fQuantile } from './beta';
import { checkCount, checkLevel, checkPositive, firstProblem, invalid, type InvalidEstimate } from './common';
import { gammaP, gammaQuantile } from './gamma';

/** 1 ZH/s: the round number the status bar and hover talk about. */
export const ONE_ZETTAHASH_HPS = 1e21;

export interface HashrateWindow {
  /** Core's estimate over the window: work / time, H/s. */
  readonly hashrateHps: number;
  /** Block intervals in the window (getnetworkhashps' nblocks, 1008 for mempool's figure). */
  readonly blocks: number;
}

export interface HashrateIntervalInput extends HashrateWindow {
  /** Confidence level, 0.80–0.99; default 0.95. */
  readonly level?: number;
}

export interface HashrateInterval {
  readonly kind: 'interval';
  /** Core's (and mempool's) figure, the one to show: n·D·2³²/T. */
  readonly pointHps: number;
  /** Unbiased alternative: pointHps·(n − 1)/n (0 for n = 1). */
  readonly pointUnbiasedHps: number;
  readonly lowHps: number;
  readonly highHps: number;
  readonly level: number;
  readonly blocks: number;
  /** Relative standard error of the estimate, 1/√n. */
  readonly relStdErr: number;
}

function checkWindow(window: HashrateWindow, label = ''): string | null {
  return firstProblem(
    checkPositive(`${label}hashrateHps`, window.hashrateHps),
    checkCount(`${label}blocks`, window.blocks, 1),
  );
}

/** Exact interval for the hash rate behind Core's estimate over `blocks` intervals. */
export function hashrateInterval(input: HashrateIntervalInput): HashrateInterval | InvalidEstimate {
  const level = checkLevel(input.level);
  if (typeof level === 'string') return invalid(level);
  const problem = checkWindow(input);
  if (problem) return invalid(problem);
  const { hashrateHps, blocks } = input;
  const alpha = 1 - level;
  return {
    kind: 'interval',
    pointHps: hashrateHps,
    pointUnbiasedHps: (hashrateHps * (blocks - 1)) / blocks,
    lowHps: (hashrateHps * gammaQuantile(alpha / 2, blocks)) / blocks,
    highHps: (hashrateHps * gammaQuantile(1 - alpha / 2, blocks)) / blocks,
    level,
    blocks,
    relStdErr: 1 / Math.sqrt(blocks),
  };
}

export interface ProbabilityBelowInput extends HashrateWindow {
  /** Default 1 ZH/s. */
  readonly thresholdHps?: number;
}

export interface ProbabilityBelow {
  readonly kind: 'probability';
  /** P(true hash rate < thresholdHps), 0–1, under the 1/λ prior (see the file comment). */
  readonly probability: number;
  readonly thresholdHps: number;
}

/** Posterior probability that the window's true mean hash rate is below the threshold. */
export function probabilityBelow(input: ProbabilityBelowInput): ProbabilityBelow | InvalidEstimate {
  const thresholdHps = input.thresholdHps ?? ONE_ZETTAHASH_HPS;
  const problem = firstProblem(checkWindow(input), checkPositive('thresholdHps', thresholdHps));
  if (problem) return invalid(problem);
  return {
    kind: 'probability',
    probability: gammaP(input.blocks, (input.blocks * thresholdHps) / input.hashrateHps),
    thresholdHps,
  };
}

export interface HashrateTrendInput {
  /** The later window. */
  readonly recent: HashrateWindow;
  /** The earlier window; it must not overlap the recent one (the model needs them independent). */
  readonly earlier: HashrateWindow;
  readonly level?: number;
}

export interface HashrateTrend {
  readonly kind: 'trend';
  /** Change of Core's estimate, recent vs earlier, %. */
  readonly changePercent: number;
  readonly lowPercent: number;
  readonly highPercent: number;
  readonly level: number;
  /** The interval contains 0 %: the data cannot tell this change from luck. */
  readonly withinNoise: boolean;
}

/** Interval for the % change of the true hash rate between two independent windows. */
export function hashrateTrend(input: HashrateTrendInput): HashrateTrend | InvalidEstimate {
  const level = checkLevel(input.level);
  if (typeof level === 'string') return invalid(level);
  const problem = firstProblem(checkWindow(input.recent, 'recent.'), checkWindow(input.earlier, 'earlier.'));
  if (problem) return invalid(problem);
  const ratio = input.recent.hashrateHps / input.earlier.hashrateHps;
  const alpha = 1 - level;
  const d1 = 2 * input.recent.blocks;
  const d2 = 2 * input.earlier.blocks;
  const lowPercent = (ratio * fQuantile(alpha / 2, d1, d2) - 1) * 100;
  const highPercent = (ratio * fQuantile(1 - alpha / 2, d1, d2) - 1) * 100;
  return {
    kind: 'trend',
    changePercent: (ratio - 1) * 100,
    lowPercent,
    highPercent,
    level,
    withinNoise: lowPercent <= 0 && highPercent >= 0,
  };
}
