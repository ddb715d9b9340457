// The P&L section's numbers, hand-worked.
//
// Market (a snapshot built for round numbers): next block's subsidy 3.125 BTC (height 975,145), no fees,
// difficulty D = 86,400·10¹⁵ × 6,250 / 2³² ≈ 1.2573e14, so one PH/s finds 1/6,250 of a block a day:
//   hashvalue = 3.125 / 6,250 = 0.0005 BTC/PH/day; at $100,000 → hashprice H = $50.00/PH/day.
// Default inputs: 20 J/TH, $0.05/kWh, 2 % pool fee, 100 % uptime, no overhead.
//   power cost   24 h × 20 kW × $0.05 = $24.00/PH/day; 1 MW runs 1,000/20 = 50 PH/s → × 50 × 365 = × 18,250
//                = $438,000/MW-year (= 1,000 kW × 8,760 h × $0.05)
//   revenue      0.98 × 50 = $49.00/PH/day = $894,250/MW-year
//   margin       49 − 24 = $25.00/PH/day = $456,250/MW-year
//   breakevens   power price 49 / (24 × 20) = $0.1020833/kWh; efficiency 49 / (24 × 0.05) = 40.8333 J/TH;
//                hashprice 24 / 0.98 = $24.4898; BTC price 24.4898 / 0.0005 = $48,979.59
//   hosting      1,000 / 1.3 kW IT × $130 × 12 = $1,200,000/MW-year (power passed through)
//                equal when 17,885 h − 438,000 = 1,200,000 → h = 1,638,000 / 17,885 = $91.5851
//   what-if      retarget +25 %: H / 1.25 = $40 → margin 39.20 − 24 = $15.20/PH/day, $277,400/MW-year
//                halving (no fees): H / 2 = $25 → margin 24.50 − 24 = $0.50, $9,125; BTC breakeven $97,959.18
//                both: $20 → margin 19.60 − 24 = −$4.40, −$80,300
import { describe, expect, it } from 'vitest';
import { buildHistoryDataset } from '../../../src/core/history/align';
import type { HistoryDataset } from '../../../src/core/history/types';
import {
  breakevenBand,
  buildPnlOverlay,
  buildPnlState,
  settingProblemsByField,
} from '../../../src/core/views/pnlState';
import { hashpriceObservations } from '../../../src/core/history/observations';
import { hashpriceMoves } from '../../../src/core/pnl/decomposition';
import { DEFAULT_PNL_INPUTS, type PnlInputs } from '../../../src/core/pnl/validate';
import { readSettings } from '../../../src/core/settings';
import { makeSnapshot, NOW_MS } from '../helpers/snapshot';

const D50 = (86_400e15 * 6_250) / 2 ** 32;

const snapshot = makeSnapshot({
  hashrate: { ...makeSnapshot().hashrate, currentDifficulty: D50 },
  rewardStats: {
    startBlock: 975_001,
    endBlock: 975_144,
    totalRewardSats: 144 * 312_500_000,
    totalFeeSats: 0,
    totalTx: 512_000,
  },
  prices: { timeS: 1_795_599_000, perBtc: { USD: 100_000 } },
  adjustment: { ...makeSnapshot().adjustment, difficultyChangePercent: 25 },
});

const inputs = (patch: Partial<PnlInputs> = {}): PnlInputs => ({ ...DEFAULT_PNL_INPUTS, ...patch });

const DAY = 86_400;
const DAY0 = 1_792_800_000 - (1_792_800_000 % DAY);

/**
 * 31 UTC days with data on four of them (the decomposition only needs the compared days):
 *   day 0   D 1.1e14, $110,000, reward 3.125 BTC, fees 0      → hashprice $62.86
 *   day 23  D 1.0e14, $110,000, reward 3.225 BTC, fees 0.1    → $71.36
 *   day 29  D 1.1e14, $100,000, reward 3.225, fees 0.1        → $58.98
 *   day 30  D 1.1e14, $110,000, reward 3.225, fees 0.1        → $64.88
 * so over 1 day only the price moved (+10 %), over 7 days only difficulty (1.0 → 1.1e14: 1/1.1 − 1 = −9.0909 %),
 * over 30 days only fees (3.125 → 3.225 BTC per block: +3.2 %).
 */
