import { describe, expect, it } from 'vitest';
import {
  decomposeHashpriceChange,
  decomposeOverDays,
  pickComparison,
  type HashpriceDecomposition,
  type HashpriceObservation,
} from '../../../src/core/pnl/decomposition';

const DAY_S = 86_400;
const base: HashpriceObservation = {
  timeS: 0,
  difficulty: 1e14,
  priceFiat: 100_000,
  subsidyBtc: 3.125,
  feesBtcPerBlock: 0.1,
};

function sumOfParts(d: HashpriceDecomposition): number {
  return d.pricePercent + d.difficultyPercent + d.feesPercent + d.subsidyPercent;
}

describe('decomposeHashpriceChange (LMDI)', () => {
  it('price +10 %, difficulty +5 %, fees unchanged → total +4.7619 %', () => {
    // Total: 1.10 / 1.05 − 1 = +4.761905 %.
    // Weight w = (h − 1)/ln h with h = 1.047619: ln h = ln 1.1 − ln 1.05 = 0.0953102 − 0.0487902 = 0.0465200;
    //   w = 0.0476190 / 0.0465200 = 1.0236249.
    // Price:      100 × w × ln 1.10 = +9.756188 pp
    // Difficulty: −100 × w × ln 1.05 = −4.994283 pp
    // Fees, subsidy: 0.   Sum: 9.756188 − 4.994283 = 4.761905 ✓
    const d = decomposeHashpriceChange(base, { ...base, priceFiat: 110_000, difficulty: 1.05e14 })!;
    expect(d.totalPercent).toBeCloseTo(4.761905, 6);
    expect(d.pricePercent).toBeCloseTo(9.756188, 6);
    expect(d.difficultyPercent).toBeCloseTo(-4.994283, 6);
    expect(d.feesPercent).toBe(0);
    expect(d.subsidyPercent).toBe(0);
    expect(Math.abs(sumOfParts(d) - d.totalPercent)).toBeLessThan(1e-9);
  });

  it('a halving with higher fees: only the reward moves, so parts are ΔS/R₀ and ΔF/R₀', () => {
    // R₀ = 6.25 + 0.20 = 6.45, R₁ = 3.125 + 0.30 = 3.425. Total 3.425/6.45 − 1 = −46.899225 %.
    // With price and difficulty fixed w·(1/L(R₁,R₀)) = 1/R₀, so
    //   subsidy −3.125/6.45 = −48.449612 pp, fees +0.10/6.45 = +1.550388 pp.
    const from = { ...base, subsidyBtc: 6.25, feesBtcPerBlock: 0.2 };
    const d = decomposeHashpriceChange(from, { ...from, subsidyBtc: 3.125, feesBtcPerBlock: 0.3 })!;
    expect(d.totalPercent).toBeCloseTo(-46.899225, 6);
    expect(d.subsidyPercent).toBeCloseTo(-48.449612, 6);
    expect(d.feesPercent).toBeCloseTo(1.550388, 6);
    expect(d.pricePercent).toBe(0);
    expect(d.difficultyPercent).toBe(0);
    expect(Math.abs(sumOfParts(d) - d.totalPercent)).toBeLessThan(1e-9);
  });

  it('all three at once: price +10 %, difficulty +2 %, fees 0.10 → 0.15 BTC', () => {
    // h = 1.1/1.02 × 3.275/3.225 = 1.0951512 → total +9.515124 %.
    // ln h = 0.0953102 − 0.0198026 + 0.0153847 = 0.0908922; w = 0.0951512/0.0908922 = 1.0468578.
    // Fees in logs: ΔF/L(R₁,R₀) = 0.05 / 3.249936 = 0.0153849.
    // Price +9.977594, difficulty −2.073048, fees +1.610578 pp.
    const d = decomposeHashpriceChange(
      { ...base, priceFiat: 60_000 },
      { ...base, priceFiat: 66_000, difficulty: 1.02e14, feesBtcPerBlock: 0.15 },
    )!;
    expect(d.totalPercent).toBeCloseTo(9.515124, 6);
    expect(d.pricePercent).toBeCloseTo(9.977594, 6);
    expect(d.difficultyPercent).toBeCloseTo(-2.073048, 6);
    expect(d.feesPercent).toBeCloseTo(1.610578, 6);
    expect(Math.abs(sumOfParts(d) - d.totalPercent)).toBeLessThan(1e-9);
  });

  it('parts add up exactly over many random moves, including tiny ones', () => {
    let seed = 12345;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) {
      const scale = i % 2 === 0 ? 1 : 1e-9; // near-zero moves stress the log-mean limit
      const to = {
        ...base,
        priceFiat: base.priceFiat * (1 + (rand() - 0.5) * scale),
        difficulty: base.difficulty * (1 + (rand() - 0.5) * scale),
        feesBtcPerBlock: base.feesBtcPerBlock * (1 + (rand() - 0.5) * scale),
        subsidyBtc: i % 7 === 0 ? base.subsidyBtc / 2 : base.subsidyBtc,
      };
      const d = decomposeHashpriceChange(base, to)!;
      const direct =
        (((to.subsidyBtc + to.feesBtcPerBlock) / to.difficulty) * to.priceFiat) /
          (((base.subsidyBtc + base.feesBtcPerBlock) / base.difficulty) * base.priceFiat) -
        1;
      expect(Math.abs(sumOfParts(d) - d.totalPercent)).toBeLessThan(1e-9);
      expect(Math.abs(d.totalPercent - direct * 100)).toBeLessThan(1e-9);
    }
  });

  it('no change → all zeros', () => {
    const d = decomposeHashpriceChange(base, { ...base, timeS: DAY_S })!;
    expect(d).toEqual({ totalPercent: 0, pricePercent: 0, difficultyPercent: 0, feesPercent: 0, subsidyPercent: 0 });
  });

  it('returns null for non-positive price, difficulty or reward', () => {
    expect(decomposeHashpriceChange(base, { ...base, priceFiat: 0 })).toBeNull();
    expect(decomposeHashpriceChange({ ...base, difficulty: -1 }, base)).toBeNull();
    expect(decomposeHashpriceChange(base, { ...base, subsidyBtc: 0, feesBtcPerBlock: 0 })).toBeNull();
    expect(decomposeHashpriceChange(base, { ...base, feesBtcPerBlock: Number.NaN })).toBeNull();
  });
});

