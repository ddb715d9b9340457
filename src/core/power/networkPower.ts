/**
 * Network power from hash rate, the Cambridge CBECI v1.x way (ccaf.io; open model github.com/dektox/
 * mining_energy_consumption, data_fetch_calc.py; parameters in the project's power reference notes).
 *
 * Units:  power [W] = hash rate [H/s] × efficiency [J/H] = hashrateHps × ε[J/TH] / 10¹²  (1 TH = 10¹² H).
 *   So 1 EH/s (10¹⁸ H/s = 10⁶ TH/s) at 1 J/TH is 10⁶ W = 1 MW:  MW = EH/s × J/TH.
 *   Example: 1,000 EH/s × 20 J/TH = 10²¹ × 20 / 10¹² W = 2·10¹⁰ W = 20 GW.
 *
 * A machine is profitable when ε < ε_be = hashprice[fiat/PH/day] / (24 h × p[fiat/kWh]) (breakeven.ts;
 * CBECI's θ = SRev / P_el, electricity only, no PUE in the threshold). Among the machines released by the date:
 *   low  = H × min ε (the most efficient machine available; it is profitable if anything is) × PUE_low
 *   high = H × max ε over the profitable machines × PUE_high
 *   best = H × mean ε over the profitable machines (equal weights, CBECI v1.x) × PUE_best
 * PUE defaults: 1.01 / 1.10 / 1.20 (CBECI v1.x Assumptions 4a–c); a single number applies to all three.
 * Power price default: 0.05 USD/kWh (CBECI v1.x Assumption 1). Label results "CBECI v1.x-style": the 2023
 * revision's parameters are not published in what we could read.
 *
 * networkPower() prices one moment with the hashprice it is given (pass a 14-day mean hashprice to mimic
 * CBECI's smoothed threshold); networkPowerSeries() follows CBECI's daily procedure (threshold 14-day mean,
 * carry-forward when nothing is profitable).
 *
 * Annual energy: TWh/yr = W × 8,766 h / 10¹² (a 365.25-day year, as CBECI's code uses: GW × 8.766). This
 * differs on purpose from the P&L's 8,760 h contract year (pnl/units.ts), so our TWh match CBECI's.
 */
import { movingAverage } from '../movingAverage';
import { breakevenEfficiencyJPerTh, isProfitable } from './breakeven';
import { MACHINES, machinesAvailableAt, type Machine } from './machines';
import { t } from '../l10n';

/** CBECI v1.x parameters (launch 2019 – revision 2023), as confirmed in its code and methodology page. */
export const CBECI_V1 = Object.freeze({
  powerPricePerKwh: 0.05,
  pue: Object.freeze({ low: 1.01, best: 1.1, high: 1.2 }),
  /** Days of the trailing moving average applied to the profitability threshold. */
  thresholdMaDays: 14,
});

/** Hours in a 365.25-day year (CBECI's code: 365.25 × 24). */
export const HOURS_PER_JULIAN_YEAR = 8766;
export const H_PER_TH = 1e12;

export interface PueByBound {
  low: number;
  best: number;
  high: number;
}

export interface NetworkPowerInputs {
  hashrateHps: number;
  /** Fiat per PH/s per day, same currency as the power price. */
  hashpricePerPhDay: number;
  /** Default: CBECI v1.x's 0.05 per kWh. */
  powerPricePerKwh?: number;
  /** Default: CBECI v1.x 1.01 / 1.10 / 1.20. */
  pue?: number | PueByBound;
  /** Which machines exist: those released by this instant (Unix ms). */
  dateMs: number;
  machines?: readonly Machine[];
}

export interface PowerBounds<T> {
  low: T;
  best: T;
  high: T;
}

export interface NetworkPower {
  /** Power at the meter (machines × PUE), watts. best/high are null when no machine is profitable. */
  lowW: number;
  bestW: number | null;
  highW: number | null;
  /** Machine efficiency behind each bound, J/TH, before PUE. */
  efficiencyJPerTh: PowerBounds<number | null>;
  /** Machines' own draw (before PUE), watts. */
  itW: PowerBounds<number | null>;
  pue: PueByBound;
  energyTwhPerYear: PowerBounds<number | null>;
  breakevenJPerTh: number;
  /** Profitable machines, most efficient first. */
  profitableMachines: Machine[];
  availableCount: number;
  powerPricePerKwh: number;
}

