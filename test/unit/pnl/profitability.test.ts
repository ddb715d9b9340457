import { describe, expect, it } from 'vitest';
import { computeProfitability, type MarketInputs } from '../../../src/core/pnl/profitability';

// Market used throughout: hashvalue 0.00048 BTC/PH/day × $100,000 = $48 /PH/day.
const market48: MarketInputs = { hashpricePerPhDay: 48, hashvalueBtcPerPhDay: 0.00048, btcPrice: 100_000 };
const noFee = { poolFeePercent: 0 };

describe('per PH/s per day', () => {
  it('power cost: 20 J/TH at $0.05/kWh costs $24.00 per PH/day', () => {
    // 1 PH/s at 20 J/TH draws 20 kW → 20 × 24 = 480 kWh/day × $0.05 = $24.00.
    const r = computeProfitability({}, market48);
    expect(r.powerCostPerPhDay).toBeCloseTo(24, 10);
  });

  it('defaults (20 J/TH, $0.05, 2 % pool fee, 100 % uptime) at $48 hashprice', () => {
    // gross 48; net = 48 × 0.98 = 47.04; margin = 47.04 − 24 = 23.04.
    const r = computeProfitability({}, market48);
    expect(r.grossRevenuePerPhDay).toBe(48);
    expect(r.netRevenuePerPhDay).toBeCloseTo(47.04, 10);
    expect(r.marginPerPhDay).toBeCloseTo(23.04, 10);
    // In BTC: 0.00048 × 0.98 = 0.0004704.
    expect(r.netRevenueBtcPerPhDay).toBeCloseTo(0.0004704, 12);
  });

  it('uptime scales revenue and power alike (idle miners draw nothing)', () => {
    // 90 % uptime, no fee: net 48 × 0.9 = 43.2; power 24 × 0.9 = 21.6; margin 21.6.
    const r = computeProfitability({ ...noFee, uptimePercent: 90 }, market48);
    expect(r.netRevenuePerPhDay).toBeCloseTo(43.2, 10);
    expect(r.powerCostPerPhDay).toBeCloseTo(21.6, 10);
    expect(r.marginPerPhDay).toBeCloseTo(21.6, 10);
    // …so the breakeven power price stays 48 / 480 = $0.10/kWh.
    expect(r.breakevenPowerPricePerKwh).toBeCloseTo(0.1, 12);
  });

  it('miner overhead raises the power drawn per PH/s', () => {
    // 10 % overhead: 20 × 1.1 = 22 kW per PH/s → 528 kWh/day × $0.05 = $26.40.
    const r = computeProfitability({ minerOverheadPercent: 10 }, market48);
    expect(r.powerCostPerPhDay).toBeCloseTo(26.4, 10);
    expect(r.physics.gridKwPerPhs).toBeCloseTo(22, 12);
  });
});

