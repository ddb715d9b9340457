import { describe, expect, it } from 'vitest';
import {
  betaCdf,
  betaPrimeQuantile,
  betaQuantile,
  betaQuantilePair,
  fQuantile,
  incompleteBeta,
} from '../../../src/core/estimates/beta';
import { expectRelative } from './relative';

// Reference values marked "mpmath" were computed with mpmath 1.3.0 at 50 significant digits
// (betainc(a, b, 0, x, regularized=True); quantiles by findroot to 1e-40), independently of this code.

describe('incomplete beta I_x(a, b)', () => {
  it('closed forms: I_x(a, 1) = xᵃ, I_x(1, b) = 1 − (1 − x)ᵇ, I_x(½, ½) = (2/π) asin √x', () => {
    for (const x of [1e-8, 0.01, 0.3, 0.7, 0.999]) {
      for (const a of [0.5, 3, 1008, 200_000]) {
        const want = x ** a;
        if (want > 1e-300) expectRelative(betaCdf(x, a, 1), want, 1e-11);
        const wantUpper = Math.exp(a * Math.log1p(-x));
        if (wantUpper > 1e-300) expectRelative(incompleteBeta(1, a, x)[1], wantUpper, 1e-11);
      }
      expectRelative(betaCdf(x, 0.5, 0.5), (2 / Math.PI) * Math.asin(Math.sqrt(x)), 1e-12);
    }
  });

  it('integer shapes against the binomial sum I_x(a, b) = Σ_{j≥a} C(a+b−1, j) xʲ (1−x)^(a+b−1−j), summed here', () => {
    const a = 40;
    const b = 25;
    const n = a + b - 1;
    for (const x of [0.4, 0.6, 0.75]) {
      let logC = 0; // ln C(n, 0)
      let lower = 0; // Σ_{j≥a}
      let upper = 0; // Σ_{j<a}
      for (let j = 0; j <= n; j++) {
        if (j > 0) logC += Math.log(n - j + 1) - Math.log(j);
        const term = Math.exp(logC + j * Math.log(x) + (n - j) * Math.log1p(-x));
        if (j >= a) lower += term;
        else upper += term;
      }
      const [gotLower, gotUpper] = incompleteBeta(a, b, x);
      expectRelative(gotLower, lower, 1e-12);
      expectRelative(gotUpper, upper, 1e-12);
    }
  });

  it.each([
    [1008, 1008, 0.48, 0.036208167534442945813, 0.96379183246555705419],
    [565, 1451, 0.3, 0.97464614705308001552, 0.025353852946919984485],
    [200_000, 2016, 0.99, 0.46002764080525062864, 0.53997235919474937136],
    [2016, 200_000, 0.0102, 0.84076476366813110347, 0.15923523633186889653],
    [0.5, 0.5, 0.3, 0.36901011956554537504, 0.63098988043445462496],
    [3, 7, 0.2, 0.26180249600000002934, 0.73819750399999997066],
  ])('I_x(%d, %d) at %f matches mpmath to 1e-10', (a, b, x, lower, upper) => {
    const [gotLower, gotUpper] = incompleteBeta(a, b, x);
    expectRelative(gotLower, lower, 1e-10);
    expectRelative(gotUpper, upper, 1e-10);
  });

  it('edges and bad arguments', () => {
    expect(incompleteBeta(2, 3, 0)).toEqual([0, 1]);
    expect(incompleteBeta(2, 3, 1)).toEqual([1, 0]);
    expect(betaCdf(0.5, 0, 1)).toBeNaN();
    expect(betaCdf(Number.NaN, 2, 2)).toBeNaN();
  });
});

describe('beta, beta-prime and F quantiles', () => {
  it('reproduce published F critical values', () => {
    // NIST/SEMATECH e-Handbook §1.3.6.7.3 "Upper critical values of the F distribution" (3 decimals).
    const table: [p: number, d1: number, d2: number, value: number][] = [
      [0.95, 5, 10, 3.326],
      [0.95, 10, 10, 2.978],
      [0.95, 1, 1, 161.448],
      [0.99, 1, 1, 4052.181],
      [0.99, 10, 10, 4.849],
    ];
    for (const [p, d1, d2, value] of table) expect(Math.abs(fQuantile(p, d1, d2) - value)).toBeLessThanOrEqual(5e-4);
  });

  it('exact closed forms: F(2, 2) quantile p/(1 − p); Beta(a, 1) quantile p^(1/a) up to a = 2·10⁵', () => {
    for (const p of [0.01, 0.5, 0.95]) expectRelative(fQuantile(p, 2, 2), p / (1 - p), 1e-12);
    for (const a of [2, 2016, 200_000]) {
      for (const p of [0.025, 0.3, 0.975]) {
        const [x, y] = betaQuantilePair(p, a, 1);
        expectRelative(x, p ** (1 / a), 1e-14);
        expectRelative(y, -Math.expm1(Math.log(p) / a), 1e-11); // 1 − x, kept precise although x ≈ 1
      }
    }
  });

  it.each([
    [0.025, 565, 1451, 0.35293645223405958243],
    [0.975, 565, 1451, 0.42869764702746989674],
    [0.975, 120_000, 1008, 126.78444468719205658],
    [0.025, 120_000, 1008, 111.99729450506243319],
    [0.025, 1008, 1008, 0.91637608182233383809],
    [0.975, 1008, 1008, 1.0912550205493895412],
    [0.5, 1, 2015, 0.00034405281059130498567],
  ])('the %f-quantile of BetaPrime(%d, %d) matches mpmath to 1e-11', (p, a, b, want) => {
    expectRelative(betaPrimeQuantile(p, a, b), want, 1e-11);
  });

  it('inverts I_x in both tails over the whole range of shapes', () => {
    const shapes = [0.5, 1, 3, 60, 1008, 2015, 210_000];
    for (const a of shapes) {
      for (const b of shapes) {
        for (const p of [1e-6, 0.025, 0.5, 0.975, 1 - 1e-6]) {
          const [x, y] = betaQuantilePair(p, a, b);
          const [lower, upper] = incompleteBeta(a, b, x, y);
          if (p < 0.5) expectRelative(lower, p, 1e-10);
          else expectRelative(upper, 1 - p, 1e-9);
        }
      }
    }
  });

  it('edges and bad arguments', () => {
    expect(betaQuantilePair(0, 2, 3)).toEqual([0, 1]);
    expect(betaQuantilePair(1, 2, 3)).toEqual([1, 0]);
    expect(betaQuantile(0.5, -1, 2)).toBeNaN();
    expect(betaQuantile(2, 1, 2)).toBeNaN();
  });
});
