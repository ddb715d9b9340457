/**
 * Miner P&L from hashprice, efficiency and power price.
 *
 * Two bases, both in the user's fiat currency:
 *  - per PH/s per day (the unit hashprice is quoted in), and
 *  - per MW of GRID power per year: the power the site buys at the meter, i.e. the
 *    miners' own draw plus `minerOverheadPercent` (fans, cooling, transformer and
 *    PSU losses beyond the J/TH rating — a mining "PUE" of 1 + overhead/100).
 *    With the default overhead of 0 a grid MW and a miner MW are the same thing.
 *
 * Physics used throughout: 1 PH/s = 1,000 TH/s; at E J/TH that draws 1,000·E W = E kW,
 * so it uses 24·E kWh per day, and 1 MW (1,000 kW) runs 1,000/E PH/s.
 *
 * Uptime scales the power bill as well as revenue: a miner that is off (curtailed,
 * broken, rebooting) draws no power. Consequently every breakeven figure is
 * independent of uptime — downtime shrinks the margin, never flips its sign.
 *
 * Inputs are not validated here (see validate.ts); breakevens that have no finite
 * answer (free power, 100 % pool fee, zero hashvalue) are `null`.
 */
import { DAYS_PER_YEAR, HOURS_PER_DAY, KW_PER_MW } from '../units';

/** A fleet size: hash rate in PH/s, or GRID power in MW (same basis as the per-MW figures). */
export type Fleet = { kind: 'phs'; value: number } | { kind: 'mw'; value: number };

export interface MinerInputs {
  efficiencyJPerTh: number;
  /** Fiat per kWh at the meter. */
  powerPricePerKwh: number;
  poolFeePercent: number;
  uptimePercent: number;
  /** Site power on top of the miners' rated draw, in % of it (0 = grid MW equals miner MW). */
  minerOverheadPercent: number;
  fleet?: Fleet;
}

export const DEFAULT_MINER_INPUTS: Readonly<Omit<MinerInputs, 'fleet'>> = Object.freeze({
  efficiencyJPerTh: 20,
  powerPricePerKwh: 0.05,
  poolFeePercent: 2,
  uptimePercent: 100,
  minerOverheadPercent: 0,
});

/** Market values as computed elsewhere (hashprice = hashvalue × BTC price). */
export interface MarketInputs {
  hashpricePerPhDay: number;
  hashvalueBtcPerPhDay: number;
  btcPrice: number;
}

/** Derived per-unit constants, exported so hosting and what-if share one definition. */
export interface MinerPhysics {
  /** Grid kW drawn per PH/s hashing = E × (1 + overhead). */
  gridKwPerPhs: number;
  /** PH/s that one MW of grid power runs. */
  phsPerMwGrid: number;
  /** Share of hashprice the miner keeps: (1 − pool fee) × uptime. */
  netRevenueShare: number;
  /** Share of the day the miners draw power. */
  uptimeShare: number;
  poolFeeShare: number;
}

export interface FleetTotals {
  hashratePhs: number;
  gridPowerMw: number;
  grossRevenuePerDay: number;
  netRevenuePerDay: number;
  powerCostPerDay: number;
  marginPerDay: number;
  grossRevenuePerYear: number;
  netRevenuePerYear: number;
  powerCostPerYear: number;
  marginPerYear: number;
}

export interface ProfitabilityResult {
  /** Inputs after defaults were applied. */
  inputs: MinerInputs;
  physics: MinerPhysics;

  /** Hashprice itself: revenue at 100 % uptime before the pool fee. */
  grossRevenuePerPhDay: number;
  netRevenuePerPhDay: number;
  netRevenueBtcPerPhDay: number;
  powerCostPerPhDay: number;
  marginPerPhDay: number;

  grossRevenuePerMwYear: number;
  netRevenuePerMwYear: number;
  powerCostPerMwYear: number;
  marginPerMwYear: number;

  /** Power price at which margin = 0 (null: miners draw no power). */
  breakevenPowerPricePerKwh: number | null;
  /** Miner efficiency (rated J/TH, before overhead) at which margin = 0 (null: power is free). */
  breakevenEfficiencyJPerTh: number | null;
  /** Hashprice at which margin = 0 (null: the pool takes everything). */
  breakevenHashpricePerPhDay: number | null;
  /** BTC price at which margin = 0, other things equal (null: no hashvalue). */
  breakevenBtcPrice: number | null;

  fleet: FleetTotals | null;
}

export function resolveMinerInputs(partial: Partial<MinerInputs> = {}): MinerInputs {
  const resolved: MinerInputs = {
    efficiencyJPerTh: partial.efficiencyJPerTh ?? DEFAULT_MINER_INPUTS.efficiencyJPerTh,
    powerPricePerKwh: partial.powerPricePerKwh ?? DEFAULT_MINER_INPUTS.powerPricePerKwh,
    poolFeePercent: partial.poolFeePercent ?? DEFAULT_MINER_INPUTS.poolFeePercent,
    uptimePercent: partial.uptimePercent ?? DEFAULT_MINER_INPUTS.uptimePercent,
    minerOverheadPercent: partial.minerOverheadPercent ?? DEFAULT_MINER_INPUTS.minerOverheadPercent,
  };
  if (partial.fleet) resolved.fleet = partial.fleet;
  return resolved;
}

