/**
 * Mining vs AI/HPC colocation, both as net fiat per MW of GRID power per year.
 *
 * Gross-vs-gross comparisons mislead because colocation is quoted per kW-month of
 * critical IT load with power usually passed through to the tenant, while a miner's
 * revenue must still pay for its power. So both sides are taken net of power:
 *  - hosting: 1 MW of grid power carries 1,000/PUE kW of IT load; rent = rate × IT kW ×
 *    12 × utilisation. With pass-through the tenant pays the power bill, so the host's
 *    net is the rent; without it the host pays for the grid power the leased load draws.
 *  - mining: the same grid MW filled with miners (overhead per `minerOverheadPercent`),
 *    margin from profitability.ts.
 * One power price is used for both sides, or the comparison would not be like for like.
 */
import { DAYS_PER_YEAR, HOURS_PER_YEAR, KW_PER_MW, MONTHS_PER_YEAR } from '../units';
import {
  computeProfitability,
  resolveMinerInputs,
  type MarketInputs,
  type MinerInputs,
  type ProfitabilityResult,
} from './profitability';

export interface HostingInputs {
  /** Fiat per kW-month of critical IT load. */
  colocationPerKwMonth: number;
  /** True: the tenant pays for power (usual for AI/HPC deals). */
  powerPassThrough: boolean;
  pue: number;
  /** Share of the IT capacity that is leased and drawing power. */
  utilisationPercent: number;
  /** Fiat per kWh; when absent the miner's power price is used. Applied to both sides. */
  powerPricePerKwh?: number;
}

export const DEFAULT_HOSTING_INPUTS: Readonly<Required<Omit<HostingInputs, 'powerPricePerKwh'>>> = Object.freeze({
  colocationPerKwMonth: 130,
  powerPassThrough: true,
  pue: 1.3,
  utilisationPercent: 100,
});

export interface MiningVsHostingResult {
  powerPricePerKwh: number;
  itLoadKwPerMwGrid: number;
  hostingRevenuePerMwYear: number;
  /** Grid power the host pays for itself: 0 with pass-through. */
  hostingPowerCostPerMwYear: number;
  hostingNetPerMwYear: number;
  miningNetPerMwYear: number;
  /** Positive: hosting earns more per grid MW-year. */
  hostingMinusMiningPerMwYear: number;
  /** Hashprice at which both nets are equal (null: mining revenue does not grow with hashprice). */
  equalNetHashpricePerPhDay: number | null;
  mining: ProfitabilityResult;
  assumptions: string[];
}

export function compareMiningVsHosting(
  hostingPartial: Partial<HostingInputs>,
  minerPartial: Partial<MinerInputs>,
  market: MarketInputs,
): MiningVsHostingResult {
  const hosting = { ...DEFAULT_HOSTING_INPUTS, ...definedOnly(hostingPartial) };
  const minerBase = resolveMinerInputs(minerPartial);
  const powerPricePerKwh = hosting.powerPricePerKwh ?? minerBase.powerPricePerKwh;
  // Fleet totals are irrelevant here: the basis is one grid MW.
  const mining = computeProfitability({ ...minerBase, fleet: undefined, powerPricePerKwh }, market);

  const utilisationShare = hosting.utilisationPercent / 100;
  const itLoadKwPerMwGrid = KW_PER_MW / hosting.pue;
  const hostingRevenuePerMwYear = hosting.colocationPerKwMonth * itLoadKwPerMwGrid * MONTHS_PER_YEAR * utilisationShare;
  // Unleased capacity is assumed dark, so the host's own bill scales with utilisation too.
  const hostingPowerCostPerMwYear = hosting.powerPassThrough
    ? 0
    : KW_PER_MW * HOURS_PER_YEAR * utilisationShare * powerPricePerKwh;
  const hostingNetPerMwYear = hostingRevenuePerMwYear - hostingPowerCostPerMwYear;
  const miningNetPerMwYear = mining.marginPerMwYear;

  // Mining margin per MW-year = hashprice × netRevenuePerMwYearPerHashprice − power cost: solve for equality.
  const netRevenuePerMwYearPerHashprice = mining.physics.netRevenueShare * mining.physics.phsPerMwGrid * DAYS_PER_YEAR;
  const equal = (hostingNetPerMwYear + mining.powerCostPerMwYear) / netRevenuePerMwYearPerHashprice;

  return {
    powerPricePerKwh,
    itLoadKwPerMwGrid,
    hostingRevenuePerMwYear,
    hostingPowerCostPerMwYear,
    hostingNetPerMwYear,
    miningNetPerMwYear,
    hostingMinusMiningPerMwYear: hostingNetPerMwYear - miningNetPerMwYear,
    equalNetHashpricePerPhDay: netRevenuePerMwYearPerHashprice > 0 && Number.isFinite(equal) ? equal : null,
    mining,
    assumptions: assumptionsFor(hosting, mining, powerPricePerKwh),
  };
}

function definedOnly<T extends object>(partial: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function assumptionsFor(
  hosting: Omit<HostingInputs, 'powerPricePerKwh'>,
  mining: ProfitabilityResult,
  powerPricePerKwh: number,
): string[] {
  const m = mining.inputs;
  return [
    'Both sides are compared per MW of grid power per year (8,760 h), net of power, before any other operating cost.',
    `One power price for both sides: ${powerPricePerKwh} per kWh.`,
    `PUE ${hosting.pue} applies to hosting only: 1 MW of grid power carries 1,000/${hosting.pue} kW of critical IT load, the only load colocation rent is charged on.`,
    `Miners use ${m.efficiencyJPerTh} J/TH plus ${m.minerOverheadPercent} % site overhead; PUE does not apply to them.`,
    `Colocation rent ${hosting.colocationPerKwMonth} per kW-month of IT load, ${hosting.utilisationPercent} % of capacity leased; unleased capacity draws no power.`,
    hosting.powerPassThrough
      ? "Power is passed through: the tenant pays it, so the host's net is the rent."
      : 'Power is not passed through: the host pays for the grid power the leased load draws.',
    `Mining: pool fee ${m.poolFeePercent} % and uptime ${m.uptimePercent} % as given; miners draw no power while down.`,
    "Hashprice, BTC price and fees are held at today's values for the whole year.",
    'No capex, depreciation, financing, staff, taxes, build time or contract risk on either side.',
    'No curtailment or demand-response revenue on either side.',
  ];
}
