// The power half of the "Power & pools" section, against hand-worked values: a dataset whose hashprice and
// hash rate are known, a two-machine table, and the real table's generations.
import { describe, expect, it } from 'vitest';
import type { HistoryDataset } from '../../../src/core/history/types';
import { m } from '../../../src/core/power/machine';
import { MACHINES } from '../../../src/core/power';
import { DEFAULT_PNL_INPUTS } from '../../../src/core/pnl/validate';
import { buildPowerState, GENERATION_MODELS, type PowerAssumptions } from '../../../src/core/views/powerState';

const DAY = 86_400;
const START_S = 1_735_689_600; // 2025-01-01, UTC midnight
const DIFFICULTY = 1e14;
const REWARD_SATS = 312_500_000; // 3.125 BTC a block
const PRICE = 100_000;
// Hashprice by hand: 3.125 BTC × 86,400 s × 10¹⁵ H/s ÷ (D × 2³²) × price
//   = 3.125 × 8.64e19 / 4.294967296e23 × 1e5 = 62.864…  USD/PH/day.
const HASHPRICE = (3.125 * 8.64e19 * 1e5) / (1e14 * 4_294_967_296);

function dataset(hashrates: readonly number[]): HistoryDataset {
  const n = hashrates.length;
  const fill = (v: number) => new Array<number>(n).fill(v);
  return {
    schema: 1,
    range: '3M',
    currency: 'USD',
    sourceHost: 'example.test',
    fetchedAtMs: 0,
    days: {
      timeS: hashrates.map((_, i) => START_S + i * DAY),
      hashrateHps: [...hashrates],
      difficulty: fill(DIFFICULTY),
      rewardSats: fill(REWARD_SATS),
      feesSats: fill(0),
      price: fill(PRICE),
    },
    adjustments: { timeS: [], height: [], difficulty: [], ratio: [] },
    halvings: [],
    notes: [],
  };
}

// Released long before the dataset; both profitable at a power price of 0.001/kWh (breakeven ≈ 2,600 J/TH).
const TWO = [
  m('Test 20', 'Test', '2020-01', 100, 2000, 20, 'test'),
  m('Test 30', 'Test', '2020-01', 100, 3000, 30, 'test'),
];
const assumptions = (over: Partial<PowerAssumptions> = {}): PowerAssumptions => ({
  networkPowerPricePerKwh: 0.001,
  pue: { low: 1.01, best: 1.1, high: 1.2 },
  userPowerPricePerKwh: 0.05,
  reference: 'peak',
  ...over,
});
const market = { hashpricePerPhDay: HASHPRICE, hashvalueBtcPerPhDay: HASHPRICE / PRICE, btcPrice: PRICE };

