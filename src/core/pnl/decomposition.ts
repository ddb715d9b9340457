/**
 * "Why did hashprice move?"
 *
 * Hashprice H = (S + F) × K / D × P  (S subsidy and F mean fees in BTC per block,
 * D difficulty, P BTC price, K = 86,400 × 10¹⁵ / 2³² cancels in any ratio).
 *
 * Method: additive LMDI-I (log-mean Divisia index). In logs the model is a sum,
 *   ln(H₁/H₀) = ln(P₁/P₀) − ln(D₁/D₀) + ln(R₁/R₀),  R = S + F,
 * and the reward term is split between its additive parts with the logarithmic mean L:
 *   ln(R₁/R₀) = ΔS / L(R₁,R₀) + ΔF / L(R₁,R₀)   (exact, since ΔS + ΔF = ΔR = L·ln(R₁/R₀)).
 * Each log term x is turned into percent of H₀ by the same weight w = L(H₁,H₀)/H₀:
 *   part = 100 · w · x,  and  Σ parts = 100 · w · ln(H₁/H₀) = 100 · (H₁ − H₀)/H₀,
 * so the parts add up to the total exactly, with no residual and no ordering choice.
 * Chosen over Shapley because it stays exact and symmetric for any number of factors and
 * handles the additive subsidy + fees inside the multiplicative model without enumerating
 * orderings. Rising difficulty lowers hashprice, so its part is negative.
 */
import { SECONDS_PER_DAY } from '../constants';

export interface HashpriceObservation {
  timeS: number;
  difficulty: number;
  priceFiat: number;
  subsidyBtc: number;
  feesBtcPerBlock: number;
}

/** Parts in percentage points of the starting hashprice; the four parts sum to totalPercent. */
export interface HashpriceDecomposition {
  totalPercent: number;
  pricePercent: number;
  difficultyPercent: number;
  feesPercent: number;
  /** Non-zero only across a halving (or if the inputs' subsidy differs for another reason). */
  subsidyPercent: number;
}

/** Logarithmic mean; log1p keeps it accurate when a ≈ b. */
function logMean(a: number, b: number): number {
  if (a === b) return a;
  return (a - b) / Math.log1p((a - b) / b);
}

function isPositiveFinite(x: number): boolean {
  return Number.isFinite(x) && x > 0;
}

/** Null when a factor is not positive (logs undefined) or fees are negative. */
export function decomposeHashpriceChange(
  from: HashpriceObservation,
  to: HashpriceObservation,
): HashpriceDecomposition | null {
  const reward0 = from.subsidyBtc + from.feesBtcPerBlock;
  const reward1 = to.subsidyBtc + to.feesBtcPerBlock;
  const positives = [from.difficulty, to.difficulty, from.priceFiat, to.priceFiat, reward0, reward1];
  if (!positives.every(isPositiveFinite)) return null;
  const nonNegatives = [from.subsidyBtc, to.subsidyBtc, from.feesBtcPerBlock, to.feesBtcPerBlock];
  if (!nonNegatives.every((x) => Number.isFinite(x) && x >= 0)) return null;

  const lnPrice = Math.log(to.priceFiat / from.priceFiat);
  // `0 -` rather than unary minus: an unchanged difficulty must read 0, not −0, in the UI.
  const lnDifficulty = 0 - Math.log(to.difficulty / from.difficulty);
  const rewardMean = logMean(reward1, reward0);
  const lnSubsidy = (to.subsidyBtc - from.subsidyBtc) / rewardMean;
  const lnFees = (to.feesBtcPerBlock - from.feesBtcPerBlock) / rewardMean;
  const lnTotal = lnPrice + lnDifficulty + lnSubsidy + lnFees;

  const totalPercent = 100 * Math.expm1(lnTotal);
  // w = L(H₁,H₀)/H₀ = (h − 1)/ln h with h = H₁/H₀; its limit at h = 1 is 1.
  const weight = lnTotal === 0 ? 1 : Math.expm1(lnTotal) / lnTotal;
  return {
    totalPercent,
    pricePercent: 100 * weight * lnPrice,
    difficultyPercent: 100 * weight * lnDifficulty,
    feesPercent: 100 * weight * lnFees,
    subsidyPercent: 100 * weight * lnSubsidy,
  };
}

export const COMPARISON_WINDOWS_DAYS = [1, 7, 30] as const;

/** How far a daily point may sit from the wanted time and still stand in for it. */
const MATCH_TOLERANCE_S = SECONDS_PER_DAY / 2;

/**
 * The latest observation and the one nearest to `daysBack` days before it.
 * Null when the series does not reach back that far (within half a day) — a shorter
 * window would silently answer a different question.
 */
export function pickComparison(
  series: readonly HashpriceObservation[],
  daysBack: number,
): { from: HashpriceObservation; to: HashpriceObservation } | null {
  if (!(daysBack > 0)) return null;
  let to: HashpriceObservation | undefined;
  for (const o of series) if (Number.isFinite(o.timeS) && (!to || o.timeS > to.timeS)) to = o;
  if (!to) return null;

  const targetS = to.timeS - daysBack * SECONDS_PER_DAY;
  let from: HashpriceObservation | undefined;
  for (const o of series) {
    if (o === to || !Number.isFinite(o.timeS)) continue;
    if (!from || Math.abs(o.timeS - targetS) < Math.abs(from.timeS - targetS)) from = o;
  }
  if (!from || Math.abs(from.timeS - targetS) > MATCH_TOLERANCE_S) return null;
  return { from, to };
}

export function decomposeOverDays(
  series: readonly HashpriceObservation[],
  daysBack: number,
): HashpriceDecomposition | null {
  const pair = pickComparison(series, daysBack);
  return pair ? decomposeHashpriceChange(pair.from, pair.to) : null;
}

/** The change over one comparison window: the two days compared and the parts. */
export interface HashpriceMove {
  readonly days: number;
  readonly from: HashpriceObservation;
  readonly to: HashpriceObservation;
  readonly decomposition: HashpriceDecomposition;
}

/**
 * "Why did hashprice move?" over 1, 7 and 30 days, for the hover (USD, from reward buckets) and the panel
 * (the daily history in the user's currency) alike. A window the series does not reach is left out.
 */
export function hashpriceMoves(series: readonly HashpriceObservation[]): HashpriceMove[] {
  const moves: HashpriceMove[] = [];
  for (const days of COMPARISON_WINDOWS_DAYS) {
    const pair = pickComparison(series, days);
    const decomposition = pair ? decomposeHashpriceChange(pair.from, pair.to) : null;
    if (pair && decomposition) moves.push({ days, from: pair.from, to: pair.to, decomposition });
  }
  return moves;
}
