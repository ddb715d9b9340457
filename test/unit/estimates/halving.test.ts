import { describe, expect, it } from 'vitest';
import { halvingInterval, windowFromHashrate, type HalvingEstimate } from '../../../src/core/estimates';
import { seededRandom } from '../../support/random';
import { expectRelative } from './relative';

function estimate(result: ReturnType<typeof halvingInterval>): HalvingEstimate {
  if (result.kind !== 'estimate') throw new Error(`expected an estimate, got ${JSON.stringify(result)}`);
  return result;
}

describe('windowFromHashrate', () => {
  it('turns a Core estimate back into its window: T = n·D·2³²/H', () => {
    const difficulty = 1.2e14;
    const tenMinuteRate = (difficulty * 2 ** 32) / 600;
    expect(windowFromHashrate(tenMinuteRate, 1008, difficulty)).toEqual({ windowBlocks: 1008, windowS: 1008 * 600 });
    expectRelative(windowFromHashrate(tenMinuteRate * 1.2, 1008, difficulty).windowS, 504_000, 1e-15);
  });
});

describe('halvingInterval', () => {
  it('counts to the next multiple of 210,000', () => {
    const window = { windowBlocks: 1008, windowS: 604_800, nowS: 0 };
    expect(estimate(halvingInterval({ ...window, tipHeight: 839_999 }))).toMatchObject({
      halvingHeight: 840_000,
      remainingBlocks: 1,
    });
    expect(estimate(halvingInterval({ ...window, tipHeight: 840_000 }))).toMatchObject({
      halvingHeight: 1_050_000,
      remainingBlocks: 210_000,
    });
  });

  it('120,000 blocks at a 1008-block window of 600 s blocks: BetaPrime(120000, 1008) quantiles (mpmath)', () => {
    const nowS = 1_780_000_000;
    const windowS = 1008 * 600;
    const r = estimate(halvingInterval({ tipHeight: 930_000, nowS, windowBlocks: 1008, windowS }));
    // mpmath 1.3.0, 50 digits: Beta(120000, 1008) quantiles by findroot on betainc, as x/(1 − x).
    expectRelative(r.halvingMs.low, (nowS + windowS * 111.99729450506243319) * 1000, 1e-12);
    expectRelative(r.halvingMs.median, (nowS + windowS * 119.08666654583618101) * 1000, 1e-12);
    expectRelative(r.halvingMs.high, (nowS + windowS * 126.78444468719205658) * 1000, 1e-12);
    // ±6 % (1.96/√1008) on ~834 days: about ±7 weeks from the rate's uncertainty alone.
    expect((r.halvingMs.high - r.halvingMs.low) / 86_400_000).toBeGreaterThan(100);
  });

  it('calibration: simulated chains cover the realised halving date 93–97 % at 95 %', () => {
    const random = seededRandom(2024);
    const runs = 2000;
    const windowBlocks = 144;
    const remaining = 1500;
    let covered = 0;
    for (let i = 0; i < runs; i++) {
      const rate = 1 / 600;
      let windowS = 0;
      for (let k = 0; k < windowBlocks; k++) windowS += random.exponential(rate);
      let untilS = 0;
      for (let k = 0; k < remaining; k++) untilS += random.exponential(rate);
      const r = estimate(halvingInterval({ tipHeight: 1_050_000 - remaining, nowS: 0, windowBlocks, windowS }));
      if (r.halvingMs.low <= untilS * 1000 && untilS * 1000 <= r.halvingMs.high) covered++;
    }
    expect(covered / runs).toBeGreaterThanOrEqual(0.93);
    expect(covered / runs).toBeLessThanOrEqual(0.97);
  });

  it('bad input gives a reason', () => {
    expect(halvingInterval({ tipHeight: 1, nowS: 0, windowBlocks: 0, windowS: 10 })).toEqual({
      kind: 'invalid',
      reason: 'windowBlocks must be a whole number ≥ 1, got 0',
    });
    expect(halvingInterval({ tipHeight: 1, nowS: 0, windowBlocks: 3, windowS: Infinity })).toEqual({
      kind: 'invalid',
      reason: 'windowS must be a finite number > 0, got Infinity',
    });
  });
});
