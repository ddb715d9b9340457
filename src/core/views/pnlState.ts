/**
 * Everything the panel's P&L section shows, computed on the host from the validated settings, the live
 * snapshot and the daily history, and sent to the webview as numbers (`pnl/state`): the webview only
 * formats. Also the overlay the hashprice chart draws (`pnl/overlay`).
 *
 * Sources, so the panel agrees with the rest of the extension:
 *  - today's P&L, breakevens, fleet totals and the AI-hosting comparison use the live hashprice of the
 *    snapshot, exactly as the status bar and hover do (computeGlanceFigures → computeProfitability);
 *  - "why did hashprice move" decomposes the panel's daily history in the user's currency
 *    (hashpriceMoves over hashpriceObservations, the hover's function), i.e. the days the hashprice chart draws;
 *  - the what-if rows apply the current retarget estimate and the next halving (computeWhatIf);
 *  - the days under water count the shown range's daily hashprice against today's breakevens.
 */
import { SATS_PER_BTC } from '../constants';
import { formatHashprice, formatPowerPrice, plainNumber } from '../format';
import { deriveSeries } from '../history/derive';
import { hashpriceObservations, observationHashprice } from '../history/observations';
import type { HistoryDataset, RangeId } from '../history/types';
import type { Currency, NetworkSnapshot } from '../model';
import { hashpriceMoves } from '../pnl/decomposition';
import { compareMiningVsHosting } from '../pnl/hosting';
import { PNL_EDIT_FIELDS, PNL_EDIT_SETTING_KEYS, type FleetUnit, type PnlEditField } from '../pnl/panelFieldNames';
import { computeProfitability, minerPhysics, resolveMinerInputs, type MarketInputs } from '../pnl/profitability';
import type { PnlInputs } from '../pnl/validate';
import { computeWhatIf } from '../pnl/whatIf';
import { SETTINGS_SECTION, type SettingsProblem } from '../settings';
import { HOURS_PER_DAY } from '../units';
import { computeGlanceFigures } from './glanceFigures';
import { formValues, type PnlFormValues } from './pnlFields';

/** Revenue after pool fee and downtime, power cost and their difference, over one period. */
export interface PnlAmounts {
  /** Hashprice × hash rate, before pool fee and downtime. */
  readonly grossRevenue: number;
  readonly revenue: number;
  readonly powerCost: number;
  readonly margin: number;
}

export interface PnlProfit {
  readonly perPhDay: PnlAmounts;
  readonly perMwYear: PnlAmounts;
  /** PH/s one MW of grid power runs. */
  readonly phsPerMw: number;
  /** Hashprice that pays the power bill alone: 24 h × grid kW per PH/s × power price. */
  readonly powerCostBreakevenPerPhDay: number;
  /** Hashprice at which the margin is zero: power cost ÷ (1 − pool fee). */
  readonly breakevenHashpricePerPhDay: number | null;
  readonly breakevenPowerPricePerKwh: number | null;
  readonly breakevenEfficiencyJPerTh: number | null;
  readonly breakevenBtcPrice: number | null;
  readonly fleet: {
    readonly hashratePhs: number;
    readonly gridPowerMw: number;
    readonly perDay: PnlAmounts;
    readonly perYear: PnlAmounts;
  } | null;
}

/** Mining vs AI/HPC colocation, per MW of grid power per year, both net of power. */
export interface PnlHosting {
  readonly itLoadKwPerMw: number;
  readonly hostingRevenuePerMwYear: number;
  readonly hostingPowerCostPerMwYear: number;
  readonly hostingNetPerMwYear: number;
  readonly miningRevenuePerMwYear: number;
  readonly miningPowerCostPerMwYear: number;
  readonly miningNetPerMwYear: number;
  /** Positive: hosting earns more. */
  readonly hostingMinusMiningPerMwYear: number;
  /** Hashprice at which both earn the same. */
  readonly equalNetHashpricePerPhDay: number | null;
  readonly assumptions: readonly string[];
}

/** Hashprice change over `days`, split into parts that add up to the total (percentage points). */
export interface PnlMove {
  readonly days: number;
  readonly fromS: number;
  readonly toS: number;
  readonly fromHashpricePerPhDay: number;
  readonly toHashpricePerPhDay: number;
  readonly totalPercent: number;
  readonly pricePercent: number;
  readonly difficultyPercent: number;
  readonly feesPercent: number;
  readonly subsidyPercent: number;
}

