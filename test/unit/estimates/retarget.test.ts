import { describe, expect, it } from 'vitest';
import { changePercentForTimespan, retargetInterval, type RetargetEstimate } from '../../../src/core/estimates';
import { seededRandom } from '../../support/random';
import { expectRelative } from './relative';

// Reference values marked "mpmath" were computed with mpmath 1.3.0 at 50 digits, independently of this
// code: BetaPrime(a, b) quantiles as x/(1 − x) of the Beta(a, b) quantile found by findroot on betainc.

function estimate(result: ReturnType<typeof retargetInterval>): RetargetEstimate {
  if (result.kind !== 'estimate') throw new Error(`expected an estimate, got ${JSON.stringify(result)}`);
  return result;
}

// mempool's test vector 1 (height 830,027, 1451 blocks into the epoch): see difficultyEstimate.test.ts.
const EPOCH_START_S = 1_706_888_526;
const NOW_S = 1_707_691_381;
const EXPOSURE_S = NOW_S - EPOCH_START_S; // 802,855 s for 1451 blocks: 553 s a block

describe('changePercentForTimespan', () => {
  it("is Core's 2016·600/S − 1, clamped to [−75 %, +300 %]", () => {
    expect(changePercentForTimespan(1_209_600)).toBe(0);
    expectRelative(changePercentForTimespan(2015 * 590), (1_209_600 / 1_188_850 - 1) * 100, 1e-14);
    expect(changePercentForTimespan(1)).toBe(300);
    expect(changePercentForTimespan(-500)).toBe(300);
    expect(changePercentForTimespan(1e9)).toBe(-75);
  });
});

