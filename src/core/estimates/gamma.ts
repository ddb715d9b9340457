/**
 * Log-gamma and the regularized incomplete gamma function with its inverse.
 *
 *   P(a, x) = γ(a, x) / Γ(a) = ∫₀ˣ t^(a−1) e^(−t) dt / Γ(a),   Q(a, x) = 1 − P(a, x).
 *
 * P(a, ·) is the CDF of Gamma(shape a, rate 1); the chi-square CDF is χ²ₖ(x) = P(k/2, x/2).
 *
 * Accuracy target ~1e-10 relative for 0 < a ≤ 1e6 (block counts reach 2·10⁵ for halving distances).
 * The usual formula for the common factor xᵃ e^(−x) / Γ(a) subtracts numbers of size a·ln x (≈ 2·10⁶ at
 * a = 2·10⁵) and would lose ~6 digits, so it is written with Stirling's formula as
 *   xᵃ e^(−x) / Γ(a) = √(a / 2π) · exp(a·(ln r − r + 1) − μ(a)),  r = x/a,
 * where μ(a) = ln Γ(a) − [(a − ½) ln a − a + ½ ln 2π] is Stirling's correction (small, ~1/(12a)) and
 * ln r − r + 1 = log1pmx(r − 1) is computed without cancellation near r = 1. Then (Numerical Recipes §6.2):
 *   x < a + 1: P = prefix · Σₖ xᵏ / (a (a+1) ⋯ (a+k))      (series; P accurate in the lower tail)
 *   otherwise: Q = prefix · continued fraction (modified Lentz)   (Q accurate in the upper tail)
 * Both need O(√a) terms near x ≈ a (a few thousand at a = 2·10⁵: microseconds).
 *
 * The inverse starts from Wilson–Hilferty (a ≥ 1: Gamma(a)^(1/3) is close to normal,
 * x ≈ a (1 − 1/(9a) + z/(3√a))³ with z = Φ⁻¹(p)) and refines with Halley steps kept inside a bracket
 * (bisection if a step leaves it). It solves P = p when p ≤ ½ and Q = 1 − p otherwise, so both tails
 * keep their relative precision.
 */

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
/** Relative precision the series and continued fractions run to. */
export const SERIES_EPS = 1e-16;
const FPMIN = 1e-300;
const MAX_TERMS = 1_000_000;
/** Relative size of the last Newton/Halley step at which the quantile solvers stop. */
export const STEP_TOLERANCE = 1e-13;

/** ln(1 + u) − u, accurate also for small |u| where the subtraction would cancel. u > −1. */
export function log1pmx(u: number): number {
  if (Math.abs(u) > 0.25) return Math.log1p(u) - u;
  // −u²/2 + u³/3 − u⁴/4 + …; |u| ≤ ¼ so 30 terms reach 1e-18 relative.
  let power = u * u;
  let sum = 0;
  for (let k = 2; k < 40; k++) {
    const term = power / k;
    sum += k % 2 === 0 ? -term : term;
    if (Math.abs(term) < 1e-18 * Math.abs(sum)) break;
    power *= u;
  }
  return sum;
}

/**
 * a · (ln r − r + 1) for r > 0: the exponent of (x/x₀)^a e^(a − x·a/x₀) with r = x/x₀. Near r = 1 through
 * log1pmx (no cancellation); away from it from r itself, because r − 1 would lose the digits of a small r.
 */
export function scaledLogRatio(a: number, r: number): number {
  return Math.abs(r - 1) <= 0.25 ? a * log1pmx(r - 1) : a * (Math.log(r) - (r - 1));
}

/**
 * Stirling's correction μ(z) = ln Γ(z) − [(z − ½) ln z − z + ½ ln 2π], z > 0.
 * For z ≥ 10 the asymptotic series Σ B₂ₖ / (2k (2k−1) z^(2k−1)) (truncation error < 3e-17);
 * below, the recurrence μ(z) = μ(z + 1) + (z + ½) ln(1 + 1/z) − 1 (from Γ(z + 1) = z Γ(z)).
 */
export function stirlingCorrection(z: number): number {
  let shift = 0;
  let zz = z;
  while (zz < 10) {
    shift += (zz + 0.5) * Math.log1p(1 / zz) - 1;
    zz += 1;
  }
  const r = 1 / zz;
  const r2 = r * r;
  const series =
    r *
    (1 / 12 +
      r2 *
        (-1 / 360 +
          r2 *
            (1 / 1260 +
              r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156 + r2 * (-3617 / 122400))))))));
  return series + shift;
}

