import { describe, expect, it } from 'vitest';
import {
  hashrateInterval,
  hashrateTrend,
  probabilityBelow,
  type HashrateInterval,
  type HashrateTrend,
  type ProbabilityBelow,
} from '../../../src/core/estimates';
import { seededRandom, type Random } from '../../support/random';
import { expectRelative } from './relative';

// Reference values marked "mpmath" were computed with mpmath 1.3.0 at 50 digits, independently of this
// code: Gamma(n) quantiles by findroot on gammainc(n, 0, x, regularized=True), likewise for beta.

const EH = 1e18;

function ok<T extends { kind: string }>(result: T | { kind: 'invalid'; reason: string }): T {
  if (result.kind === 'invalid') throw new Error(`unexpected invalid: ${(result as { reason: string }).reason}`);
  return result as T;
}

/** Core's estimate from one simulated window: n exponential block intervals at `rate` blocks/s. */
function simulateCoreEstimate(random: Random, blocks: number, hashrateHps: number, difficulty: number): number {
  const rate = hashrateHps / (difficulty * 2 ** 32);
  let timeS = 0;
  for (let i = 0; i < blocks; i++) timeS += random.exponential(rate);
  return (blocks * difficulty * 2 ** 32) / timeS;
}

describe('hashrateInterval', () => {
  it('the 992 EH/s moment: 1008 blocks give 932.0–1054.5 EH/s at 95 %', () => {
    const r = ok(hashrateInterval({ hashrateHps: 992.3 * EH, blocks: 1008 })) as HashrateInterval;
    // mpmath: 992.3 EH/s × G⁻¹(0.025; 1008)/1008 and × G⁻¹(0.975; 1008)/1008.
    expectRelative(r.lowHps, 9.31979946701953e20, 1e-12);
    expectRelative(r.highHps, 1.05448472155182e21, 1e-12);
    expect(r.level).toBe(0.95);
    expect(r.pointHps).toBe(992.3 * EH);
    expectRelative(r.pointUnbiasedHps, (992.3 * EH * 1007) / 1008, 1e-15);
    expectRelative(r.relStdErr, 0.031497039417435604, 1e-12); // 1/√1008
    expect(r.highHps).toBeGreaterThan(1e21); // "just under 1 ZH/s" is inside the noise
  });

  it('is the chi-square interval χ²_{α/2}(2n)/2T … χ²_{1−α/2}(2n)/2T in hash-rate units', () => {
    // n = 50 blocks (χ² with 100 degrees of freedom), 80 % level: NIST table χ²₀.₁₀(100) = 82.358,
    // χ²₀.₉₀(100) = 118.498. T = n·D·2³²/Ĥ, so rate·D·2³² = χ²/(2T)·D·2³² = Ĥ·χ²/(2n).
    const r = ok(hashrateInterval({ hashrateHps: 600 * EH, blocks: 50, level: 0.8 })) as HashrateInterval;
    expect(Math.abs((r.lowHps / (600 * EH)) * 100 - 82.358)).toBeLessThan(5e-4);
    expect(Math.abs((r.highHps / (600 * EH)) * 100 - 118.498)).toBeLessThan(5e-4);
    // mpmath, 80 % at the 992 EH/s moment:
    const r80 = ok(hashrateInterval({ hashrateHps: 992.3 * EH, blocks: 1008, level: 0.8 })) as HashrateInterval;
    expectRelative(r80.lowHps, 9.52462430010331e20, 1e-12);
    expectRelative(r80.highHps, 1.03255914078202e21, 1e-12);
  });

  it('one block: the exponential closed form Ĥ·[−ln(1 − α/2), −ln(α/2)]', () => {
    const r = ok(hashrateInterval({ hashrateHps: 1e21, blocks: 1, level: 0.9 })) as HashrateInterval;
    expectRelative(r.lowHps, 1e21 * -Math.log(0.95), 1e-13);
    expectRelative(r.highHps, 1e21 * -Math.log(0.05), 1e-13);
    expect(r.pointUnbiasedHps).toBe(0);
  });

  it('refuses bad input with a reason, never throws', () => {
    const reasons = [
      hashrateInterval({ hashrateHps: Number.NaN, blocks: 1008 }),
      hashrateInterval({ hashrateHps: -1, blocks: 1008 }),
      hashrateInterval({ hashrateHps: 1e21, blocks: 0 }),
      hashrateInterval({ hashrateHps: 1e21, blocks: 10.5 }),
      hashrateInterval({ hashrateHps: 1e21, blocks: 1008, level: 0.5 }),
      hashrateInterval({ hashrateHps: 1e21, blocks: 1008, level: 1 }),
      hashrateInterval({ hashrateHps: 1e21, blocks: 1008, level: '0.95' as unknown as number }),
    ].map((r) => (r.kind === 'invalid' ? r.reason : 'accepted'));
    expect(reasons).toEqual([
      'hashrateHps must be a finite number > 0, got NaN',
      'hashrateHps must be a finite number > 0, got -1',
      'blocks must be a whole number ≥ 1, got 0',
      'blocks must be a whole number ≥ 1, got 10.5',
      'confidence level must be between 0.8 and 0.99, got 0.5',
      'confidence level must be between 0.8 and 0.99, got 1',
      'confidence level must be between 0.8 and 0.99, got string',
    ]);
  });

  it('calibration: simulated Poisson windows are covered 94–96 % at 95 % and 78–82 % at 80 %', () => {
    const random = seededRandom(20_261_201);
    const trueHps = 950 * EH;
    const difficulty = 1.3e14;
    const windows = 4000;
    let covered95 = 0;
    let covered80 = 0;
    for (let i = 0; i < windows; i++) {
      const estimate = simulateCoreEstimate(random, 1008, trueHps, difficulty);
      const r95 = ok(hashrateInterval({ hashrateHps: estimate, blocks: 1008 })) as HashrateInterval;
      const r80 = ok(hashrateInterval({ hashrateHps: estimate, blocks: 1008, level: 0.8 })) as HashrateInterval;
      if (r95.lowHps <= trueHps && trueHps <= r95.highHps) covered95++;
      if (r80.lowHps <= trueHps && trueHps <= r80.highHps) covered80++;
    }
    expect(covered95 / windows).toBeGreaterThanOrEqual(0.94);
    expect(covered95 / windows).toBeLessThanOrEqual(0.96);
    expect(covered80 / windows).toBeGreaterThanOrEqual(0.78);
    expect(covered80 / windows).toBeLessThanOrEqual(0.82);
  });

  it("Core's estimate overstates by n/(n − 1) on average; the unbiased point does not", () => {
    const random = seededRandom(7);
    const blocks = 10;
    const runs = 20_000;
    let sumCore = 0;
    let sumUnbiased = 0;
    for (let i = 0; i < runs; i++) {
      const r = ok(
        hashrateInterval({ hashrateHps: simulateCoreEstimate(random, blocks, 1e21, 1e14), blocks }),
      ) as HashrateInterval;
      sumCore += r.pointHps / 1e21;
      sumUnbiased += r.pointUnbiasedHps / 1e21;
    }
    // Standard error of each mean ≈ 0.4/√20000 ≈ 0.003.
    expect(Math.abs(sumCore / runs - 10 / 9)).toBeLessThan(0.012);
    expect(Math.abs(sumUnbiased / runs - 1)).toBeLessThan(0.012);
  });
});

