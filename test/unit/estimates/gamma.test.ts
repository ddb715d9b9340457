import { describe, expect, it } from 'vitest';
import {
  gammaP,
  gammaQ,
  gammaQuantile,
  incompleteGamma,
  lnGamma,
  log1pmx,
  normalQuantileApprox,
} from '../../../src/core/estimates/gamma';
import { expectRelative } from './relative';

// Reference values marked "mpmath" were computed with mpmath 1.3.0 at 50 significant digits
// (gammainc(a, 0, x, regularized=True); quantiles by findroot to 1e-40), independently of this code.

describe('lnGamma', () => {
  it('matches ln((n − 1)!) summed term by term, across the series/recurrence switch at 10', () => {
    let lnFactorial = 0; // ln((n − 1)!)
    for (let n = 1; n <= 300; n++) {
      if (n > 1) lnFactorial += Math.log(n - 1);
      expect(Math.abs(lnGamma(n) - lnFactorial)).toBeLessThan(1e-13 * Math.max(1, lnFactorial));
    }
  });

  it('half-integers: Γ(½) = √π, Γ(3/2) = √π/2, Γ(21/2) = 654729075·√π/1024', () => {
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(lnGamma(1.5)).toBeCloseTo(0.5 * Math.log(Math.PI) - Math.LN2, 14);
    expectRelative(lnGamma(10.5), Math.log(654_729_075) + 0.5 * Math.log(Math.PI) - Math.log(1024), 1e-14);
  });

  it('large arguments: ln(199,999!) by compensated summation', () => {
    let sum = 0;
    let carry = 0;
    for (let k = 2; k < 200_000; k++) {
      const y = Math.log(k) - carry;
      const t = sum + y;
      carry = t - sum - y;
      sum = t;
    }
    expectRelative(lnGamma(200_000), sum, 1e-14);
  });

  it('is NaN outside its domain', () => {
    expect(lnGamma(0)).toBeNaN();
    expect(lnGamma(-1)).toBeNaN();
    expect(lnGamma(Number.NaN)).toBeNaN();
  });
});

describe('log1pmx', () => {
  it('agrees with its Taylor series for small u and with log1p(u) − u for large', () => {
    const u = 1e-4;
    expectRelative(log1pmx(u), -(u ** 2) / 2 + u ** 3 / 3 - u ** 4 / 4 + u ** 5 / 5, 1e-15);
    expectRelative(log1pmx(-0.2), Math.log(0.8) + 0.2, 1e-13);
    expectRelative(log1pmx(3), Math.log(4) - 3, 1e-15);
  });
});

describe('incomplete gamma P(a, x)', () => {
  it('closed forms: P(1, x) = 1 − e^−x, Q(2, x) = e^−x (1 + x)', () => {
    for (const x of [1e-6, 0.3, 1, 2, 5, 20, 60]) {
      expectRelative(gammaP(1, x), -Math.expm1(-x), 1e-13);
      expectRelative(gammaQ(2, x), Math.exp(-x) * (1 + x), 1e-13);
    }
  });

  it('a = 1008 against Poisson sums: Q(n, x) = Σ_{k<n} e^−x xᵏ/k!, P(n, x) = Σ_{k≥n}, summed here', () => {
    for (const x of [900, 990, 1008, 1030, 1100]) {
      let logTerm = -x; // ln(e^−x x⁰/0!); the first terms underflow to 0, they are far below 1e-300
      let q = 0;
      let p = 0;
      for (let k = 0; k < 3000; k++) {
        if (k > 0) logTerm += Math.log(x) - Math.log(k);
        if (k < 1008) q += Math.exp(logTerm);
        else p += Math.exp(logTerm);
      }
      expectRelative(gammaQ(1008, x), q, 1e-11);
      expectRelative(gammaP(1008, x), p, 1e-11);
    }
  });

  it.each([
    [0.5, 0.1, 0.34527915398142297956, 0.65472084601857702044],
    [10, 5, 0.031828057306204811737, 0.96817194269379518826],
    [1008, 950, 0.031974059689577155795, 0.9680259403104228442],
    [1008, 1071, 0.97470043138033517519, 0.025299568619664824814],
    [200_000, 199_000, 0.012576006291331173558, 0.98742399370866882644],
    [200_000, 200_500, 0.86818422325472296692, 0.13181577674527703308],
    [200_000, 201_500, 0.99959080379486483637, 0.00040919620513516363052],
    [200_000, 197_000, 7.8490424941575035592e-12, 0.99999999999215095751],
  ])('P(%d, %d) matches mpmath to 1e-10 in both tails', (a, x, p, q) => {
    const [gotP, gotQ] = incompleteGamma(a, x);
    expectRelative(gotP, p, 1e-10);
    expectRelative(gotQ, q, 1e-10);
  });

  it('edges and bad arguments', () => {
    expect(incompleteGamma(3, 0)).toEqual([0, 1]);
    expect(incompleteGamma(3, Infinity)).toEqual([1, 0]);
    expect(gammaP(0, 1)).toBeNaN();
    expect(gammaP(2, Number.NaN)).toBeNaN();
  });
});

