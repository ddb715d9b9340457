import { describe, expect, it } from 'vitest';
import { compareMiningVsHosting } from '../../../src/core/pnl/hosting';
import type { MarketInputs } from '../../../src/core/pnl/profitability';

const market48: MarketInputs = { hashpricePerPhDay: 48, hashvalueBtcPerPhDay: 0.00048, btcPrice: 100_000 };

describe('mining vs AI/HPC hosting per MW of grid power per year', () => {
  it('defaults at $48/PH/day, 20 J/TH, $0.05/kWh (power passed through)', () => {
    // Hosting: IT load = 1000 / 1.3 = 769.23 kW; rent = 130 × 769.23 × 12 × 100 % = $1,200,000.
    //   Power passed through → host net = $1,200,000.
    // Mining: 50 PH/s; net revenue 48 × 0.98 × 50 × 365 = $858,480; power 8,760 MWh × $50 = $438,000;
    //   margin $420,480.
    // Difference: 1,200,000 − 420,480 = $779,520 in favour of hosting.
    // Equal when 17,885 × H − 438,000 = 1,200,000 (17,885 = 0.98 × 50 × 365) → H = $91.5851 /PH/day.
    const r = compareMiningVsHosting({}, {}, market48);
    expect(r.itLoadKwPerMwGrid).toBeCloseTo(769.230769, 5);
    expect(r.hostingRevenuePerMwYear).toBeCloseTo(1_200_000, 5);
    expect(r.hostingPowerCostPerMwYear).toBe(0);
    expect(r.hostingNetPerMwYear).toBeCloseTo(1_200_000, 5);
    expect(r.miningNetPerMwYear).toBeCloseTo(420_480, 5);
    expect(r.hostingMinusMiningPerMwYear).toBeCloseTo(779_520, 5);
    expect(r.equalNetHashpricePerPhDay).toBeCloseTo(91.585127, 5);
  });

  it('at the equal-net hashprice both nets match', () => {
    const hp = compareMiningVsHosting({}, {}, market48).equalNetHashpricePerPhDay!;
    const r = compareMiningVsHosting({}, {}, { ...market48, hashpricePerPhDay: hp });
    expect(r.hostingMinusMiningPerMwYear).toBeCloseTo(0, 5);
  });

  it('power not passed through: the host pays 8,760 MWh × $50', () => {
    // Host net = 1,200,000 − 438,000 = $762,000. Equal hashprice = (762,000 + 438,000) / 17,885 = $67.0953.
    const r = compareMiningVsHosting({ powerPassThrough: false }, {}, market48);
    expect(r.hostingPowerCostPerMwYear).toBeCloseTo(438_000, 6);
    expect(r.hostingNetPerMwYear).toBeCloseTo(762_000, 5);
    expect(r.hostingMinusMiningPerMwYear).toBeCloseTo(341_520, 5);
    expect(r.equalNetHashpricePerPhDay).toBeCloseTo(67.095331, 5);
  });

  it('utilisation scales rent (and the host-paid power bill)', () => {
    // 50 % leased, PUE 1.5, $150/kW-month: IT 666.67 kW; rent 150 × 666.67 × 12 × 0.5 = $600,000;
    // host power 8,760 MWh × 0.5 × $50 = $219,000 → net $381,000.
    const r = compareMiningVsHosting(
      { utilisationPercent: 50, pue: 1.5, colocationPerKwMonth: 150, powerPassThrough: false },
      {},
      market48,
    );
    expect(r.hostingRevenuePerMwYear).toBeCloseTo(600_000, 5);
    expect(r.hostingNetPerMwYear).toBeCloseTo(381_000, 5);
  });

  it('one power price for both sides: the hosting one overrides the miner one', () => {
    // $0.04/kWh: mining power 8,760 MWh × $40 = $350,400; margin 858,480 − 350,400 = $508,080.
    const r = compareMiningVsHosting({ powerPricePerKwh: 0.04 }, { powerPricePerKwh: 0.09 }, market48);
    expect(r.powerPricePerKwh).toBe(0.04);
    expect(r.miningNetPerMwYear).toBeCloseTo(508_080, 5);
  });

  it('ignores the fleet (the basis is one grid MW) and lists its assumptions', () => {
    const r = compareMiningVsHosting({}, { fleet: { kind: 'mw', value: 5 } }, market48);
    expect(r.mining.fleet).toBeNull();
    expect(r.assumptions.some((a) => a.includes('PUE 1.3 applies to hosting only'))).toBe(true);
    expect(r.assumptions.some((a) => /capex/.test(a))).toBe(true);
    expect(r.assumptions.some((a) => /curtailment/.test(a))).toBe(true);
    expect(r.assumptions.some((a) => a.includes('pool fee 2 %') && a.includes('uptime 100 %'))).toBe(true);
  });
});