describe('probabilityBelow', () => {
  it('the 992 EH/s moment: P(true rate < 1 ZH/s) ≈ 60 %, not "certainly below"', () => {
    const r = ok(probabilityBelow({ hashrateHps: 992.3 * EH, blocks: 1008 })) as ProbabilityBelow;
    expect(r.thresholdHps).toBe(1e21);
    expectRelative(r.probability, 0.601110499740956, 1e-12); // mpmath: P(1008, 1008·1000/992.3)
  });

  it('one block: 1 − e^(−h/Ĥ) (posterior Exp with mean Ĥ)', () => {
    const r = ok(probabilityBelow({ hashrateHps: 8e20, blocks: 1, thresholdHps: 1e21 })) as ProbabilityBelow;
    expectRelative(r.probability, -Math.expm1(-1.25), 1e-13);
  });

  it('is calibrated: at a true rate equal to the threshold it is uniform over simulated windows', () => {
    const random = seededRandom(99);
    const runs = 4000;
    let sum = 0;
    let belowTenth = 0;
    for (let i = 0; i < runs; i++) {
      const p = (
        ok(
          probabilityBelow({ hashrateHps: simulateCoreEstimate(random, 144, 1e21, 1e14), blocks: 144 }),
        ) as ProbabilityBelow
      ).probability;
      sum += p;
      if (p < 0.1) belowTenth++;
    }
    // Uniform(0, 1): mean ½ (standard error 0.0046), P(p < 0.1) = 0.1 (standard error 0.0047).
    expect(Math.abs(sum / runs - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(belowTenth / runs - 0.1)).toBeLessThan(0.02);
  });

  it('refuses a bad threshold', () => {
    expect(probabilityBelow({ hashrateHps: 1e21, blocks: 1008, thresholdHps: 0 })).toEqual({
      kind: 'invalid',
      reason: 'thresholdHps must be a finite number > 0, got 0',
    });
  });
});

describe('hashrateTrend', () => {
  it('is the ratio times F(2n₁, 2n₂) quantiles: +3.4 % week on week is within noise', () => {
    const r = ok(
      hashrateTrend({
        recent: { hashrateHps: 992.3 * EH, blocks: 1008 },
        earlier: { hashrateHps: 960 * EH, blocks: 1008 },
      }),
    ) as HashrateTrend;
    const ratio = 992.3 / 960;
    expectRelative(r.changePercent, (ratio - 1) * 100, 1e-13);
    // mpmath: BetaPrime(1008, 1008) quantiles 0.91637608182233383809 and 1.0912550205493895412 (= F(2016, 2016)).
    expectRelative(r.lowPercent, (ratio * 0.91637608182233383809 - 1) * 100, 1e-10);
    expectRelative(r.highPercent, (ratio * 1.0912550205493895412 - 1) * 100, 1e-10);
    expect(r.withinNoise).toBe(true);
  });

  it('+15 % week on week is not noise', () => {
    const r = ok(
      hashrateTrend({
        recent: { hashrateHps: 1104 * EH, blocks: 1008 },
        earlier: { hashrateHps: 960 * EH, blocks: 1008 },
      }),
    ) as HashrateTrend;
    expect(r.lowPercent).toBeGreaterThan(0);
    expect(r.withinNoise).toBe(false);
  });

  it('calibration: simulated pairs of windows cover the true change 93–97 % at 95 %', () => {
    const random = seededRandom(4242);
    const runs = 2000;
    let covered = 0;
    for (let i = 0; i < runs; i++) {
      const recent = simulateCoreEstimate(random, 144, 1.05e21, 1e14);
      const earlier = simulateCoreEstimate(random, 288, 1e21, 1e14);
      const r = ok(
        hashrateTrend({ recent: { hashrateHps: recent, blocks: 144 }, earlier: { hashrateHps: earlier, blocks: 288 } }),
      ) as HashrateTrend;
      if (r.lowPercent <= 5 && 5 <= r.highPercent) covered++;
    }
    expect(covered / runs).toBeGreaterThanOrEqual(0.93);
    expect(covered / runs).toBeLessThanOrEqual(0.97);
  });

  it('names the bad window', () => {
    const r = hashrateTrend({ recent: { hashrateHps: 1e21, blocks: 1008 }, earlier: { hashrateHps: 1e21, blocks: 0 } });
    expect(r).toEqual({ kind: 'invalid', reason: 'earlier.blocks must be a whole number ≥ 1, got 0' });
  });
});
