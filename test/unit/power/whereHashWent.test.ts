import { describe, expect, it } from 'vitest';
import type { Machine } from '../../../src/core/power/machines';
import {
  whereHashWent,
  type WhereHashWentInputs,
  type WhereHashWentResult,
} from '../../../src/core/power/whereHashWent';

const machine = (model: string, efficiencyJPerTh: number): Machine => ({
  model,
  manufacturer: 'Test',
  releaseMonth: '2024-01',
  hashrateThs: 100,
  powerW: 100 * efficiencyJPerTh,
  efficiencyJPerTh,
  source: 'test',
  uncertain: false,
});
// Both profitable at $50/PH/day and $0.05/kWh (breakeven 41.667 J/TH): best guess = (15 + 25) / 2 = 20 J/TH.
const TABLE = [machine('fast', 15), machine('slow', 25)];
const EHS = 1e18;
const DAY0_S = Date.UTC(2026, 5, 1) / 1000; // 2026-06-01
// 100 days: 1000 EH/s, a 1050 EH/s week on days 20–26 (the peak), 940 EH/s from day 60 on.
const timeS = Array.from({ length: 100 }, (_, i) => DAY0_S + i * 86_400);
const hashrateHps = timeS.map((_, i) => (i >= 20 && i <= 26 ? 1050 : i >= 60 ? 940 : 1000) * EHS);
const market = { hashpricePerPhDay: 50, hashvalueBtcPerPhDay: 0.0005, btcPrice: 100_000 };
const base: WhereHashWentInputs = {
  timeS,
  hashrateHps,
  reference: '90d',
  market,
  powerPricePerKwh: 0.05,
  pue: 1.1,
  machines: TABLE,
};

function ok(result: WhereHashWentResult) {
  if (!result.ok) throw new Error(result.reason);
  return result;
}
const rel = (actual: number, expected: number) => expect(Math.abs(actual / expected - 1)).toBeLessThan(1e-9);

describe('where the hash went', () => {
  it('90 days: −60 EH/s ≈ 1,200 MW of machines ≈ 1,320 MW at the meter; mining vs hosting per year', () => {
    // Current 7-day mean (days 93–99) = 940 EH/s. 90 days before day 99 is day 9: mean of days 3–9 = 1000 EH/s.
    // Drop 60 EH/s × 20 J/TH = 1,200 MW of machines; × PUE 1.1 = 1,320 MW of grid power.
    // Mining (pnl): 60 EH/s = 60,000 PH/s × $50 × 98 % (2 % pool fee) × 365 = $1,073,100,000 revenue;
    //   power 1,320 MW × 8,760 h × $50/MWh = $578,160,000 → net $494,940,000 a year.
    // Hosting (pnl defaults: $130/kW-month, PUE 1.3, power passed through): 1,000/1.3 kW × 130 × 12
    //   = $1,200,000 per grid MW-year × 1,320 = $1,584,000,000 a year.
    const r = ok(whereHashWent(base));
    expect(r.reference.timeS).toBe(timeS[9]);
    rel(r.reference.hashrateHps, 1000 * EHS);
    expect(r.current.timeS).toBe(timeS[99]);
    rel(r.current.hashrateHps, 940 * EHS);
    rel(r.dropHps, 60 * EHS);
    rel(r.dropPercent, 6);
    expect(r.efficiencyJPerTh).toBe(20);
    expect(r.efficiencyBasis).toBe('best-guess');
    rel(r.machineMw, 1200);
    rel(r.gridMw, 1320);
    rel(r.miningNetPerYear, 494_940_000);
    rel(r.hostingNetPerYear, 1_584_000_000);
    rel(r.hostingMinusMiningPerYear, 1_584_000_000 - 494_940_000);
  });

  it('peak: the highest 7-day mean (days 20–26 at 1050 EH/s) → −110 EH/s since 2026-06-27', () => {
    const r = ok(whereHashWent({ ...base, reference: 'peak' }));
    expect(r.reference.timeS).toBe(timeS[26]);
    rel(r.dropHps, 110 * EHS);
    // 110 EH/s × 20 J/TH × 1.1 = 2,420 MW.
    rel(r.gridMw, 2420);
  });

  it('30 days: the same 940 EH/s as now → unchanged; a rise is phrased as growth', () => {
    const flat = ok(whereHashWent({ ...base, reference: '30d' }));
    expect(flat.dropHps).toBe(0);
    // Rising series: 900 EH/s for 80 days then 1000 EH/s: days 63–69 (30 days before day 99) at 900 → +100 EH/s.
    const rising = timeS.map((_, i) => (i < 80 ? 900 : 1000) * EHS);
    const r = ok(whereHashWent({ ...base, hashrateHps: rising, reference: '30d' }));
    rel(r.dropHps, -100 * EHS);
    expect(r.gridMw).toBeLessThan(0);
    rel(r.dropPercent, -100 / 9);
  });

  it('uses the newest day with an estimate and skips missing days in the 7-day mean', () => {
    // Today (day 99) has no estimate yet, day 95 is a gap: current = mean of days 92–98 without 95 = 940.
    const gappy = hashrateHps.map((h, i) => (i === 99 || i === 95 ? null : h));
    const r = ok(whereHashWent({ ...base, hashrateHps: gappy }));
    expect(r.current.timeS).toBe(timeS[98]);
    rel(r.current.hashrateHps, 940 * EHS);
    // 90 days before day 98 is day 8: days 2–8 → 1000 EH/s.
    expect(r.reference.timeS).toBe(timeS[8]);
  });

  it('nothing profitable: prices the drop at the most efficient machine and says so', () => {
    // $5/PH/day → breakeven 4.17 J/TH: neither machine; 60 EH/s × 15 J/TH = 900 MW of machines.
    const r = ok(whereHashWent({ ...base, market: { ...market, hashpricePerPhDay: 5 } }));
    expect(r.efficiencyBasis).toBe('most-efficient-available');
    expect(r.efficiencyJPerTh).toBe(15);
    rel(r.machineMw, 900);
  });

  it('not enough data → a reason', () => {
    const reason = (r: WhereHashWentResult) => (r.ok ? 'ok' : r.reason);
    expect(
      reason(whereHashWent({ ...base, timeS: timeS.slice(0, 50), hashrateHps: hashrateHps.slice(0, 50) })),
    ).toMatch(/does not reach back 90d/);
    expect(reason(whereHashWent({ ...base, hashrateHps: timeS.map(() => null) }))).toMatch(/no 7-day hash-rate mean/);
    expect(reason(whereHashWent({ ...base, hashrateHps: hashrateHps.slice(1) }))).toMatch(/differ in length/);
    expect(reason(whereHashWent({ ...base, powerPricePerKwh: -1 }))).toMatch(/power price/);
  });
});