describe('buildPowerState', () => {
  it('prices the 7-day hash rate with the CBECI-style bounds, in watts, and a year of it in TWh', () => {
    const state = buildPowerState({
      dataset: dataset(new Array(30).fill(1e21)),
      sourceHost: 'example.test',
      assumptions: assumptions(),
      market,
      pnl: DEFAULT_PNL_INPUTS,
      machines: TWO,
    });
    // 1e21 H/s × 20 J/TH ÷ 1e12 = 2e10 W; × PUE 1.01 → 2.02e10 W (20.2 GW).
    expect(state.latest!.lowW).toBeCloseTo(2.02e10, -3);
    // Mean of 20 and 30 = 25 J/TH → 2.5e10 W × 1.10 = 2.75e10 W.
    expect(state.latest!.bestW).toBeCloseTo(2.75e10, -3);
    // 30 J/TH → 3e10 W × 1.20 = 3.6e10 W.
    expect(state.latest!.highW).toBeCloseTo(3.6e10, -3);
    // 2.75e10 W × 8,766 h = 2.41065e14 Wh = 241.065 TWh.
    expect(state.latest!.energyTwhPerYear.best).toBeCloseTo(241.065, 6);
    expect(state.latest!.timeS).toBe(START_S + 29 * DAY);
    // The threshold's 14-day mean needs 7 days: the first six have no power.
    expect(state.days.bestW.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(state.days.bestW[6]).toBeCloseTo(2.75e10, -3);
  });

  it('gives the breakeven at the user’s power price each day: hashprice ÷ (24 h × price)', () => {
    const state = buildPowerState({
      dataset: dataset(new Array(10).fill(1e21)),
      sourceHost: 'example.test',
      assumptions: assumptions({ userPowerPricePerKwh: 0.05 }),
      market,
      pnl: DEFAULT_PNL_INPUTS,
    });
    // 62.864… ÷ 1.2 = 52.387 J/TH.
    expect(HASHPRICE).toBeCloseTo(62.8643, 3);
    for (const v of state.days.breakevenJPerTh) expect(v).toBeCloseTo(HASHPRICE / 1.2, 9);
    const byModel = new Map(state.generations.map((g) => [g.model, g]));
    // S9 at 98 J/TH is above 52.4: under water every day; the S17 Pro at 39.51 is not.
    expect(byModel.get('Antminer S9 (13.5 TH)')).toMatchObject({ underWaterNow: true, underWaterPercent: 100 });
    expect(byModel.get('Antminer S17 Pro (53 TH)')).toMatchObject({ underWaterNow: false, underWaterPercent: 0 });
    // Released 2026-01, after the range: no verdict.
    const s23 = byModel.get('Antminer S23 Hyd (580 TH)')!;
    expect(s23.underWaterNow).toBeNull();
    expect(s23.underWaterPercent).toBeNull();
  });

  it('names every generation from the machine table', () => {
    for (const model of GENERATION_MODELS) expect(MACHINES.some((x) => x.model === model)).toBe(true);
  });

  it('says where the hash went: the drop from the peak in EH/s and grid MW at the best-guess efficiency', () => {
    const hashrates = [...new Array<number>(15).fill(1.2e21), ...new Array<number>(15).fill(1e21)];
    const state = buildPowerState({
      dataset: dataset(hashrates),
      sourceHost: 'example.test',
      assumptions: assumptions(),
      market,
      pnl: DEFAULT_PNL_INPUTS,
      machines: TWO,
    });
    const where = state.where!;
    // 1.2e21 − 1e21 = 2e20 H/s (200 EH/s) × 25 J/TH ÷ 1e12 = 5e9 W = 5,000 MW; × PUE 1.10 = 5,500 MW.
    expect(where.dropHps).toBeCloseTo(2e20, -8);
    expect(where.gridMw).toBeCloseTo(5500, 6);
    expect(where.dropPercent).toBeCloseTo(100 / 6, 9);
    // The headline names the machines' own draw (5,000 MW), not the grid connection, and — 29 days of data
    // not reaching the genesis block — calls the peak the range's high, not an all-time high.
    expect(where.sentence).toContain('−200 EH/s since the high of the last 29 days');
    expect(where.sentence).toContain('≈ 5 GW of machines');
    expect(state.whereProblem).toBeNull();
  });

  it('explains a missing line instead of a number: no market yet, or a range too short', () => {
    const noMarket = buildPowerState({
      dataset: dataset(new Array(10).fill(1e21)),
      sourceHost: 'example.test',
      assumptions: assumptions(),
      market: null,
      pnl: DEFAULT_PNL_INPUTS,
    });
    expect(noMarket.where).toBeNull();
    expect(noMarket.whereProblem).toMatch(/waiting/);
    const short = buildPowerState({
      dataset: dataset(new Array(10).fill(1e21)),
      sourceHost: 'example.test',
      assumptions: assumptions({ reference: '90d' }),
      market,
      pnl: DEFAULT_PNL_INPUTS,
    });
    expect(short.where).toBeNull();
    expect(short.whereProblem).toMatch(/90d/);
  });

  it('refuses a bad assumption with a reason (the host logs it)', () => {
    expect(() =>
      buildPowerState({
        dataset: dataset([1e21]),
        sourceHost: 'x',
        assumptions: assumptions({ pue: { low: 0.5, best: 1, high: 1 } }),
        market,
        pnl: DEFAULT_PNL_INPUTS,
      }),
    ).toThrow(/PUE/);
  });
});
