/**
 * Breakeven efficiency (Luxor Hashrate Index's "breakeven threshold"): the J/TH at which a machine's daily
 * power bill equals its daily revenue, at a given power price.
 *
 * Units, worked through once:
 *   1 PH/s = 1,000 TH/s; at ε J/TH that is 1,000·ε W = ε kW, i.e. 24·ε kWh per day.
 *   Power cost per PH/s per day = ε [J/TH] × 24 [h] × p [fiat/kWh]      (fiat/PH/day)
 *   (per TH/s per day: ε × 24 × p / 1000, the W → kW step).
 *   Revenue per PH/s per day   = hashprice [fiat/PH/day].
 *   Equal when  ε_be [J/TH] = hashprice [fiat/PH/day] / (24 [h] × p [fiat/kWh]).
 *   Example: $50/PH/day at $0.05/kWh → 50 / 1.2 = 41.67 J/TH (1 PH/s at 41.67 kW uses 1,000 kWh = $50/day).
 *
 * The formula itself lives in pnl/profitability.ts (`breakevenEfficiencyJPerTh`, which also knows pool fees
 * and site overhead); this module only feeds it, so the panel's P&L and this chart cannot disagree.
 * CBECI's threshold θ = SRev / P_el is the same quantity with network revenue, no pool fee and PUE 1.
 * Hashprice and power price must be in the same currency.
 */
import { DEFAULT_MINER_INPUTS, computeProfitability } from '../pnl/profitability';
import { MACHINES, machinesAvailableAt, type Machine } from './machines';

export interface BreakevenOptions {
  /** Facility overhead as a multiplier of the machines' draw (1 = none, CBECI's threshold). */
  pue?: number;
  poolFeePercent?: number;
}

/**
 * ε_be = hashprice × (1 − pool fee) / (24 × p × PUE), in J/TH. Null when there is no finite answer
 * (free power, a non-finite input, PUE below 1).
 */
export function breakevenEfficiencyJPerTh(
  hashpricePerPhDay: number,
  powerPricePerKwh: number,
  options: BreakevenOptions = {},
): number | null {
  const pue = options.pue ?? 1;
  if (![hashpricePerPhDay, powerPricePerKwh, pue].every(Number.isFinite) || pue < 1) return null;
  // Free or negative power: every machine breaks even, there is no finite threshold.
  if (powerPricePerKwh <= 0) return null;
  const result = computeProfitability(
    {
      // Breakeven efficiency does not depend on the machine's own efficiency; any valid value will do.
      efficiencyJPerTh: DEFAULT_MINER_INPUTS.efficiencyJPerTh,
      powerPricePerKwh,
      poolFeePercent: options.poolFeePercent ?? 0,
      uptimePercent: 100,
      minerOverheadPercent: (pue - 1) * 100,
    },
    // Only hashprice enters the breakeven efficiency.
    { hashpricePerPhDay, hashvalueBtcPerPhDay: 0, btcPrice: 0 },
  );
  return result.breakevenEfficiencyJPerTh;
}

/** A machine runs at a profit while its efficiency is strictly below the breakeven (CBECI: ϑ < θ). */
export function isProfitable(machine: Pick<Machine, 'efficiencyJPerTh'>, breakevenJPerTh: number | null): boolean {
  return breakevenJPerTh !== null && machine.efficiencyJPerTh < breakevenJPerTh;
}

export interface MachineVerdicts {
  breakevenJPerTh: number | null;
  /** Released by the date and below breakeven, most efficient first. */
  profitable: Machine[];
  /** Released by the date and at or above breakeven ("under water"), least efficient first. */
  underWater: Machine[];
}

/** Which of the machines available at `dateMs` make money at this hashprice and power price. */
export function machineVerdicts(
  hashpricePerPhDay: number,
  powerPricePerKwh: number,
  dateMs: number,
  machines: readonly Machine[] = MACHINES,
  options: BreakevenOptions = {},
): MachineVerdicts {
  const breakevenJPerTh = breakevenEfficiencyJPerTh(hashpricePerPhDay, powerPricePerKwh, options);
  const available = machinesAvailableAt(dateMs, machines);
  const profitable = available.filter((machine) => isProfitable(machine, breakevenJPerTh));
  const underWater = available.filter((machine) => !isProfitable(machine, breakevenJPerTh));
  profitable.sort((a, b) => a.efficiencyJPerTh - b.efficiencyJPerTh);
  underWater.sort((a, b) => b.efficiencyJPerTh - a.efficiencyJPerTh);
  return { breakevenJPerTh, profitable, underWater };
}

/** Daily columns in (same shape as history/derive's DerivedSeries: `timeS` and a hashprice column). */
export interface HashpriceColumns {
  readonly timeS: readonly number[];
  /** Fiat per PH/s per day; null on days without a value. */
  readonly hashpricePerPhDay: readonly (number | null)[];
}

export interface BreakevenSeries {
  readonly timeS: readonly number[];
  /** One line per power price, in the order given; null where hashprice is missing or not positive. */
  readonly lines: readonly {
    readonly powerPricePerKwh: number;
    readonly breakevenJPerTh: readonly (number | null)[];
  }[];
}

/** The breakeven chart: ε_be per day for each power price (Luxor plots several prices at once). */
export function breakevenSeries(
  columns: HashpriceColumns,
  powerPricesPerKwh: readonly number[],
  options: BreakevenOptions = {},
): BreakevenSeries {
  const lines = powerPricesPerKwh.map((powerPricePerKwh) => ({
    powerPricePerKwh,
    breakevenJPerTh: columns.timeS.map((_, i) => {
      const hashprice = columns.hashpricePerPhDay[i];
      if (hashprice === null || hashprice === undefined || !(hashprice > 0)) return null;
      return breakevenEfficiencyJPerTh(hashprice, powerPricePerKwh, options);
    }),
  }));
  return { timeS: columns.timeS, lines };
}

/**
 * For each machine, the share of the given days (with a breakeven value) on which it was released and under
 * water — "the S19 fleet has been under water 80 % of the last year". Null when it was never available.
 */
export function underWaterShare(
  series: BreakevenSeries,
  lineIndex: number,
  machines: readonly Machine[] = MACHINES,
): { machine: Machine; underWaterPercent: number | null }[] {
  const line = series.lines[lineIndex];
  return machines.map((machine) => {
    let days = 0;
    let under = 0;
    series.timeS.forEach((timeS, i) => {
      const be = line?.breakevenJPerTh[i] ?? null;
      if (be === null || machinesAvailableAt(timeS * 1000, [machine]).length === 0) return;
      days++;
      if (!isProfitable(machine, be)) under++;
    });
    return { machine, underWaterPercent: days > 0 ? (under / days) * 100 : null };
  });
}