describe('pickComparison / decomposeOverDays', () => {
  const series: HashpriceObservation[] = Array.from({ length: 8 }, (_, i) => ({
    ...base,
    timeS: 1_700_000_000 + i * DAY_S,
    priceFiat: 100_000 + i * 1_000,
  }));

  it('1 day and 7 days back from the latest point', () => {
    const one = pickComparison(series, 1)!;
    expect(one.to.priceFiat).toBe(107_000);
    expect(one.from.priceFiat).toBe(106_000);
    const seven = pickComparison(series, 7)!;
    expect(seven.from.priceFiat).toBe(100_000);
  });

  it('order of the series does not matter', () => {
    const shuffled = [series[3]!, series[7]!, series[0]!, series[5]!];
    const pair = pickComparison(shuffled, 7)!;
    expect(pair.to.priceFiat).toBe(107_000);
    expect(pair.from.priceFiat).toBe(100_000);
  });

  it('too short for 30 days → null; empty or one point → null', () => {
    expect(pickComparison(series, 30)).toBeNull();
    expect(decomposeOverDays(series, 30)).toBeNull();
    expect(pickComparison([], 1)).toBeNull();
    expect(pickComparison([series[0]!], 1)).toBeNull();
  });

  it('a gap at the wanted day → null rather than a different window', () => {
    // Points on days 0 and 5 only: 7 days before day 5 is day −2, 2 days from the nearest point.
    expect(pickComparison([series[0]!, series[5]!], 7)).toBeNull();
  });

  it('decomposeOverDays over 7 days: price 100,000 → 107,000 = +7 %, all of it price', () => {
    const d = decomposeOverDays(series, 7)!;
    expect(d.totalPercent).toBeCloseTo(7, 10);
    expect(d.pricePercent).toBeCloseTo(7, 10);
    expect(d.difficultyPercent).toBe(0);
  });
});