export type PnlScenarioId = 'now' | 'retarget' | 'halving' | 'both';

export interface PnlScenario {
  readonly id: PnlScenarioId;
  readonly hashpricePerPhDay: number;
  readonly marginPerPhDay: number;
  readonly marginPerMwYear: number;
  readonly breakevenBtcPrice: number | null;
}

export interface PnlWhatIf {
  /** The retarget estimate applied (clamped to what Core allows). */
  readonly difficultyChangePercent: number;
  readonly retargetHeight: number;
  readonly retargetEtaMs: number;
  readonly halvingHeight: number;
  readonly halvingEtaMs: number;
  readonly subsidyBtc: number;
  readonly feesBtcPerBlock: number;
  readonly scenarios: readonly PnlScenario[];
}

/** The shown range's days against today's breakevens. */
export interface PnlWater {
  readonly range: RangeId;
  readonly days: number;
  readonly belowBreakeven: number;
  readonly belowPowerCost: number;
  readonly lastBelowS: number | null;
}

export interface PnlFieldMessage {
  readonly field: PnlEditField;
  readonly message: string;
}

export interface PnlState {
  readonly currency: Currency;
  readonly inputs: PnlFormValues;
  /** Invalid values in the user's settings (replaced by defaults), shown next to their field. */
  readonly settingProblems: readonly PnlFieldMessage[];
  /** Today's market as the status bar sees it; null until there is a snapshot with a price. */
  readonly market: {
    readonly hashpricePerPhDay: number;
    readonly hashvalueSatsPerPhDay: number;
    readonly btcPrice: number;
    readonly fetchedAtMs: number;
  } | null;
  readonly profit: PnlProfit | null;
  readonly hosting: PnlHosting | null;
  /** Range of the daily history the moves come from; null while none is loaded. */
  readonly movesRange: RangeId | null;
  readonly moves: readonly PnlMove[];
  readonly whatIf: PnlWhatIf | null;
  /** The band the hashprice chart draws (null: no finite breakeven). */
  readonly overlay: PnlOverlay | null;
  readonly water: PnlWater | null;
}

/** What the hashprice chart draws for the user: the band from power cost to breakeven. */
export interface PnlOverlay {
  readonly currency: Currency;
  readonly powerCostPerPhDay: number;
  readonly breakevenPerPhDay: number;
  /** Next to the breakeven line, e.g. "Your breakeven $24.49". */
  readonly label: string;
  /** Appended to the chart's note: what the band and the colours mean. */
  readonly note: string;
}

export interface PnlStateSources {
  readonly currency: Currency;
  readonly pnl: PnlInputs;
  /** The `pnl.fleetUnit` setting: the validated inputs only carry it while a fleet size is set. */
  readonly fleetUnit?: FleetUnit;
  readonly settingProblems?: readonly PnlFieldMessage[];
  readonly snapshot: NetworkSnapshot | null;
  readonly nowMs: number;
  /** Daily history in `currency` reaching back at least 30 days (other currencies are ignored). */
  readonly history: HistoryDataset | null;
  /** The range the charts show. */
  readonly range: HistoryDataset | null;
}

/** The problems readSettings found in the P&L settings, by the field they feed (others are dropped). */
export function settingProblemsByField(problems: readonly SettingsProblem[]): PnlFieldMessage[] {
  const fieldOf = new Map<string, PnlEditField>(
    PNL_EDIT_FIELDS.map((f) => [`${SETTINGS_SECTION}.${PNL_EDIT_SETTING_KEYS[f]}`, f]),
  );
  return problems.flatMap((p) => {
    const field = fieldOf.get(p.setting);
    return field ? [{ field, message: `Your setting ${p.setting} ${p.message}` }] : [];
  });
}