export function minerPhysics(inputs: MinerInputs): MinerPhysics {
  // 1 PH/s at E J/TH draws E kW (see header), grossed up by the site overhead.
  const gridKwPerPhs = inputs.efficiencyJPerTh * (1 + inputs.minerOverheadPercent / 100);
  const poolFeeShare = inputs.poolFeePercent / 100;
  const uptimeShare = inputs.uptimePercent / 100;
  return {
    gridKwPerPhs,
    phsPerMwGrid: KW_PER_MW / gridKwPerPhs,
    netRevenueShare: (1 - poolFeeShare) * uptimeShare,
    uptimeShare,
    poolFeeShare,
  };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export function computeProfitability(partialInputs: Partial<MinerInputs>, market: MarketInputs): ProfitabilityResult {
  const inputs = resolveMinerInputs(partialInputs);
  const physics = minerPhysics(inputs);
  const gridKwhPerPhDay = HOURS_PER_DAY * physics.gridKwPerPhs;

  const grossRevenuePerPhDay = market.hashpricePerPhDay;
  const netRevenuePerPhDay = grossRevenuePerPhDay * physics.netRevenueShare;
  const powerCostPerPhDay = gridKwhPerPhDay * inputs.powerPricePerKwh * physics.uptimeShare;
  const marginPerPhDay = netRevenuePerPhDay - powerCostPerPhDay;

  const phDaysPerMwYear = physics.phsPerMwGrid * DAYS_PER_YEAR;

  // Uptime cancels out of every breakeven (it scales both sides), so use the pool-fee-only share.
  const afterFeeShare = 1 - physics.poolFeeShare;
  const afterFeeHashpricePerPhDay = market.hashpricePerPhDay * afterFeeShare;
  // Margin is linear in J/TH: each rated J/TH costs this much per PH/s per day (overhead included).
  const powerCostPerPhDayPerJPerTh = HOURS_PER_DAY * inputs.powerPricePerKwh * (1 + inputs.minerOverheadPercent / 100);
  const breakevenHashpricePerPhDay =
    afterFeeShare > 0 ? finiteOrNull((gridKwhPerPhDay * inputs.powerPricePerKwh) / afterFeeShare) : null;
  const breakevenBtcPrice =
    breakevenHashpricePerPhDay !== null && market.hashvalueBtcPerPhDay > 0
      ? finiteOrNull(breakevenHashpricePerPhDay / market.hashvalueBtcPerPhDay)
      : null;

  return {
    inputs,
    physics,
    grossRevenuePerPhDay,
    netRevenuePerPhDay,
    netRevenueBtcPerPhDay: market.hashvalueBtcPerPhDay * physics.netRevenueShare,
    powerCostPerPhDay,
    marginPerPhDay,
    grossRevenuePerMwYear: grossRevenuePerPhDay * phDaysPerMwYear,
    netRevenuePerMwYear: netRevenuePerPhDay * phDaysPerMwYear,
    powerCostPerMwYear: powerCostPerPhDay * phDaysPerMwYear,
    marginPerMwYear: marginPerPhDay * phDaysPerMwYear,
    breakevenPowerPricePerKwh: gridKwhPerPhDay > 0 ? finiteOrNull(afterFeeHashpricePerPhDay / gridKwhPerPhDay) : null,
    breakevenEfficiencyJPerTh:
      powerCostPerPhDayPerJPerTh > 0 ? finiteOrNull(afterFeeHashpricePerPhDay / powerCostPerPhDayPerJPerTh) : null,
    breakevenHashpricePerPhDay,
    breakevenBtcPrice,
    fleet: inputs.fleet
      ? fleetTotals(inputs.fleet, physics, {
          grossRevenuePerPhDay,
          netRevenuePerPhDay,
          powerCostPerPhDay,
          marginPerPhDay,
        })
      : null,
  };
}

interface PerPhDay {
  grossRevenuePerPhDay: number;
  netRevenuePerPhDay: number;
  powerCostPerPhDay: number;
  marginPerPhDay: number;
}

function fleetTotals(fleet: Fleet, physics: MinerPhysics, perPhDay: PerPhDay): FleetTotals {
  const hashratePhs = fleet.kind === 'phs' ? fleet.value : fleet.value * physics.phsPerMwGrid;
  const gridPowerMw = fleet.kind === 'mw' ? fleet.value : (fleet.value * physics.gridKwPerPhs) / KW_PER_MW;
  const grossRevenuePerDay = perPhDay.grossRevenuePerPhDay * hashratePhs;
  const netRevenuePerDay = perPhDay.netRevenuePerPhDay * hashratePhs;
  const powerCostPerDay = perPhDay.powerCostPerPhDay * hashratePhs;
  const marginPerDay = perPhDay.marginPerPhDay * hashratePhs;
  return {
    hashratePhs,
    gridPowerMw,
    grossRevenuePerDay,
    netRevenuePerDay,
    powerCostPerDay,
    marginPerDay,
    grossRevenuePerYear: grossRevenuePerDay * DAYS_PER_YEAR,
    netRevenuePerYear: netRevenuePerDay * DAYS_PER_YEAR,
    powerCostPerYear: powerCostPerDay * DAYS_PER_YEAR,
    marginPerYear: marginPerDay * DAYS_PER_YEAR,
  };
}