function history(): HistoryDataset {
  const n = 31;
  const timeS = Array.from({ length: n }, (_, i) => DAY0 + i * DAY);
  const column = (values: Record<number, number>): (number | null)[] => timeS.map((_, i) => values[i] ?? null);
  const base = buildHistoryDataset(
    { hashrate: [], adjustments: [], rewards: [], fees: null, prices: null },
    { range: '3M', currency: 'USD', sourceHost: 'example.test', fetchedAtMs: NOW_MS },
  );
  return {
    ...base,
    days: {
      timeS,
      hashrateHps: column({}),
      difficulty: column({ 0: 1.1e14, 23: 1.0e14, 29: 1.1e14, 30: 1.1e14 }),
      rewardSats: column({ 0: 312_500_000, 23: 322_500_000, 29: 322_500_000, 30: 322_500_000 }),
      feesSats: column({ 0: 0, 23: 10_000_000, 29: 10_000_000, 30: 10_000_000 }),
      price: column({ 0: 110_000, 23: 110_000, 29: 100_000, 30: 110_000 }),
    },
  };
}

describe('buildPnlState', () => {
  const state = buildPnlState({
    currency: 'USD',
    pnl: inputs({ fleet: { kind: 'mw', value: 2 } }),
    snapshot,
    nowMs: NOW_MS,
    history: history(),
    range: history(),
  });

  it('today: per PH/day and per MW-year, and the fleet', () => {
    expect(state.market).toEqual({
      hashpricePerPhDay: expect.closeTo(50, 9),
      hashvalueSatsPerPhDay: expect.closeTo(50_000, 6),
      btcPrice: 100_000,
      fetchedAtMs: snapshot.fetchedAtMs,
    });
    const p = state.profit!;
    expect(p.perPhDay.grossRevenue).toBeCloseTo(50, 9);
    expect(p.perPhDay.revenue).toBeCloseTo(49, 9);
    expect(p.perPhDay.powerCost).toBeCloseTo(24, 9);
    expect(p.perPhDay.margin).toBeCloseTo(25, 9);
    expect(p.perMwYear.revenue).toBeCloseTo(894_250, 6);
    expect(p.perMwYear.powerCost).toBeCloseTo(438_000, 6);
    expect(p.perMwYear.margin).toBeCloseTo(456_250, 6);
    expect(p.phsPerMw).toBe(50);
    // 2 MW of grid power = 100 PH/s: margin 100 × $25 = $2,500 a day, $912,500 a year.
    expect(p.fleet!.hashratePhs).toBe(100);
    expect(p.fleet!.gridPowerMw).toBe(2);
    expect(p.fleet!.perDay.margin).toBeCloseTo(2_500, 6);
    expect(p.fleet!.perYear.margin).toBeCloseTo(912_500, 4);
    expect(p.fleet!.perYear.powerCost).toBeCloseTo(876_000, 4);
  });

  it('breakevens: power price, efficiency, hashprice (power only and with the pool fee), BTC price', () => {
    const p = state.profit!;
    expect(p.breakevenPowerPricePerKwh).toBeCloseTo(49 / 480, 12);
    expect(p.breakevenEfficiencyJPerTh).toBeCloseTo(49 / 1.2, 9);
    expect(p.powerCostBreakevenPerPhDay).toBeCloseTo(24, 12);
    expect(p.breakevenHashpricePerPhDay).toBeCloseTo(24 / 0.98, 12);
    expect(p.breakevenBtcPrice).toBeCloseTo(48_979.59, 1);
  });

  it('mining vs AI hosting per MW-year, the equal hashprice, and the assumptions', () => {
    const x = state.hosting!;
    expect(x.itLoadKwPerMw).toBeCloseTo(769.2308, 3);
    expect(x.hostingRevenuePerMwYear).toBeCloseTo(1_200_000, 6);
    expect(x.hostingPowerCostPerMwYear).toBe(0);
    expect(x.hostingNetPerMwYear).toBeCloseTo(1_200_000, 6);
    expect(x.miningRevenuePerMwYear).toBeCloseTo(894_250, 6);
    expect(x.miningNetPerMwYear).toBeCloseTo(456_250, 6);
    expect(x.hostingMinusMiningPerMwYear).toBeCloseTo(743_750, 6);
    expect(x.equalNetHashpricePerPhDay).toBeCloseTo(1_638_000 / 17_885, 9);
    expect(x.equalNetHashpricePerPhDay).toBeCloseTo(91.5851, 4);
    expect(x.assumptions.length).toBeGreaterThanOrEqual(8);
    expect(x.assumptions).toContain("Power is passed through: the tenant pays it, so the host's net is the rent.");
  });

  it('what if: the estimated retarget, the halving, both', () => {
    const w = state.whatIf!;
    expect(w.difficultyChangePercent).toBe(25);
    expect(w.retargetHeight).toBe(975_744);
    expect(w.halvingHeight).toBe(1_050_000);
    expect(w.subsidyBtc).toBe(3.125);
    expect(w.feesBtcPerBlock).toBe(0);
    const [now, retarget, halving, both] = w.scenarios;
    expect(now).toMatchObject({
      id: 'now',
      hashpricePerPhDay: expect.closeTo(50, 9),
      marginPerPhDay: expect.closeTo(25, 9),
    });
    expect(retarget).toMatchObject({
      id: 'retarget',
      hashpricePerPhDay: expect.closeTo(40, 9),
      marginPerPhDay: expect.closeTo(15.2, 9),
      marginPerMwYear: expect.closeTo(277_400, 5),
    });
    expect(halving).toMatchObject({
      id: 'halving',
      hashpricePerPhDay: expect.closeTo(25, 9),
      marginPerPhDay: expect.closeTo(0.5, 9),
      marginPerMwYear: expect.closeTo(9_125, 5),
    });
    expect(halving!.breakevenBtcPrice).toBeCloseTo(97_959.18, 1);
    expect(both).toMatchObject({
      id: 'both',
      hashpricePerPhDay: expect.closeTo(20, 9),
      marginPerPhDay: expect.closeTo(-4.4, 9),
      marginPerMwYear: expect.closeTo(-80_300, 5),
    });
  });

  it('why did hashprice move: 1, 7, 30 days from the daily history, each part where it belongs', () => {
    expect(state.movesRange).toBe('3M');
    const [d1, d7, d30] = state.moves;
    expect(state.moves.map((m) => m.days)).toEqual([1, 7, 30]);
    expect(d1).toMatchObject({ fromS: DAY0 + 29 * DAY, toS: DAY0 + 30 * DAY });
    expect(d1!.totalPercent).toBeCloseTo(10, 9);
    expect(d1!.pricePercent).toBeCloseTo(10, 9);
    expect(d1!.difficultyPercent).toBe(0);
    expect(d1!.feesPercent).toBe(0);
    expect(d1!.fromHashpricePerPhDay).toBeCloseTo(58.978, 3);
    expect(d1!.toHashpricePerPhDay).toBeCloseTo(64.876, 3);
    expect(d7!.totalPercent).toBeCloseTo(-9.0909, 4);
    expect(d7!.difficultyPercent).toBeCloseTo(-9.0909, 4);
    expect(d7!.pricePercent).toBe(0);
    expect(d30!.totalPercent).toBeCloseTo(3.2, 9);
    expect(d30!.feesPercent).toBeCloseTo(3.2, 9);
    expect(d30!.subsidyPercent).toBeCloseTo(0, 12);
    for (const m of state.moves) {
      expect(m.pricePercent + m.difficultyPercent + m.feesPercent + m.subsidyPercent).toBeCloseTo(m.totalPercent, 10);
      expect((m.toHashpricePerPhDay / m.fromHashpricePerPhDay - 1) * 100).toBeCloseTo(m.totalPercent, 10);
    }
    // The hover's function over the same observations: the same days and the same parts.
    const hover = hashpriceMoves(hashpriceObservations(history()));
    expect(state.moves.map((m) => [m.days, m.fromS, m.toS, m.totalPercent])).toEqual(
      hover.map((h) => [h.days, h.from.timeS, h.to.timeS, h.decomposition.totalPercent]),
    );
  });

  it("days under water in the shown range, against today's breakevens", () => {
    // $0.13/kWh: power cost 24 × 20 × 0.13 = $62.40, breakeven 62.40 / 0.98 = $63.67. Days: $62.86 (below the
    // breakeven), $71.36, $58.98 (below both), $64.88 → 2 below the breakeven, 1 below the power cost.
    const s = buildPnlState({
      currency: 'USD',
      pnl: inputs({ powerPricePerKwh: 0.13 }),
      snapshot,
      nowMs: NOW_MS,
      history: null,
      range: history(),
    });
    expect(s.water).toEqual({
      range: '3M',
      days: 4,
      belowBreakeven: 2,
      belowPowerCost: 1,
      lastBelowS: DAY0 + 29 * DAY,
    });
    expect(s.moves).toEqual([]);
    expect(s.movesRange).toBeNull();
  });

  it('the overlay: the band from the power cost to the breakeven, explained', () => {
    expect(breakevenBand(inputs())).toEqual({
      powerCostPerPhDay: expect.closeTo(24, 12),
      breakevenPerPhDay: expect.closeTo(24.4898, 4),
    });
    expect(state.overlay).toEqual({
      currency: 'USD',
      powerCostPerPhDay: expect.closeTo(24, 12),
      breakevenPerPhDay: expect.closeTo(24.4898, 4),
      label: 'Your breakeven $24.49/PH/day',
      note:
        'Your breakeven (P&L below): the red band runs from your power cost, $24.00/PH/day (20 J/TH at $0.050/kWh), ' +
        'to your breakeven after the 2 % pool fee, $24.49/PH/day (dashed line). Between hashprice and the breakeven, days above water are shaded green and days below red.',
    });
    // 24 h × 17.5 kW × €0.10 = €42.00 per PH/day; ÷ 0.98 = €42.86.
    expect(buildPnlOverlay('EUR', inputs({ powerPricePerKwh: 0.1, efficiencyJPerTh: 17.5 }))?.label).toBe(
      'Your breakeven €42.86/PH/day',
    );
  });

  it('without a price in the currency: inputs and moves only', () => {
    const s = buildPnlState({
      currency: 'GBP',
      pnl: inputs(),
      fleetUnit: 'MW',
      snapshot,
      nowMs: NOW_MS,
      history: history(),
      range: null,
    });
    expect(s).toMatchObject({
      currency: 'GBP',
      market: null,
      profit: null,
      hosting: null,
      whatIf: null,
      water: null,
      moves: [],
      movesRange: null,
    });
    // The fleet unit setting shows even without a fleet size.
    expect(s.inputs.fleetUnit).toBe('MW');
    expect(s.inputs.fleetSize).toBe(0);
  });

  it('a hidden negative margin is still a number (error colour in the panel)', () => {
    const s = buildPnlState({
      currency: 'USD',
      pnl: inputs({ powerPricePerKwh: 0.12 }),
      snapshot,
      nowMs: NOW_MS,
      history: null,
      range: null,
    });
    // 24 × 20 × 0.12 = $57.60 > $49.00 → −$8.60/PH/day.
    expect(s.profit!.perPhDay.margin).toBeCloseTo(-8.6, 9);
  });
});

describe('settingProblemsByField', () => {
  it('maps the P&L settings problems to their field and drops the others', () => {
    const { problems } = readSettings(
      (key) => ({ 'pnl.efficiencyJPerTh': 500, 'hosting.pue': 'x', 'pnl.fleetSize': -2, currency: 'DOGE' })[key],
    );
    const byField = settingProblemsByField(problems);
    expect(byField.map((p) => p.field)).toEqual(['efficiencyJPerTh', 'pue', 'fleetSize']);
    expect(byField[0]!.message).toBe(
      'Your setting miningEconomics.pnl.efficiencyJPerTh Miner efficiency must be between 5 and 200 J/TH; got 500 J/TH. Using the default, 20 J/TH.',
    );
  });
});