export type NetworkPowerResult = ({ ok: true } & NetworkPower) | { ok: false; reason: string };

/** W = H/s × J/TH ÷ 10¹² H/TH. */
export function powerW(hashrateHps: number, efficiencyJPerTh: number): number {
  return (hashrateHps * efficiencyJPerTh) / H_PER_TH;
}

/** TWh per 365.25-day year drawn by a constant load of `watts`. */
export function energyTwhPerYear(watts: number): number {
  return (watts * HOURS_PER_JULIAN_YEAR) / 1e12;
}

/** Settings are untrusted: a PUE must be a finite multiplier in [1, 3]. */
export function resolvePue(pue: number | PueByBound | undefined): PueByBound | string {
  const resolved =
    pue === undefined ? { ...CBECI_V1.pue } : typeof pue === 'number' ? { low: pue, best: pue, high: pue } : { ...pue };
  for (const key of ['low', 'best', 'high'] as const) {
    const v = resolved[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 1 || v > 3)
      return `PUE (${key}) should be a number from 1 to 3, got ${String(v)}`;
  }
  return resolved;
}

/** The efficiencies behind the three bounds at a given breakeven (null: no machine available). */
export function boundEfficiencies(
  breakevenJPerTh: number,
  dateMs: number,
  machines: readonly Machine[],
): { efficiency: PowerBounds<number | null>; profitable: Machine[]; availableCount: number } | null {
  const available = machinesAvailableAt(dateMs, machines);
  if (available.length === 0) return null;
  const profitable = available.filter((machine) => isProfitable(machine, breakevenJPerTh));
  profitable.sort((a, b) => a.efficiencyJPerTh - b.efficiencyJPerTh);
  const efficiencies = profitable.map((machine) => machine.efficiencyJPerTh);
  const low = Math.min(...available.map((machine) => machine.efficiencyJPerTh));
  return {
    efficiency: {
      low,
      best: efficiencies.length > 0 ? efficiencies.reduce((a, b) => a + b, 0) / efficiencies.length : null,
      high: efficiencies.length > 0 ? efficiencies[efficiencies.length - 1]! : null,
    },
    profitable,
    availableCount: available.length,
  };
}

function checkInputs(inputs: NetworkPowerInputs): string | null {
  if (!Number.isFinite(inputs.hashrateHps) || inputs.hashrateHps < 0)
    return `hash rate should be a finite number ≥ 0 H/s, got ${inputs.hashrateHps}`;
  if (!Number.isFinite(inputs.hashpricePerPhDay))
    return `hashprice should be a finite number, got ${inputs.hashpricePerPhDay}`;
  const price = inputs.powerPricePerKwh ?? CBECI_V1.powerPricePerKwh;
  if (!Number.isFinite(price) || price <= 0) return `power price should be a number above 0 per kWh, got ${price}`;
  if (!Number.isFinite(inputs.dateMs)) return `date should be a finite Unix ms value, got ${inputs.dateMs}`;
  return null;
}

function scaleBounds(hashrateHps: number, efficiency: PowerBounds<number | null>, pue: PueByBound) {
  const it = (e: number | null) => (e === null ? null : powerW(hashrateHps, e));
  const itW = { low: it(efficiency.low), best: it(efficiency.best), high: it(efficiency.high) };
  const meter = (w: number | null, k: number) => (w === null ? null : w * k);
  const atMeter = { low: meter(itW.low, pue.low), best: meter(itW.best, pue.best), high: meter(itW.high, pue.high) };
  const twh = (w: number | null) => (w === null ? null : energyTwhPerYear(w));
  return { itW, atMeter, energy: { low: twh(atMeter.low), best: twh(atMeter.best), high: twh(atMeter.high) } };
}

