/**
 * Regularized incomplete beta function and its inverse, for the F and beta-prime distributions.
 *
 *   I_x(a, b) = ∫₀ˣ t^(a−1) (1 − t)^(b−1) dt / B(a, b):  the CDF of Beta(a, b).
 *   If U ~ Gamma(a, 1) and V ~ Gamma(b, 1) are independent, U/(U + V) ~ Beta(a, b), U/V ~ BetaPrime(a, b),
 *   and (U/a)/(V/b) ~ F(2a, 2b). That is how the ratio of two rates, and of a future block time to an
 *   observed one, reduce to this function.
 *
 * The common factor xᵃ yᵇ / B(a, b) (y = 1 − x) is, like the gamma prefix, written with Stirling's
 * correction μ (see gamma.ts) so that nothing of size a·ln x is subtracted (a reaches 2·10⁵):
 *   with c = a + b,  xᵃ yᵇ / B(a, b) = √(ab / (2πc)) · exp(μ(c) − μ(a) − μ(b)
 *                                         + a·(ln r − r + 1) + b·(ln s − s + 1)),  r = x/x₀, s = y/y₀,
 * expanding around x₀ = a/c, y₀ = b/c (the added linear terms a(r − 1) + b(s − 1) = c(x + y − 1)
 * vanish). Then I_x = prefix · CF / a with the continued fraction of Numerical Recipes §6.4 (modified
 * Lentz), used for x < (a + 1)/(a + b + 2) and through the symmetry I_x(a, b) = 1 − I_y(b, a) otherwise;
 * it needs O(√max(a, b)) terms.
 *
 * The inverse solves for whichever of x, y is below ½ (so the answer keeps its relative precision even
 * when it is close to 1), from the normal approximation of Abramowitz & Stegun 26.5.22,
 * refined with bracketed Halley steps; it returns both x and y = 1 − x.
 */
import { normalQuantileApprox, scaledLogRatio, SERIES_EPS, STEP_TOLERANCE, stirlingCorrection } from './gamma';

const FPMIN = 1e-300;
const MAX_TERMS = 1_000_000;

/** xᵃ yᵇ / B(a, b) with y = 1 − x given separately (it may be known more precisely than 1 − x). */
export function betaPrefix(a: number, b: number, x: number, y: number): number {
  if (x <= 0 || y <= 0) return 0;
  const c = a + b;
  const exponent =
    stirlingCorrection(c) -
    stirlingCorrection(a) -
    stirlingCorrection(b) +
    scaledLogRatio(a, (x * c) / a) +
    scaledLogRatio(b, (y * c) / b);
  return Math.sqrt((a * b) / (2 * Math.PI * c)) * Math.exp(exponent);
}

/** Continued fraction for I_x(a, b) · a / prefix (Numerical Recipes betacf). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_TERMS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < SERIES_EPS) break;
  }
  return h;
}

/** [I_x(a, b), 1 − I_x(a, b)] with y = 1 − x; each computed where it is the small, accurate one. */
export function incompleteBeta(a: number, b: number, x: number, y: number = 1 - x): [number, number] {
  if (!(a > 0 && b > 0) || Number.isNaN(x) || Number.isNaN(y)) return [Number.NaN, Number.NaN];
  if (x <= 0) return [0, 1];
  if (y <= 0) return [1, 0];
  const prefix = betaPrefix(a, b, x, y);
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (prefix * betaContinuedFraction(a, b, x)) / a;
    return [lower, 1 - lower];
  }
  const upper = (prefix * betaContinuedFraction(b, a, y)) / b;
  return [1 - upper, upper];
}

/** I_x(a, b), the CDF of Beta(a, b) at x. */
export function betaCdf(x: number, a: number, b: number): number {
  return incompleteBeta(a, b, x)[0];
}

/** Starting point for the Beta(a, b) p-quantile. */
function betaQuantileStart(p: number, a: number, b: number): number {
  if (a >= 1 && b >= 1) {
    // A&S 26.5.22 with y_p the upper-tail normal point of p.
    const yp = -normalQuantileApprox(p);
    const lambda = (yp * yp - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (yp * Math.sqrt(h + lambda)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (lambda + 5 / 6 - 2 / (3 * h));
    const x = a / (a + b * Math.exp(2 * w));
    if (x > 0 && x < 1) return x;
  }
  // Small shapes (Numerical Recipes invbetai): power-law heads at both ends.
  const lna = Math.log(a / (a + b));
  const lnb = Math.log(b / (a + b));
  const t = Math.exp(a * lna) / a;
  const u = Math.exp(b * lnb) / b;
  const w = t + u;
  return p < t / w ? (a * w * p) ** (1 / a) : 1 - (b * w * (1 - p)) ** (1 / b);
}

/** Solves I_x(a, b) = p for x, knowing x ≤ ½; returns [x, 1 − x]. */
function solveBeta(p: number, a: number, b: number): [number, number] {
  const upper = p > 0.5;
  const target = upper ? 1 - p : p;
  let lo = 0;
  let hi = 1;
  let x = Math.min(Math.max(betaQuantileStart(p, a, b), 1e-300), 1 - 1e-16);
  for (let i = 0; i < 300; i++) {
    const y = 1 - x;
    const [lower, complement] = incompleteBeta(a, b, x, y);
    const f = upper ? target - complement : lower - target;
    if (f === 0) return [x, y];
    if (f < 0) lo = x;
    else hi = x;
    const density = betaPrefix(a, b, x, y) / (x * y);
    let next = Number.NaN;
    if (density > 0 && Number.isFinite(density)) {
      const u = f / density;
      // Halley with f''/f' = (a − 1)/x − (b − 1)/y.
      next = x - u / (1 - 0.5 * Math.min(1, u * ((a - 1) / x - (b - 1) / y)));
    }
    if (Math.abs(next - x) <= STEP_TOLERANCE * x) return [next, 1 - next];
    if (!(next > lo && next < hi)) next = lo === 0 ? hi / 2 : 0.5 * (lo + hi);
    x = next;
  }
  return [x, 1 - x];
}

/**
 * The p-quantile of Beta(a, b) as [x, 1 − x], both to full relative precision (the larger one is
 * computed as 1 minus the smaller). NaN for bad arguments.
 */
export function betaQuantilePair(p: number, a: number, b: number): [number, number] {
  if (!(a > 0 && b > 0) || !(p >= 0 && p <= 1)) return [Number.NaN, Number.NaN];
  if (p === 0) return [0, 1];
  if (p === 1) return [1, 0];
  // Solve for whichever of x, y is below ½ (x > ½ exactly when p > I_½): the other is 1 minus it.
  if (p > incompleteBeta(a, b, 0.5, 0.5)[0]) {
    const [y, x] = solveBeta(1 - p, b, a);
    return [x, y];
  }
  return solveBeta(p, a, b);
}

/** The p-quantile of Beta(a, b). */
export function betaQuantile(p: number, a: number, b: number): number {
  return betaQuantilePair(p, a, b)[0];
}

/** The p-quantile of BetaPrime(a, b) (the law of U/V above): x/y for the Beta(a, b) quantile pair. */
export function betaPrimeQuantile(p: number, a: number, b: number): number {
  const [x, y] = betaQuantilePair(p, a, b);
  return x / y;
}

/** The p-quantile of Snedecor's F(d₁, d₂) = (d₂/d₁) · BetaPrime(d₁/2, d₂/2). */
export function fQuantile(p: number, d1: number, d2: number): number {
  return (d2 / d1) * betaPrimeQuantile(p, d1 / 2, d2 / 2);
}
