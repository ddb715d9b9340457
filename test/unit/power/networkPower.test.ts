import { describe, expect, it } from 'vitest';
import type { Machine } from '../../../src/core/power/machines';
import {
  CBECI_V1,
  energyTwhPerYear,
  networkPower,
  networkPowerSeries,
  powerW,
  type NetworkPowerResult,
} from '../../../src/core/power/networkPower';

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

// A small table that makes the hand calculations easy.
const TABLE: Machine[] = [
  machine('A', '2020-01', 30),
  machine('B', '2021-01', 25),
  machine('C', '2022-01', 20),
  machine('E', '2023-01', 45),
  machine('D', '2024-01', 15),
];
const EHS = 1e18;
const JUNE_2024 = Date.UTC(2024, 5, 1);

function ok(result: NetworkPowerResult) {
  if (!result.ok) throw new Error(result.reason);
  return result;
}

const rel = (actual: number | null | undefined, expected: number) => {
  expect(actual ?? null).not.toBeNull();
  expect(Math.abs(actual! / expected - 1)).toBeLessThan(1e-12);
};

describe('units', () => {
  it('1000 EH/s × 20 J/TH = 20 GW', () => {
    // 1 EH/s = 10¹⁸ H/s = 10⁶ TH/s; × 20 J/TH = 2·10⁷ W = 20 MW per EH/s → 1000 EH/s = 2·10¹⁰ W = 20 GW.
    rel(powerW(1000 * EHS, 20), 2e10);
  });

  it('60 EH/s × 20 J/TH = 1,200 MW; a year of 1.2 GW = 1.2 × 8.766 = 10.519 TWh (reference example)', () => {
    rel(powerW(60 * EHS, 20), 1.2e9);
    // 1.2·10⁹ W × 8,766 h = 1.05192·10¹³ Wh = 10.5192 TWh.
    rel(energyTwhPerYear(1.2e9), 10.5192);
  });
});

describe('network power bounds (CBECI v1.x method)', () => {
  it('1000 EH/s, $50/PH/day, $0.05/kWh, PUE 1, June 2024: 15 / 22.5 / 30 GW', () => {
    // Breakeven 50 / (24 × 0.05) = 41.667 J/TH. Available by June 2024: A 30, B 25, C 20, E 45, D 15.
    // Profitable (< 41.667): D 15, C 20, B 25, A 30 — E (45) is under water.
    // low = 1e21 × 15 / 1e12 = 1.5e10 W; best = mean(15, 20, 25, 30) = 22.5 J/TH → 2.25e10 W; high = 30 → 3e10 W.
    const r = ok(
      networkPower({
        hashrateHps: 1000 * EHS,
        hashpricePerPhDay: 50,
        powerPricePerKwh: 0.05,
        pue: 1,
        dateMs: JUNE_2024,
        machines: TABLE,
      }),
    );
    rel(r.breakevenJPerTh, 41.666666666666664);
    expect(r.profitableMachines.map((m) => m.model)).toEqual(['D', 'C', 'B', 'A']);
    expect(r.availableCount).toBe(5);
    expect(r.efficiencyJPerTh).toEqual({ low: 15, best: 22.5, high: 30 });
    rel(r.lowW, 1.5e10);
    rel(r.bestW, 2.25e10);
    rel(r.highW, 3e10);
    // 22.5 GW × 8.766 = 197.235 TWh/yr.
    rel(r.energyTwhPerYear.best, 197.235);
  });

  it('default PUEs 1.01 / 1.10 / 1.20 and price $0.05/kWh (CBECI v1.x)', () => {
    // low 15 GW × 1.01 = 15.15 GW; best 22.5 × 1.10 = 24.75 GW; high 30 × 1.20 = 36 GW; 36 × 8.766 = 315.576 TWh/yr.
    const r = ok(networkPower({ hashrateHps: 1000 * EHS, hashpricePerPhDay: 50, dateMs: JUNE_2024, machines: TABLE }));
    expect(r.powerPricePerKwh).toBe(CBECI_V1.powerPricePerKwh);
    expect(r.pue).toEqual({ low: 1.01, best: 1.1, high: 1.2 });
    rel(r.lowW, 1.515e10);
    rel(r.bestW, 2.475e10);
    rel(r.highW, 3.6e10);
    rel(r.itW.best, 2.25e10);
    rel(r.energyTwhPerYear.high, 315.576);
  });

  it('only machines released by the date count (June 2022: no D)', () => {
    // Released by June 2022: A 30, B 25, C 20 (E is 2023-01, D 2024-01); all below 41.667 J/TH.
    // low 20, best (30 + 25 + 20) / 3 = 25, high 30 J/TH; 500 EH/s × 25 J/TH = 12.5 GW.
    const r = ok(
      networkPower({
        hashrateHps: 500 * EHS,
        hashpricePerPhDay: 50,
        pue: 1,
        dateMs: Date.UTC(2022, 5, 1),
        machines: TABLE,
      }),
    );
    expect(r.efficiencyJPerTh).toEqual({ low: 20, best: 25, high: 30 });
    rel(r.bestW, 1.25e10);
  });

  it('a machine exactly at breakeven is not profitable ($24/PH/day → 20 J/TH)', () => {
    // 24 / 1.2 = 20 J/TH: C (20) is at breakeven, so only D (15) runs: low = best = high = 15.
    const r = ok(
      networkPower({ hashrateHps: 1000 * EHS, hashpricePerPhDay: 24, pue: 1, dateMs: JUNE_2024, machines: TABLE }),
    );
    expect(r.profitableMachines.map((m) => m.model)).toEqual(['D']);
    expect(r.efficiencyJPerTh).toEqual({ low: 15, best: 15, high: 15 });
  });

  it('nothing profitable: the floor is the most efficient machine, best and high are unknown', () => {
    // $10/PH/day → 8.33 J/TH: nothing in the table is that efficient.
    const r = ok(
      networkPower({ hashrateHps: 1000 * EHS, hashpricePerPhDay: 10, pue: 1, dateMs: JUNE_2024, machines: TABLE }),
    );
    expect(r.profitableMachines).toEqual([]);
    rel(r.lowW, 1.5e10);
    expect(r.bestW).toBeNull();
    expect(r.highW).toBeNull();
    expect(r.energyTwhPerYear.best).toBeNull();
  });

  it('real table, 2024-01-15, 1000 EH/s, $50/PH/day, $0.05/kWh', () => {
    // Computed independently from the reference CSV: 28 machines released by 2024-01, 26 below 41.667 J/TH
    // (both S9 bins at 98 J/TH are not); their efficiencies sum to 686.5 → mean 26.4038 J/TH;
    // min 16.0 (S21 Hyd), max 40.0 (S17+). best = 1e21 × 26.4038 / 1e12 × 1.10 = 29.044 GW.
    const r = ok(networkPower({ hashrateHps: 1000 * EHS, hashpricePerPhDay: 50, dateMs: Date.UTC(2024, 0, 15) }));
    expect(r.availableCount).toBe(28);
    expect(r.profitableMachines).toHaveLength(26);
    expect(r.efficiencyJPerTh.low).toBe(16);
    expect(r.efficiencyJPerTh.high).toBe(40);
    rel(r.efficiencyJPerTh.best, 686.5 / 26);
    rel(r.bestW, ((1e21 * (686.5 / 26)) / 1e12) * 1.1);
  });

  it('rejects bad inputs with a reason instead of a number', () => {
    const base = { hashrateHps: 1000 * EHS, hashpricePerPhDay: 50, dateMs: JUNE_2024, machines: TABLE };
    const reason = (r: NetworkPowerResult) => (r.ok ? 'ok' : r.reason);
    expect(reason(networkPower({ ...base, pue: 0.9 }))).toMatch(/PUE \(low\) should be a number from 1 to 3/);
    expect(reason(networkPower({ ...base, pue: { low: 1, best: Number.NaN, high: 1.2 } }))).toMatch(/PUE \(best\)/);
    expect(reason(networkPower({ ...base, powerPricePerKwh: 0 }))).toMatch(/power price/);
    expect(reason(networkPower({ ...base, hashrateHps: -1 }))).toMatch(/hash rate/);
    expect(reason(networkPower({ ...base, hashpricePerPhDay: Number.POSITIVE_INFINITY }))).toMatch(/hashprice/);
    expect(reason(networkPower({ ...base, dateMs: Date.UTC(2019, 0, 1) }))).toMatch(
      /no machine in the table was released by 2019-01-01/,
    );
  });
});

