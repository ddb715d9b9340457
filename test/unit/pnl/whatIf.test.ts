import { describe, expect, it } from 'vitest';
import { computeWhatIf, halvingFactor } from '../../../src/core/pnl/whatIf';

// Today: $48 /PH/day (0.00048 BTC × $100,000), subsidy 3.125 + fees 0.075 = 3.2 BTC per block.
const inputs = {
  market: { hashpricePerPhDay: 48, hashvalueBtcPerPhDay: 0.00048, btcPrice: 100_000 },
  subsidyBtc: 3.125,
  feesBtcPerBlock: 0.075,
  difficultyChangePercent: 5,
};

describe('what if', () => {
  it('next retarget +5 %: 48 / 1.05 = $45.7143; margin 45.7143 × 0.98 − 24 = $20.80', () => {
    const r = computeWhatIf(inputs, {})!;
    expect(r.afterRetarget.market.hashpricePerPhDay).toBeCloseTo(45.714286, 6);
    expect(r.afterRetarget.market.hashvalueBtcPerPhDay).toBeCloseTo(0.000457142857, 12);
    expect(r.afterRetarget.market.btcPrice).toBe(100_000);
    expect(r.afterRetarget.profitability.marginPerPhDay).toBeCloseTo(20.8, 6);
  });

  it('next halving: reward 3.2 → 1.5625 + 0.075 = 1.6375 BTC; 48 × 1.6375/3.2 = $24.5625; margin $0.07125', () => {
    const r = computeWhatIf(inputs, {})!;
    expect(r.afterHalving.market.hashpricePerPhDay).toBeCloseTo(24.5625, 10);
    // 24.5625 × 0.98 = 24.07125; − 24 = 0.07125 /PH/day; × 50 × 365 = $1,300.31 per MW-year.
    expect(r.afterHalving.profitability.marginPerPhDay).toBeCloseTo(0.07125, 10);
    expect(r.afterHalving.profitability.marginPerMwYear).toBeCloseTo(1_300.3125, 6);
  });

  it('both: 24.5625 / 1.05 = $23.3929; margin 22.925 − 24 = −$1.075', () => {
    const r = computeWhatIf(inputs, {})!;
    expect(r.afterRetargetAndHalving.market.hashpricePerPhDay).toBeCloseTo(23.392857, 6);
    expect(r.afterRetargetAndHalving.profitability.marginPerPhDay).toBeCloseTo(-1.075, 10);
  });

  it('now is unchanged and margins follow the miner inputs', () => {
    const r = computeWhatIf(inputs, { efficiencyJPerTh: 15, poolFeePercent: 0 })!;
    expect(r.now.market.hashpricePerPhDay).toBe(48);
    // 15 J/TH: power 15 × 24 × 0.05 = $18; margin 48 − 18 = $30.
    expect(r.now.profitability.marginPerPhDay).toBeCloseTo(30, 10);
  });

  it('clamps the estimate to what Core allows (−75 % … +300 %)', () => {
    const r = computeWhatIf({ ...inputs, difficultyChangePercent: 500 }, {})!;
    expect(r.appliedDifficultyChangePercent).toBe(300);
    expect(r.afterRetarget.market.hashpricePerPhDay).toBeCloseTo(12, 10); // 48 / 4
    expect(computeWhatIf({ ...inputs, difficultyChangePercent: -90 }, {})!.appliedDifficultyChangePercent).toBe(-75);
  });

  it('fees-only reward is untouched by a halving; no reward → null', () => {
    expect(halvingFactor(0, 0.5)).toBe(1);
    expect(halvingFactor(0, 0)).toBeNull();
    expect(computeWhatIf({ ...inputs, subsidyBtc: 0, feesBtcPerBlock: 0 }, {})).toBeNull();
    expect(computeWhatIf({ ...inputs, difficultyChangePercent: Number.NaN }, {})).toBeNull();
  });
});
