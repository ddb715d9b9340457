/**
 * "Where the hash went": how much hash rate left since a reference, what power that is, and what that power
 * would earn per year mining vs leased to AI/HPC hosting.
 *
 *   current   = trailing 7-day mean of the daily estimates at the newest day with an estimate
 *               (core/movingAverage, ≥ 4 of 7 days present);
 *   reference = the highest 7-day mean in the series ('peak'), or the 7-day mean 30 / 90 days before
 *               the current day ('30d' / '90d', nearest day with a mean in the 3 days before);
 *   drop [H/s] = reference − current   (positive = hash rate left; negative = it grew);
 *   machine power [W] = drop × ε_best / 10¹²  with ε_best the CBECI-style best-guess efficiency today
 *               (networkPower.ts; the most efficient available machine when nothing is profitable);
 *   grid power [W]    = machine power × PUE (default 1.10, CBECI v1.x best guess): the grid
 *               connection the machines freed, which is what a data centre could lease;
 *   per year: grid MW × (net per grid MW-year) from pnl/hosting.ts compareMiningVsHosting, which itself uses
 *               pnl/profitability.ts for mining. Miners get site overhead (PUE − 1) so that the grid MW runs
 *               exactly the dropped hash rate; the hosting side uses its own PUE (data-centre IT load).
 * Noise: a 7-day mean of daily estimates has roughly 1/√1008 ≈ 3 % relative error (Poisson blocks), so
 * drops of a few percent are within noise; `dropPercent` lets the view say so.
 */
import { SECONDS_PER_DAY } from '../constants';
import { movingAverage } from '../movingAverage';
import { upperBound } from '../history/slice';
import { compareMiningVsHosting, type HostingInputs, type MiningVsHostingResult } from '../pnl/hosting';
import type { MarketInputs, MinerInputs } from '../pnl/profitability';
import type { Machine } from './machines';
import { CBECI_V1, networkPower, powerW, type NetworkPower } from './networkPower';
import { t } from '../l10n';

const W_PER_MW = 1e6;

export type HashReference = 'peak' | '30d' | '90d';
export const HASH_REFERENCES: readonly HashReference[] = ['peak', '30d', '90d'];

/** Days back of the '30d' / '90d' references. */
export const LAG_DAYS: Readonly<Record<Exclude<HashReference, 'peak'>, number>> = { '30d': 30, '90d': 90 };
/** How far before the lag date a missing 7-day mean may be looked up. */
const LOOKBACK_DAYS = 3;

export interface WhereHashWentInputs {
  /** Daily grid, oldest first (history dataset / DerivedSeries). */
  timeS: readonly number[];
  /** Daily estimates, H/s; null or 0 = no estimate that day. */
  hashrateHps: readonly (number | null)[];
  reference: HashReference;
  /** Today's market, in the same fiat as power price and colocation rent. */
  market: MarketInputs;
  /** One price for the profitability threshold, mining and hosting. Default 0.05 per kWh (CBECI v1.x). */
  powerPricePerKwh?: number;
  /** Site PUE of the machines that left. Default 1.10. */
  pue?: number;
  hosting?: Partial<Omit<HostingInputs, 'powerPricePerKwh'>>;
  /** Pool fee and uptime of the hypothetical miners (efficiency, overhead and price are set here). */
  miner?: Partial<Pick<MinerInputs, 'poolFeePercent' | 'uptimePercent'>>;
  machines?: readonly Machine[];
}

export interface WhereHashWent {
  reference: { kind: HashReference; timeS: number; hashrateHps: number };
  current: { timeS: number; hashrateHps: number };
  /** Reference − current: positive when hash rate left. */
  dropHps: number;
  /** drop ÷ reference × 100. */
  dropPercent: number;
  /** The efficiency the drop is priced at, J/TH. */
  efficiencyJPerTh: number;
  efficiencyBasis: 'best-guess' | 'most-efficient-available';
  /** Machines' own draw, MW (signed like the drop). */
  machineMw: number;
  /** At the meter: machineMw × PUE. */
  gridMw: number;
  pue: number;
  miningNetPerYear: number;
  hostingNetPerYear: number;
  /** Positive: leasing that power to AI hosting earns more per year than mining with it. */
  hostingMinusMiningPerYear: number;
  /** Per grid MW-year, with every assumption the P&L lists. */
  comparison: MiningVsHostingResult;
  network: NetworkPower;
}