describe('daily series', () => {
  const day0 = Date.UTC(2024, 5, 1) / 1000;
  const days = 30;
  const timeS = Array.from({ length: days }, (_, i) => day0 + i * 86_400);

  it('smooths the threshold over 14 days (≥ 7 present) and carries best/high forward when nothing is profitable', () => {
    // Days 0–13 at $50/PH/day (threshold 41.667 J/TH), days 14–29 at $1/PH/day (0.8333 J/TH).
    const hashprice = timeS.map((_, i) => (i < 14 ? 50 : 1));
    const hashrate = timeS.map(() => 1000 * EHS);
    const s = networkPowerSeries(
      { timeS, hashrateHps: hashrate, hashpricePerPhDay: hashprice },
      { pue: 1, machines: TABLE },
    );
    if (typeof s === 'string') throw new Error(s);
    // Day 5 has only 6 thresholds: no value. Day 6 has 7: mean 41.667, all four cheap machines → 22.5 GW.
    expect(s.bestW[5]).toBeNull();
    rel(s.thresholdJPerTh[6], 41.666666666666664);
    rel(s.bestW[6], 2.25e10);
    // Day 20: window 7–20 = 7 × 41.667 + 7 × 0.8333 → mean 21.25 J/TH: D 15 and C 20 profitable → best 17.5, high 20.
    rel(s.thresholdJPerTh[20], ((7 * 50) / 1.2 + (7 * 1) / 1.2) / 14);
    rel(s.bestW[20], 1.75e10);
    rel(s.highW[20], 2e10);
    expect(s.carriedForward[20]).toBe(false);
    // Day 22: window 9–22 = 5 × 41.667 + 9 × 0.8333 → 15.417 J/TH: D (15) only → 15 GW.
    rel(s.bestW[22], 1.5e10);
    // Day 23: 4 × 41.667 + 10 × 0.8333 → 12.5 J/TH: nothing profitable → day 22's 15 J/TH carried forward.
    expect(s.carriedForward[23]).toBe(true);
    rel(s.bestW[23], 1.5e10);
    rel(s.lowW[23], 1.5e10);
    expect(s.carriedForward[29]).toBe(true);
  });

  it('gaps in hash rate stay gaps; a bad setting gives a reason', () => {
    const hashrate = timeS.map((_, i) => (i === 10 ? null : 1000 * EHS));
    const s = networkPowerSeries(
      { timeS, hashrateHps: hashrate, hashpricePerPhDay: timeS.map(() => 50) },
      { machines: TABLE },
    );
    if (typeof s === 'string') throw new Error(s);
    expect(s.bestW[10]).toBeNull();
    expect(s.bestW[11]).not.toBeNull();
    expect(networkPowerSeries({ timeS, hashrateHps: hashrate, hashpricePerPhDay: hashrate }, { pue: 5 })).toMatch(
      /PUE/,
    );
  });
});