describe('retargetInterval', () => {
  it('mid-epoch: change from BetaPrime(2015 − n, n), date from BetaPrime(2016 − n, n)', () => {
    const r = estimate(
      retargetInterval({ tipHeight: 830_027, epochStartS: EPOCH_START_S, tipTimeS: NOW_S - 200, nowS: NOW_S }),
    );
    expect(r).toMatchObject({
      blocksMined: 1451,
      remainingBlocks: 565,
      retargetHeight: 830_592,
      lockedIn: false,
      level: 0.95,
    });
    // mpmath: BetaPrime(564, 1451) at 0.975, 0.5, 0.025 (the change falls as the time grows).
    const change = (ratio: number): number => (1_209_600 / (EXPOSURE_S * (1 + ratio)) - 1) * 100;
    expectRelative(r.changePercent.low, change(0.42796415134014733551), 1e-11);
    expectRelative(r.changePercent.median, change(0.38855700787209862849), 1e-11);
    expectRelative(r.changePercent.high, change(0.35228883573335745417), 1e-11);
    // mpmath: BetaPrime(565, 1451) at 0.025, 0.5, 0.975.
    expectRelative(r.retargetMs.low, (NOW_S + EXPOSURE_S * 0.35293645223405958243) * 1000, 1e-13);
    expectRelative(r.retargetMs.median, (NOW_S + EXPOSURE_S * 0.38924634605478163414) * 1000, 1e-13);
    expectRelative(r.retargetMs.high, (NOW_S + EXPOSURE_S * 0.42869764702746989674) * 1000, 1e-13);
    // mempool's point estimate for this moment (+8.51 %) sits inside, near the median.
    expect(r.changePercent.low).toBeLessThan(8.51);
    expect(r.changePercent.high).toBeGreaterThan(8.51);
  });

  it('n = 0: no information, no interval', () => {
    const r = retargetInterval({ tipHeight: 2016 * 400, epochStartS: 1e9, tipTimeS: 1e9, nowS: 1e9 + 300 });
    expect(r).toMatchObject({
      kind: 'noInformation',
      blocksMined: 0,
      remainingBlocks: 2016,
      retargetHeight: 2016 * 401,
    });
  });

  it("the epoch's last block locks the change in; the date still waits for one block (closed form)", () => {
    const tipTimeS = 1e9 + 2015 * 590;
    const nowS = tipTimeS + 100;
    const r = estimate(
      retargetInterval({ tipHeight: 2016 * 400 + 2015, epochStartS: 1e9, tipTimeS, nowS, level: 0.9 }),
    );
    const locked = (1_209_600 / (2015 * 590) - 1) * 100;
    expect(r.lockedIn).toBe(true);
    expect(r.remainingBlocks).toBe(1);
    expect([r.changePercent.low, r.changePercent.median, r.changePercent.high]).toEqual([locked, locked, locked]);
    // BetaPrime(1, n) quantile = (1 − p)^(−1/n) − 1.
    const t = nowS - 1e9;
    expectRelative(r.retargetMs.low, (nowS + t * (0.95 ** (-1 / 2015) - 1)) * 1000, 1e-13);
    expectRelative(r.retargetMs.high, (nowS + t * (0.05 ** (-1 / 2015) - 1)) * 1000, 1e-13);
  });

  it('clamps: a crawling epoch cannot fall below −75 %', () => {
    const r = estimate(retargetInterval({ tipHeight: 10, epochStartS: 0, tipTimeS: 100_000, nowS: 100_000 }));
    expect(r.changePercent.low).toBe(-75);
    expect(r.changePercent.low).toBeLessThanOrEqual(r.changePercent.median);
  });

  it('a clock behind the tip uses the tip time; bad input gives reasons', () => {
    const behind = estimate(
      retargetInterval({ tipHeight: 830_027, epochStartS: EPOCH_START_S, tipTimeS: NOW_S, nowS: NOW_S - 5000 }),
    );
    const atTip = estimate(
      retargetInterval({ tipHeight: 830_027, epochStartS: EPOCH_START_S, tipTimeS: NOW_S, nowS: NOW_S }),
    );
    expect(behind).toEqual(atTip);
    expect(
      retargetInterval({ tipHeight: 830_027, epochStartS: EPOCH_START_S, tipTimeS: NOW_S, nowS: Number.NaN }),
    ).toEqual({
      kind: 'invalid',
      reason: 'nowS must be a finite number, got NaN',
    });
    expect(retargetInterval({ tipHeight: -1, epochStartS: 0, tipTimeS: 0, nowS: 0 })).toEqual({
      kind: 'invalid',
      reason: 'tipHeight must be a whole number ≥ 0, got -1',
    });
    const late = retargetInterval({ tipHeight: 5, epochStartS: 2000, tipTimeS: 1000, nowS: 1500 });
    expect(late.kind).toBe('invalid');
  });

  it('calibration: over 2,000 simulated epochs, looked at a random moment, the interval covers the realised change and date 93–97 % at 95 % and 77–83 % at 80 %', () => {
    const random = seededRandom(31_337);
    const epochs = 2000;
    const times = new Float64Array(2017);
    const hits = { change95: 0, date95: 0, change80: 0 };
    for (let e = 0; e < epochs; e++) {
      // True mean block time somewhere in 500–700 s: the hash rate moved since the last retarget.
      const rate = 1 / (500 + 200 * random.uniform());
      for (let k = 1; k <= 2016; k++) times[k] = times[k - 1]! + random.exponential(rate);
      // A random moment between the epoch's second block and its last block.
      const nowS = times[1]! + random.uniform() * (times[2015]! - times[1]!);
      let n = 1;
      while (times[n + 1]! <= nowS) n++;
      const input = { tipHeight: 2016 * 450 + n, epochStartS: 0, tipTimeS: times[n]!, nowS };
      const r95 = estimate(retargetInterval(input));
      const r80 = estimate(retargetInterval({ ...input, level: 0.8 }));
      const realised = changePercentForTimespan(times[2015]!);
      const dateMs = times[2016]! * 1000;
      if (r95.changePercent.low <= realised && realised <= r95.changePercent.high) hits.change95++;
      if (r80.changePercent.low <= realised && realised <= r80.changePercent.high) hits.change80++;
      if (r95.retargetMs.low <= dateMs && dateMs <= r95.retargetMs.high) hits.date95++;
    }
    for (const key of ['change95', 'date95'] as const) {
      expect(hits[key] / epochs, key).toBeGreaterThanOrEqual(0.93);
      expect(hits[key] / epochs, key).toBeLessThanOrEqual(0.97);
    }
    expect(hits.change80 / epochs).toBeGreaterThanOrEqual(0.77);
    expect(hits.change80 / epochs).toBeLessThanOrEqual(0.83);
  });
});
