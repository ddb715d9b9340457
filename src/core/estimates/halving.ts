/**
 * Predictive interval for the date of the next halving (the first block whose subsidy is halved, at the
 * next multiple of 210,000).
 *
 * With m = halvingHeight − tipHeight blocks to go and the rate known from a window of n blocks over
 * t seconds (e.g. the current epoch: n = tip mod 2016, t = now − its first block's time; or mempool's
 * 1008-block hash rate through `windowFromHashrate`), the remaining time is R with
 *   R/t ~ BetaPrime(m, n)   (predictive.ts: Poisson blocks, prior 1/λ),
 * the date is now + R.
 *
 * The honest caveat belongs next to the number: this assumes the current block rate holds until the
 * halving. Over months it does not — difficulty retargets pull the interval back towards 10 minutes
 * while the hash rate grows — so for distant halvings the interval shows the statistical part of the
 * uncertainty only (≈ 1/√n of the remaining time), not the forecast error.
 */
import { HALVING_INTERVAL, HASHES_PER_DIFFICULTY } from '../constants';
import {
  checkCount,
  checkFinite,
  checkLevel,
  checkPositive,
  firstProblem,
  invalid,
  type InvalidEstimate,
} from './common';
import { remainingTimeQuantileS } from './predictive';
import type { Quantiles } from './retarget';

export interface RateWindow {
  /** Block intervals observed. */
  readonly windowBlocks: number;
  /** Seconds they took (exposure: up to now). */
  readonly windowS: number;
}

export interface HalvingInput extends RateWindow {
  readonly tipHeight: number;
  readonly nowS: number;
  readonly level?: number;
}

export interface HalvingEstimate {
  readonly kind: 'estimate';
  readonly level: number;
  readonly halvingHeight: number;
  readonly remainingBlocks: number;
  /** When block `halvingHeight` is mined, Unix ms. */
  readonly halvingMs: Quantiles<'ms'>;
}

/**
 * The window behind a hash-rate estimate of Core's kind: T = n·D·2³²/H seconds for n blocks at
 * difficulty D. Approximate if the difficulty changed inside the window.
 */
export function windowFromHashrate(hashrateHps: number, blocks: number, difficulty: number): RateWindow {
  return { windowBlocks: blocks, windowS: (blocks * difficulty * HASHES_PER_DIFFICULTY) / hashrateHps };
}

export function halvingInterval(input: HalvingInput): HalvingEstimate | InvalidEstimate {
  const level = checkLevel(input.level);
  if (typeof level === 'string') return invalid(level);
  const problem = firstProblem(
    checkCount('tipHeight', input.tipHeight, 0),
    checkFinite('nowS', input.nowS),
    checkCount('windowBlocks', input.windowBlocks, 1),
    checkPositive('windowS', input.windowS),
  );
  if (problem) return invalid(problem);
  const halvingHeight = (Math.floor(input.tipHeight / HALVING_INTERVAL) + 1) * HALVING_INTERVAL;
  const remainingBlocks = halvingHeight - input.tipHeight;
  const alpha = 1 - level;
  const at = (p: number): number =>
    (input.nowS + remainingTimeQuantileS(p, remainingBlocks, input.windowBlocks, input.windowS)) * 1000;
  return {
    kind: 'estimate',
    level,
    halvingHeight,
    remainingBlocks,
    halvingMs: { low: at(alpha / 2), median: at(0.5), high: at(1 - alpha / 2), unit: 'ms' },
  };
}