describe('gammaQuantile', () => {
  // χ²ₖ quantile = 2 · gammaQuantile(p, k/2).
  it('reproduces published chi-square critical values', () => {
    // NIST/SEMATECH e-Handbook of Statistical Methods §1.3.6.7.4 "Critical values of the chi-square
    // distribution" (3 decimals), and the brief's χ²₀.₉₇₅(2) = 7.3778.
    const table: [p: number, df: number, value: number][] = [
      [0.975, 2, 7.3778],
      [0.01, 10, 2.558],
      [0.05, 10, 3.94],
      [0.95, 10, 18.307],
      [0.99, 10, 23.209],
      [0.01, 100, 70.065],
      [0.05, 100, 77.929],
      [0.95, 100, 124.342],
      [0.99, 100, 135.807],
    ];
    for (const [p, df, value] of table)
      expect(Math.abs(2 * gammaQuantile(p, df / 2) - value)).toBeLessThanOrEqual(5e-4);
  });

  it('exact closed forms: χ²₂ quantile = −2 ln(1 − p); χ²₁ quantile = z²', () => {
    for (const p of [1e-9, 0.025, 0.5, 0.975, 1 - 1e-9])
      expectRelative(2 * gammaQuantile(p, 1), -2 * Math.log1p(-p), 1e-13);
    expectRelative(2 * gammaQuantile(0.95, 0.5), 1.959963984540054 ** 2, 1e-13); // z₀.₉₇₅ = 1.959963984540054
    expectRelative(gammaQuantile(0.001, 0.5), 7.8539857463124493966e-7, 1e-11); // mpmath: erfinv(0.001)²
  });

  it.each([
    [0.025, 1008, 946.72557318912450118],
    [0.975, 1008, 1071.1685975251750831],
    [0.1, 1008, 967.5321268269814879],
    [0.9, 1008, 1048.8961139859694469],
    [0.005, 200_000, 198849.93247204217085],
    [0.995, 200_000, 201153.824123685546],
    [0.025, 3, 0.61867212289560130003],
  ])('the %f-quantile of Gamma(%d) matches mpmath to 1e-12', (p, a, want) => {
    expectRelative(gammaQuantile(p, a), want, 1e-12);
  });

  it('inverts P in both tails over the whole range of shapes', () => {
    for (const a of [0.3, 1, 2.5, 17, 504, 2016, 50_000, 210_000]) {
      for (const p of [1e-6, 0.005, 0.1, 0.5, 0.9, 0.995, 1 - 1e-6]) {
        const x = gammaQuantile(p, a);
        const [P, Q] = incompleteGamma(a, x);
        if (p < 0.5) expectRelative(P, p, 1e-11);
        else expectRelative(Q, 1 - p, 1e-10);
      }
    }
  });

  it('edges and bad arguments', () => {
    expect(gammaQuantile(0, 5)).toBe(0);
    expect(gammaQuantile(1, 5)).toBe(Infinity);
    expect(gammaQuantile(1.5, 5)).toBeNaN();
    expect(gammaQuantile(0.5, -1)).toBeNaN();
  });
});

describe('normalQuantileApprox (starting point only)', () => {
  it('is within 1e-8 of the exact z values', () => {
    expect(normalQuantileApprox(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantileApprox(0.005)).toBeCloseTo(-2.5758293035489, 8);
    expect(normalQuantileApprox(0.5)).toBe(0);
  });
});