export type WhereHashWentResult = ({ ok: true } & WhereHashWent) | { ok: false; reason: string };

function positiveOrNull(v: number | null | undefined): number | null {
  return v !== null && v !== undefined && Number.isFinite(v) && v > 0 ? v : null;
}

function findReference(
  timeS: readonly number[],
  ma7: readonly (number | null)[],
  last: number,
  kind: HashReference,
): { index: number; value: number } | null {
  if (kind === 'peak') {
    let best: { index: number; value: number } | null = null;
    for (let i = 0; i <= last; i++) {
      const v = ma7[i];
      if (v !== null && v !== undefined && (best === null || v > best.value)) best = { index: i, value: v };
    }
    return best;
  }
  const targetS = timeS[last]! - LAG_DAYS[kind] * SECONDS_PER_DAY;
  const limitS = targetS - LOOKBACK_DAYS * SECONDS_PER_DAY;
  for (let i = upperBound(timeS, targetS) - 1; i >= 0 && timeS[i]! >= limitS; i--) {
    const v = ma7[i];
    if (v !== null && v !== undefined) return { index: i, value: v };
  }
  return null;
}

export function whereHashWent(inputs: WhereHashWentInputs): WhereHashWentResult {
  const { timeS } = inputs;
  if (timeS.length !== inputs.hashrateHps.length)
    return { ok: false, reason: 'time and hash-rate columns differ in length' };
  const pue = inputs.pue ?? CBECI_V1.pue.best;
  const powerPricePerKwh = inputs.powerPricePerKwh ?? CBECI_V1.powerPricePerKwh;
  const daily = inputs.hashrateHps.map(positiveOrNull);
  const ma7 = movingAverage(daily, 7, 4);
  let last = daily.length - 1;
  while (last >= 0 && (daily[last] === null || ma7[last] === null)) last--;
  if (last < 0)
    return { ok: false, reason: t('no 7-day hash-rate mean in the series (need at least 4 days with estimates)') };
  const current = ma7[last]!;
  const ref = findReference(timeS, ma7, last, inputs.reference);
  if (!ref)
    return {
      ok: false,
      reason:
        inputs.reference === 'peak'
          ? t('the series does not reach back far enough')
          : t('the series does not reach back {0}', inputs.reference),
    };

  const network = networkPower({
    hashrateHps: current,
    hashpricePerPhDay: inputs.market.hashpricePerPhDay,
    powerPricePerKwh,
    pue,
    dateMs: timeS[last]! * 1000,
    machines: inputs.machines,
  });
  if (!network.ok) return network;
  const bestJPerTh = network.efficiencyJPerTh.best;
  const efficiencyJPerTh = bestJPerTh ?? network.efficiencyJPerTh.low!;

  // Two means of equal days can differ by summation rounding alone (~10⁻¹⁶ relative): that is no change.
  const rawDropHps = ref.value - current;
  const dropHps = Math.abs(rawDropHps) <= ref.value * 1e-12 ? 0 : rawDropHps;
  const machineMw = powerW(dropHps, efficiencyJPerTh) / W_PER_MW;
  const gridMw = machineMw * pue;
  const comparison = compareMiningVsHosting(
    { ...inputs.hosting, powerPricePerKwh },
    { ...inputs.miner, efficiencyJPerTh, minerOverheadPercent: (pue - 1) * 100, powerPricePerKwh, fleet: undefined },
    inputs.market,
  );
  const { ok: _ok, ...networkFigures } = network;
  return {
    ok: true,
    reference: { kind: inputs.reference, timeS: timeS[ref.index]!, hashrateHps: ref.value },
    current: { timeS: timeS[last]!, hashrateHps: current },
    dropHps,
    dropPercent: (dropHps / ref.value) * 100,
    efficiencyJPerTh,
    efficiencyBasis: bestJPerTh === null ? 'most-efficient-available' : 'best-guess',
    machineMw,
    gridMw,
    pue,
    miningNetPerYear: gridMw * comparison.miningNetPerMwYear,
    hostingNetPerYear: gridMw * comparison.hostingNetPerMwYear,
    hostingMinusMiningPerYear: gridMw * comparison.hostingMinusMiningPerMwYear,
    comparison,
    network: networkFigures,
  };
}