/** ln Γ(z) for z > 0 (NaN otherwise). */
export function lnGamma(z: number): number {
  if (!(z > 0) || !Number.isFinite(z)) return Number.NaN;
  return (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + stirlingCorrection(z);
}

/** xᵃ e^(−x) / Γ(a): the density of Gamma(a, 1) at x, times x. */
export function gammaPrefix(a: number, x: number): number {
  if (x <= 0) return 0;
  return Math.sqrt(a / (2 * Math.PI)) * Math.exp(scaledLogRatio(a, x / a) - stirlingCorrection(a));
}

/** [P(a, x), Q(a, x)], each computed where it is the small, accurate one. */
export function incompleteGamma(a: number, x: number): [number, number] {
  if (!(a > 0) || Number.isNaN(x)) return [Number.NaN, Number.NaN];
  if (x <= 0) return [0, 1];
  if (x === Infinity) return [1, 0];
  const prefix = gammaPrefix(a, x);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k < MAX_TERMS; k++) {
      term *= x / (a + k);
      sum += term;
      if (term < sum * SERIES_EPS) break;
    }
    const p = prefix * sum;
    return [p, 1 - p];
  }
  // Modified Lentz on the continued fraction of Γ(a, x) e^x x^(−a) (Numerical Recipes gcf).
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < SERIES_EPS) break;
  }
  const q = prefix * h;
  return [1 - q, q];
}

/** Regularized lower incomplete gamma P(a, x): the CDF of Gamma(shape a, rate 1). */
export function gammaP(a: number, x: number): number {
  return incompleteGamma(a, x)[0];
}

/** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x). */
export function gammaQ(a: number, x: number): number {
  return incompleteGamma(a, x)[1];
}

/**
 * Φ⁻¹(p), Acklam's rational approximation (relative error < 1.2e-9). Used only as a starting point
 * for the Newton/Halley solvers here, which then converge to full precision.
 */
export function normalQuantileApprox(p: number): number {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : Number.NaN;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number): number =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log1p(-p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** Starting point for the gamma quantile. */
function gammaQuantileStart(a: number, p: number): number {
  if (a >= 1) {
    const z = normalQuantileApprox(p);
    const wh = a * (1 - 1 / (9 * a) + z / (3 * Math.sqrt(a))) ** 3;
    if (wh > 0) return wh;
    return a * Math.exp((Math.log(p) + lnGamma(a + 1)) / a); // far lower tail: P ≈ xᵃ / Γ(a + 1)
  }
  // a < 1 (Numerical Recipes invgammp): split the mass at t between a power-law head and an exponential tail.
  const t = 1 - a * (0.253 + a * 0.12);
  return p < t ? (p / t) ** (1 / a) : 1 - Math.log1p(-(p - t) / (1 - t));
}

/**
 * x with P(a, x) = p: the p-quantile of Gamma(shape a, rate 1). χ²ₖ quantile = 2 · gammaQuantile(p, k/2).
 * NaN for a ≤ 0 or p outside [0, 1].
 */
export function gammaQuantile(p: number, a: number): number {
  if (!(a > 0) || !(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const upper = p > 0.5;
  const target = upper ? 1 - p : p;
  let lo = 0;
  let hi = Infinity;
  let x = gammaQuantileStart(a, p);
  for (let i = 0; i < 200; i++) {
    const [P, Q] = incompleteGamma(a, x);
    // f increases with x in both forms: P − p, or (1 − p) − Q.
    const f = upper ? target - Q : P - target;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = gammaPrefix(a, x) / x;
    let next = Number.NaN;
    if (density > 0 && Number.isFinite(density)) {
      const u = f / density;
      // Halley: f''/f' = (a − 1)/x − 1; the min keeps the correction from blowing up far from the root.
      next = x - u / (1 - 0.5 * Math.min(1, u * ((a - 1) / x - 1)));
    }
    // Halley converges cubically: a step this small leaves an error far below the rounding of P itself.
    if (Math.abs(next - x) <= STEP_TOLERANCE * x) return next;
    if (!(next > lo && next < hi))
      next = hi === Infinity ? Math.max(2 * x, lo * 2, 1e-300) : lo === 0 ? hi / 2 : 0.5 * (lo + hi);
    x = next;
  }
  return x;
}