/** Hashprice that pays for the power alone, and the full breakeven after the pool fee (uptime cancels out). */
export function breakevenBand(pnl: PnlInputs): { powerCostPerPhDay: number; breakevenPerPhDay: number } {
  const inputs = resolveMinerInputs(pnl);
  const powerCostPerPhDay = HOURS_PER_DAY * minerPhysics(inputs).gridKwPerPhs * inputs.powerPricePerKwh;
  const afterFee = 1 - inputs.poolFeePercent / 100;
  return {
    powerCostPerPhDay,
    breakevenPerPhDay: afterFee > 0 ? powerCostPerPhDay / afterFee : Number.POSITIVE_INFINITY,
  };
}

export function buildPnlOverlay(currency: Currency, pnl: PnlInputs): PnlOverlay | null {
  const band = breakevenBand(pnl);
  if (!Number.isFinite(band.breakevenPerPhDay)) return null;
  const cost = formatHashprice(band.powerCostPerPhDay, currency);
  const breakeven = formatHashprice(band.breakevenPerPhDay, currency);
  return {
    currency,
    powerCostPerPhDay: band.powerCostPerPhDay,
    breakevenPerPhDay: band.breakevenPerPhDay,
    label: `Your breakeven ${breakeven}`,
    note:
      `Your breakeven (P&L below): the red band runs from your power cost, ${cost} (${plainNumber(pnl.efficiencyJPerTh)} J/TH at ${formatPowerPrice(pnl.powerPricePerKwh, currency)}), ` +
      `to your breakeven after the ${plainNumber(pnl.poolFeePercent)} % pool fee, ${breakeven} (dashed line). ` +
      'Between hashprice and the breakeven, days above water are shaded green and days below red.',
  };
}

function amounts(gross: number, revenue: number, powerCost: number, margin: number): PnlAmounts {
  return { grossRevenue: gross, revenue, powerCost, margin };
}