describe('breakevens', () => {
  it('breakeven power price = hashprice / (24 × J/TH): $48 at 20 J/TH → $0.10/kWh', () => {
    // 48 / (24 × 20) = 48 / 480 = 0.10 (no pool fee).
    const r = computeProfitability(noFee, market48);
    expect(r.breakevenPowerPricePerKwh).toBeCloseTo(0.1, 12);
  });

  it('with the 2 % pool fee the breakeven uses net hashprice: 47.04 / 480 = $0.098/kWh', () => {
    expect(computeProfitability({}, market48).breakevenPowerPricePerKwh).toBeCloseTo(0.098, 12);
  });

  it('breakeven efficiency: 47.04 / (24 h × $0.05) = 39.2 J/TH', () => {
    expect(computeProfitability({}, market48).breakevenEfficiencyJPerTh).toBeCloseTo(39.2, 10);
  });

  it('breakeven hashprice: $24 power / 0.98 = $24.4898 /PH/day', () => {
    expect(computeProfitability({}, market48).breakevenHashpricePerPhDay).toBeCloseTo(24.489795918, 8);
  });

  it('breakeven BTC price: $24.4898 / 0.00048 BTC = $51,020.41', () => {
    expect(computeProfitability({}, market48).breakevenBtcPrice).toBeCloseTo(51_020.408163, 5);
  });

  it('margin is zero at each breakeven (cross-check of the four solutions)', () => {
    const base = computeProfitability({}, market48);
    const atPower = computeProfitability({ powerPricePerKwh: base.breakevenPowerPricePerKwh! }, market48);
    const atEff = computeProfitability({ efficiencyJPerTh: base.breakevenEfficiencyJPerTh! }, market48);
    const hp = base.breakevenHashpricePerPhDay!;
    const atHashprice = computeProfitability({}, { ...market48, hashpricePerPhDay: hp });
    const btc = base.breakevenBtcPrice!;
    const atBtc = computeProfitability({}, { ...market48, hashpricePerPhDay: 0.00048 * btc, btcPrice: btc });
    for (const r of [atPower, atEff, atHashprice, atBtc]) expect(r.marginPerPhDay).toBeCloseTo(0, 9);
  });

  it('free power has no breakeven efficiency; a 100 % pool fee has no breakeven hashprice', () => {
    expect(computeProfitability({ powerPricePerKwh: 0 }, market48).breakevenEfficiencyJPerTh).toBeNull();
    const allFee = computeProfitability({ poolFeePercent: 100 }, market48);
    expect(allFee.breakevenHashpricePerPhDay).toBeNull();
    expect(allFee.breakevenBtcPrice).toBeNull();
    expect(computeProfitability({}, { ...market48, hashvalueBtcPerPhDay: 0 }).breakevenBtcPrice).toBeNull();
  });
});

describe('per MW of grid power per year', () => {
  it('1 MW at 20 J/TH runs 50 PH/s; power costs 8,760 MWh × $50 = $438,000', () => {
    const r = computeProfitability({}, market48);
    expect(r.physics.phsPerMwGrid).toBeCloseTo(50, 12);
    expect(r.powerCostPerMwYear).toBeCloseTo(438_000, 6);
  });

  it('revenue and margin at $48: gross 48 × 50 × 365 = $876,000; net $858,480; margin $420,480', () => {
    const r = computeProfitability({}, market48);
    expect(r.grossRevenuePerMwYear).toBeCloseTo(876_000, 6);
    expect(r.netRevenuePerMwYear).toBeCloseTo(858_480, 6);
    expect(r.marginPerMwYear).toBeCloseTo(420_480, 6);
  });

  it('a grid MW with 25 % overhead runs 40 PH/s and still buys exactly 8,760 MWh', () => {
    // 20 × 1.25 = 25 kW per PH/s → 1000 / 25 = 40 PH/s; power cost still $438,000.
    const r = computeProfitability({ minerOverheadPercent: 25 }, market48);
    expect(r.physics.phsPerMwGrid).toBeCloseTo(40, 12);
    expect(r.powerCostPerMwYear).toBeCloseTo(438_000, 6);
  });
});

describe('fleet totals', () => {
  it('no fleet → null', () => {
    expect(computeProfitability({}, market48).fleet).toBeNull();
  });

  it('10 PH/s at 20 J/TH = 0.2 MW; margin 23.04 × 10 = $230.40/day, $84,096/year', () => {
    const f = computeProfitability({ fleet: { kind: 'phs', value: 10 } }, market48).fleet!;
    expect(f.hashratePhs).toBe(10);
    expect(f.gridPowerMw).toBeCloseTo(0.2, 12);
    expect(f.powerCostPerDay).toBeCloseTo(240, 9);
    expect(f.marginPerDay).toBeCloseTo(230.4, 9);
    expect(f.marginPerYear).toBeCloseTo(84_096, 6);
  });

  it('2 MW of grid power at 20 J/TH = 100 PH/s; power $876,000/year', () => {
    const f = computeProfitability({ fleet: { kind: 'mw', value: 2 } }, market48).fleet!;
    expect(f.hashratePhs).toBeCloseTo(100, 10);
    expect(f.gridPowerMw).toBe(2);
    expect(f.grossRevenuePerDay).toBeCloseTo(4800, 8);
    expect(f.powerCostPerYear).toBeCloseTo(876_000, 5);
    expect(f.marginPerYear).toBeCloseTo(840_960, 5);
  });
});
