import { describe, expect, it } from 'vitest';
import {
  breakevenEfficiencyJPerTh,
  breakevenSeries,
  isProfitable,
  machineVerdicts,
  underWaterShare,
} from '../../../src/core/power/breakeven';
import type { Machine } from '../../../src/core/power/machines';

const machine = (model: string, releaseMonth: string, efficiencyJPerTh: number): Machine => ({
  model,
  manufacturer: 'Test',
  releaseMonth,
  hashrateThs: 100,
  powerW: 100 * efficiencyJPerTh,
  efficiencyJPerTh,
  source: 'test',
  uncertain: false,
});

describe('breakeven efficiency', () => {
  it('$50/PH/day at $0.05/kWh → 50 / (24 × 0.05) = 41.667 J/TH (reference worked example)', () => {
    const be = breakevenEfficiencyJPerTh(50, 0.05)!;
    expect(be).toBeCloseTo(41.666667, 5);
    // Check in per-TH units: 41.667 J/TH × 24 h × $0.05/kWh ÷ 1000 (W→kW) = $0.0500 per TH/s per day,
    // which is the hashprice per TH/day ($50 / 1000).
    expect((be * 24 * 0.05) / 1000).toBeCloseTo(50 / 1000, 12);
  });

  it('$38/PH/day at $0.045/kWh → 38 / 1.08 = 35.19 J/TH; with PUE 1.10 → 31.99 J/TH', () => {
    expect(breakevenEfficiencyJPerTh(38, 0.045)).toBeCloseTo(35.185185, 5);
    expect(breakevenEfficiencyJPerTh(38, 0.045, { pue: 1.1 })).toBeCloseTo(31.986532, 5);
  });

  it('a 2 % pool fee keeps 98 % of hashprice: 49 / 1.2 = 40.833 J/TH', () => {
    expect(breakevenEfficiencyJPerTh(50, 0.05, { poolFeePercent: 2 })).toBeCloseTo(40.833333, 5);
  });

  it('no finite answer → null (free power, NaN, PUE below 1)', () => {
    expect(breakevenEfficiencyJPerTh(50, 0)).toBeNull();
    expect(breakevenEfficiencyJPerTh(Number.NaN, 0.05)).toBeNull();
    expect(breakevenEfficiencyJPerTh(50, 0.05, { pue: 0.9 })).toBeNull();
  });

  it('profitable means strictly below breakeven', () => {
    // $24/PH/day at $0.05 → 24 / 1.2 = 20 J/TH exactly.
    const be = breakevenEfficiencyJPerTh(24, 0.05)!;
    expect(be).toBeCloseTo(20, 12);
    expect(isProfitable({ efficiencyJPerTh: 19.99 }, be)).toBe(true);
    expect(isProfitable({ efficiencyJPerTh: 20.01 }, be)).toBe(false);
    expect(isProfitable({ efficiencyJPerTh: 1 }, null)).toBe(false);
  });
});

describe('which machines are under water', () => {
  it('real table, Aug 2022, $50/PH/day, $0.05/kWh: S19 XP (21.5) profitable, S9 (98) under water', () => {
    const v = machineVerdicts(50, 0.05, Date.UTC(2022, 7, 15));
    const names = (list: Machine[]) => list.map((m) => m.model);
    expect(names(v.profitable)).toContain('Antminer S19 XP (140 TH)');
    expect(names(v.underWater)).toContain('Antminer S9 (11.5 TH)');
    // Not yet released in Aug 2022.
    expect([...names(v.profitable), ...names(v.underWater)]).not.toContain('Antminer S21 (200 TH)');
    // Most efficient profitable first; least efficient under water first.
    expect(v.profitable[0]!.efficiencyJPerTh).toBe(Math.min(...v.profitable.map((m) => m.efficiencyJPerTh)));
    expect(v.underWater.every((m) => m.efficiencyJPerTh >= v.breakevenJPerTh!)).toBe(true);
  });
});

describe('breakeven series', () => {
  it('one line per power price; gaps and non-positive hashprice stay null', () => {
    const s = breakevenSeries(
      { timeS: [0, 86_400, 172_800, 259_200], hashpricePerPhDay: [60, null, 0, 36] },
      [0.05, 0.06],
    );
    // 0.05: 60 / 1.2 = 50; 36 / 1.2 = 30.   0.06: 60 / 1.44 = 41.667; 36 / 1.44 = 25.
    expect(s.lines[0]!.powerPricePerKwh).toBe(0.05);
    expect(s.lines[0]!.breakevenJPerTh[0]).toBeCloseTo(50, 10);
    expect(s.lines[0]!.breakevenJPerTh[1]).toBeNull();
    expect(s.lines[0]!.breakevenJPerTh[2]).toBeNull();
    expect(s.lines[0]!.breakevenJPerTh[3]).toBeCloseTo(30, 10);
    expect(s.lines[1]!.breakevenJPerTh[0]).toBeCloseTo(41.666667, 5);
    expect(s.lines[1]!.breakevenJPerTh[3]).toBeCloseTo(25, 10);
  });

  it('share of days a machine was released and under water', () => {
    // Days 2024-01-01…04 at $0.05: breakevens 50, 30, 30, 20 J/TH.
    const day0 = Date.UTC(2024, 0, 1) / 1000;
    const timeS = [0, 1, 2, 3].map((i) => day0 + i * 86_400);
    const s = breakevenSeries({ timeS, hashpricePerPhDay: [60, 36, 36, 24] }, [0.05]);
    const old = machine('old', '2020-01', 35); // under water on days 1, 2, 3 (30, 30, 20 ≤ 35) → 3 of 4 = 75 %.
    const mid = machine('mid', '2020-01', 25); // under water on day 3 only (20 ≤ 25) → 25 %.
    const late = machine('late', '2024-01', 20); // available all 4 days (released Jan); 20 ≥ 20 on day 3 → 25 %.
    const future = machine('future', '2025-01', 10); // never available → null.
    const shares = underWaterShare(s, 0, [old, mid, late, future]).map((r) => r.underWaterPercent);
    expect(shares).toEqual([75, 25, 25, null]);
  });
});