export function buildPnlState(sources: PnlStateSources): PnlState {
  const { currency, pnl } = sources;
  const base = {
    currency,
    overlay: buildPnlOverlay(currency, pnl),
    inputs: { ...formValues(pnl), ...(sources.fleetUnit && !pnl.fleet ? { fleetUnit: sources.fleetUnit } : {}) },
    settingProblems: sources.settingProblems ?? [],
    ...movesOf(sources.history, currency),
  };
  const figures = sources.snapshot ? computeGlanceFigures(sources.snapshot, currency, sources.nowMs, pnl) : null;
  const hp = figures?.hashprice;
  if (!figures || !hp || hp.hashpricePerPhDay === null || figures.btcPrice === null) {
    return { ...base, market: null, profit: null, hosting: null, whatIf: null, water: null };
  }
  const market: MarketInputs = {
    hashpricePerPhDay: hp.hashpricePerPhDay,
    hashvalueBtcPerPhDay: hp.hashvalueBtcPerPhDay,
    btcPrice: figures.btcPrice,
  };
  const p = computeProfitability(pnl, market);
  const band = breakevenBand(pnl);
  const profit: PnlProfit = {
    perPhDay: amounts(p.grossRevenuePerPhDay, p.netRevenuePerPhDay, p.powerCostPerPhDay, p.marginPerPhDay),
    perMwYear: amounts(p.grossRevenuePerMwYear, p.netRevenuePerMwYear, p.powerCostPerMwYear, p.marginPerMwYear),
    phsPerMw: p.physics.phsPerMwGrid,
    powerCostBreakevenPerPhDay: band.powerCostPerPhDay,
    breakevenHashpricePerPhDay: p.breakevenHashpricePerPhDay,
    breakevenPowerPricePerKwh: p.breakevenPowerPricePerKwh,
    breakevenEfficiencyJPerTh: p.breakevenEfficiencyJPerTh,
    breakevenBtcPrice: p.breakevenBtcPrice,
    fleet: p.fleet
      ? {
          hashratePhs: p.fleet.hashratePhs,
          gridPowerMw: p.fleet.gridPowerMw,
          perDay: amounts(
            p.fleet.grossRevenuePerDay,
            p.fleet.netRevenuePerDay,
            p.fleet.powerCostPerDay,
            p.fleet.marginPerDay,
          ),
          perYear: amounts(
            p.fleet.grossRevenuePerYear,
            p.fleet.netRevenuePerYear,
            p.fleet.powerCostPerYear,
            p.fleet.marginPerYear,
          ),
        }
      : null,
  };

  const c = compareMiningVsHosting(
    {
      colocationPerKwMonth: pnl.colocationPerKwMonth,
      powerPassThrough: pnl.powerPassThrough,
      pue: pnl.pue,
      utilisationPercent: pnl.utilisationPercent,
    },
    pnl,
    market,
  );
  const hosting: PnlHosting = {
    itLoadKwPerMw: c.itLoadKwPerMwGrid,
    hostingRevenuePerMwYear: c.hostingRevenuePerMwYear,
    hostingPowerCostPerMwYear: c.hostingPowerCostPerMwYear,
    hostingNetPerMwYear: c.hostingNetPerMwYear,
    miningRevenuePerMwYear: c.mining.netRevenuePerMwYear,
    miningPowerCostPerMwYear: c.mining.powerCostPerMwYear,
    miningNetPerMwYear: c.miningNetPerMwYear,
    hostingMinusMiningPerMwYear: c.hostingMinusMiningPerMwYear,
    equalNetHashpricePerPhDay: c.equalNetHashpricePerPhDay,
    assumptions: c.assumptions,
  };

  const w = computeWhatIf(
    {
      market,
      subsidyBtc: hp.subsidySats / SATS_PER_BTC,
      feesBtcPerBlock: hp.meanFeesSats / SATS_PER_BTC,
      difficultyChangePercent: figures.difficultyChangePercent,
    },
    pnl,
  );
  const whatIf: PnlWhatIf | null = w
    ? {
        difficultyChangePercent: w.appliedDifficultyChangePercent,
        retargetHeight: figures.nextRetargetHeight,
        retargetEtaMs: figures.estimatedRetargetMs,
        halvingHeight: figures.halving.height,
        halvingEtaMs: figures.halving.estimatedMs,
        subsidyBtc: hp.subsidySats / SATS_PER_BTC,
        feesBtcPerBlock: hp.meanFeesSats / SATS_PER_BTC,
        scenarios: (
          [
            ['now', w.now],
            ['retarget', w.afterRetarget],
            ['halving', w.afterHalving],
            ['both', w.afterRetargetAndHalving],
          ] as const
        ).map(([id, s]) => ({
          id,
          hashpricePerPhDay: s.market.hashpricePerPhDay,
          marginPerPhDay: s.profitability.marginPerPhDay,
          marginPerMwYear: s.profitability.marginPerMwYear,
          breakevenBtcPrice: s.profitability.breakevenBtcPrice,
        })),
      }
    : null;

  return {
    ...base,
    market: {
      hashpricePerPhDay: market.hashpricePerPhDay,
      hashvalueSatsPerPhDay: hp.hashvalueSatsPerPhDay,
      btcPrice: market.btcPrice,
      fetchedAtMs: sources.snapshot!.fetchedAtMs,
    },
    profit,
    hosting,
    whatIf,
    water: waterOf(sources.range, currency, band.powerCostPerPhDay, p.breakevenHashpricePerPhDay),
  };
}

function movesOf(history: HistoryDataset | null, currency: Currency): { movesRange: RangeId | null; moves: PnlMove[] } {
  if (!history || history.currency !== currency) return { movesRange: null, moves: [] };
  const moves: PnlMove[] = hashpriceMoves(hashpriceObservations(history)).map(({ days, from, to, decomposition }) => ({
    days,
    fromS: from.timeS,
    toS: to.timeS,
    fromHashpricePerPhDay: observationHashprice(from),
    toHashpricePerPhDay: observationHashprice(to),
    ...decomposition,
  }));
  return { movesRange: history.range, moves };
}

function waterOf(
  range: HistoryDataset | null,
  currency: Currency,
  powerCost: number,
  breakeven: number | null,
): PnlWater | null {
  if (!range || range.currency !== currency || breakeven === null) return null;
  const series = deriveSeries(range);
  let days = 0;
  let belowBreakeven = 0;
  let belowPowerCost = 0;
  let lastBelowS: number | null = null;
  series.hashpriceFiat.forEach((v, i) => {
    if (v === null) return;
    days++;
    if (v < breakeven) {
      belowBreakeven++;
      lastBelowS = series.timeS[i]!;
    }
    if (v < powerCost) belowPowerCost++;
  });
  return days > 0 ? { range: range.range, days, belowBreakeven, belowPowerCost, lastBelowS } : null;
}