/** One day's (or one moment's) network power bounds. */
export function networkPower(inputs: NetworkPowerInputs): NetworkPowerResult {
  const bad = checkInputs(inputs);
  if (bad) return { ok: false, reason: bad };
  const pue = resolvePue(inputs.pue);
  if (typeof pue === 'string') return { ok: false, reason: pue };
  const powerPricePerKwh = inputs.powerPricePerKwh ?? CBECI_V1.powerPricePerKwh;
  const breakevenJPerTh = breakevenEfficiencyJPerTh(inputs.hashpricePerPhDay, powerPricePerKwh);
  if (breakevenJPerTh === null) return { ok: false, reason: t('no breakeven efficiency for these prices') };
  const chosen = boundEfficiencies(breakevenJPerTh, inputs.dateMs, inputs.machines ?? MACHINES);
  if (!chosen)
    return {
      ok: false,
      reason: t('no machine in the table was released by {0}', new Date(inputs.dateMs).toISOString().slice(0, 10)),
    };
  const { itW, atMeter, energy } = scaleBounds(inputs.hashrateHps, chosen.efficiency, pue);
  return {
    ok: true,
    lowW: atMeter.low!,
    bestW: atMeter.best,
    highW: atMeter.high,
    efficiencyJPerTh: chosen.efficiency,
    itW,
    pue,
    energyTwhPerYear: energy,
    breakevenJPerTh,
    profitableMachines: chosen.profitable,
    availableCount: chosen.availableCount,
    powerPricePerKwh,
  };
}

export interface NetworkPowerColumns {
  readonly timeS: readonly number[];
  /** Daily (or smoothed) hash rate; null on gaps. */
  readonly hashrateHps: readonly (number | null)[];
  readonly hashpricePerPhDay: readonly (number | null)[];
}

export interface NetworkPowerSeries {
  readonly timeS: readonly number[];
  /** Watts at the meter per bound; null on gaps or before any machine in the table. */
  readonly lowW: readonly (number | null)[];
  readonly bestW: readonly (number | null)[];
  readonly highW: readonly (number | null)[];
  /** The smoothed threshold used each day, J/TH. */
  readonly thresholdJPerTh: readonly (number | null)[];
  /** True on days whose best/high efficiency was carried forward because nothing was profitable. */
  readonly carriedForward: readonly boolean[];
}

/**
 * The chart version, CBECI v1.x's daily procedure: the threshold ε_be is smoothed with a trailing 14-day
 * mean (at least 7 days present) before machines are chosen; a day where no machine is profitable keeps the
 * previous day's best/high efficiencies (Assumption 2). CBECI also smooths its output with a 7-day mean:
 * pass a 7-day hash rate (history/derive's hashrateMa7) to get the same effect.
 */
export function networkPowerSeries(
  columns: NetworkPowerColumns,
  options: { powerPricePerKwh?: number; pue?: number | PueByBound; machines?: readonly Machine[] } = {},
): NetworkPowerSeries | string {
  const pue = resolvePue(options.pue);
  if (typeof pue === 'string') return pue;
  const price = options.powerPricePerKwh ?? CBECI_V1.powerPricePerKwh;
  if (!Number.isFinite(price) || price <= 0) return `power price should be a number above 0 per kWh, got ${price}`;
  const machines = options.machines ?? MACHINES;
  const raw = columns.timeS.map((_, i) => {
    const hashprice = columns.hashpricePerPhDay[i];
    return hashprice === null || hashprice === undefined || !Number.isFinite(hashprice)
      ? null
      : breakevenEfficiencyJPerTh(hashprice, price);
  });
  const threshold = movingAverage(raw, CBECI_V1.thresholdMaDays, CBECI_V1.thresholdMaDays / 2);
  const n = columns.timeS.length;
  const lowW = new Array<number | null>(n).fill(null);
  const bestW = new Array<number | null>(n).fill(null);
  const highW = new Array<number | null>(n).fill(null);
  const carriedForward = new Array<boolean>(n).fill(false);
  let previous: PowerBounds<number | null> | null = null;
  for (let i = 0; i < n; i++) {
    const theta = threshold[i] ?? null;
    const h = columns.hashrateHps[i];
    if (theta === null) continue;
    const chosen = boundEfficiencies(theta, columns.timeS[i]! * 1000, machines);
    if (!chosen) continue;
    let efficiency = chosen.efficiency;
    if (efficiency.best === null && previous) {
      efficiency = { low: efficiency.low, best: previous.best, high: previous.high };
      carriedForward[i] = true;
    }
    if (efficiency.best !== null) previous = efficiency;
    if (h === null || h === undefined || !Number.isFinite(h) || h < 0) continue;
    const { atMeter } = scaleBounds(h, efficiency, pue);
    lowW[i] = atMeter.low;
    bestW[i] = atMeter.best;
    highW[i] = atMeter.high;
  }
  return { timeS: columns.timeS, lowW, bestW, highW, thresholdJPerTh: threshold, carriedForward };
}
