/**
 * The "Power & pools" section's power half, as plain numbers for the webview (src/shared/protocol/power.ts):
 * the network's power per day with its CBECI-style bounds, the breakeven efficiency per day at the user's
 * power price with the machine generations it puts under water, and the "where the hash went" line.
 *
 * Sources and formulas (all from core/power, each unit-tested there):
 *   power per day   = networkPowerSeries over the shown range's days: 7-day mean hash rate (H/s, history/derive)
 *                     × CBECI-style efficiency bounds (J/TH) ÷ 10¹² × PUE → W; the profitability threshold is
 *                     the network power price (assumption, per kWh) against that day's hashprice (fiat/PH/day).
 *   breakeven       = hashprice (fiat/PH/day) ÷ (24 h × the user's power price) → J/TH (power/breakeven.ts).
 *   where it went   = power/whereHashWent.ts at the network power price, PUE best, and the P&L's hosting model.
 * Hashprice is the derived daily one (reward × price ÷ difficulty), in the panel's currency; every price
 * must be in that currency.
 */
import { SECONDS_PER_DAY } from '../constants';
import { t } from '../l10n';
import { deriveSeries } from '../history/derive';
import type { HistoryDataset, RangeId } from '../history/types';
import type { Currency } from '../model';
import type { MarketInputs } from '../pnl/profitability';
import type { PnlInputs } from '../pnl/validate';
import {
  breakevenSeries,
  energyTwhPerYear,
  HASH_REFERENCES,
  isProfitable,
  MACHINES,
  networkPowerSeries,
  underWaterShare,
  whereHashWent,
  type HashReference,
  type Machine,
  type PueByBound,
} from '../power';
import { coversAllHistory } from '../power/hashDrop';
import { whereHashWentHeadline } from './powerText';

export { HASH_REFERENCES, type HashReference };

/** The assumptions behind the section's figures (read from the settings in one place on the host). */
export interface PowerAssumptions {
  /** Network power price for the CBECI-style bounds, panel currency per kWh. */
  readonly networkPowerPricePerKwh: number;
  readonly pue: PueByBound;
  /** The user's power price (miningEconomics.pnl.powerPricePerKwh): the breakeven chart and machine verdicts. */
  readonly userPowerPricePerKwh: number;
  readonly reference: HashReference;
}

/**
 * The generations drawn as reference lines on the breakeven chart: one flagship per generation, by model
 * name in the machine table (a test checks each is there).
 */
export const GENERATION_MODELS: readonly string[] = [
  'Antminer S9 (13.5 TH)',
  'Antminer S17 Pro (53 TH)',
  'Antminer S19 (95 TH)',
  'Antminer S19 Pro (110 TH)',
  'Antminer S19 XP (140 TH)',
  'Antminer S21 (200 TH)',
  'Antminer S21 XP (270 TH)',
  'Antminer S23 Hyd (580 TH)',
];

export interface PowerGeneration {
  readonly model: string;
  readonly releaseMonth: string;
  readonly efficiencyJPerTh: number;
  /** At the last day's breakeven: null when it was not released yet or there is no breakeven. */
  readonly underWaterNow: boolean | null;
  /** Share of the range's days (released, with a breakeven) it was under water; null: never available. */
  readonly underWaterPercent: number | null;
}

export interface PowerLatest {
  readonly timeS: number;
  readonly lowW: number;
  readonly bestW: number;
  readonly highW: number;
  readonly energyTwhPerYear: { readonly low: number; readonly best: number; readonly high: number };
}

export interface PowerWhere {
  readonly reference: HashReference;
  readonly referenceTimeS: number;
  readonly referenceHps: number;
  readonly currentHps: number;
  readonly dropHps: number;
  readonly dropPercent: number;
  readonly efficiencyJPerTh: number;
  readonly gridMw: number;
  readonly miningNetPerYear: number;
  readonly hostingNetPerYear: number;
  /** The whole line in words (whereHashWentSentence). */
  readonly sentence: string;
}

export interface PowerState {
  readonly currency: Currency;
  readonly range: RangeId;
  readonly sourceHost: string;
  readonly assumptions: PowerAssumptions;
  readonly days: {
    readonly timeS: readonly number[];
    /** Watts at the meter per bound; null on gaps. */
    readonly lowW: readonly (number | null)[];
    readonly bestW: readonly (number | null)[];
    readonly highW: readonly (number | null)[];
    /** At the user's power price, J/TH. */
    readonly breakevenJPerTh: readonly (number | null)[];
  };
  readonly latest: PowerLatest | null;
  readonly generations: readonly PowerGeneration[];
  /** Set when the line cannot be computed (not enough days, no market yet). */
  readonly where: PowerWhere | null;
  readonly whereProblem: string | null;
}

export interface PowerStateSources {
  readonly dataset: HistoryDataset;
  /** The host shows datasets under a shortened host name (core/settings shownSourceHost). */
  readonly sourceHost: string;
  readonly assumptions: PowerAssumptions;
  /** Today's market (null before the first snapshot with a price): the "where the hash went" money. */
  readonly market: MarketInputs | null;
  readonly pnl: Readonly<PnlInputs>;
  readonly machines?: readonly Machine[];
}

function lastIndexWith(...columns: readonly (readonly (number | null)[])[]): number {
  const n = columns[0]?.length ?? 0;
  for (let i = n - 1; i >= 0; i--) if (columns.every((c) => c[i] !== null && c[i] !== undefined)) return i;
  return -1;
}

/** Thrown only on a bad assumption (the host validated them): the caller logs it. */
export function buildPowerState(sources: PowerStateSources): PowerState {
  const { dataset, assumptions } = sources;
  const machines = sources.machines ?? MACHINES;
  const series = deriveSeries(dataset);
  const power = networkPowerSeries(
    { timeS: series.timeS, hashrateHps: series.hashrateMa7, hashpricePerPhDay: series.hashpriceFiat },
    { powerPricePerKwh: assumptions.networkPowerPricePerKwh, pue: assumptions.pue, machines },
  );
  if (typeof power === 'string') throw new Error(power);
  const breakeven = breakevenSeries({ timeS: series.timeS, hashpricePerPhDay: series.hashpriceFiat }, [
    assumptions.userPowerPricePerKwh,
  ]);
  const breakevenJPerTh = breakeven.lines[0]!.breakevenJPerTh;

  const i = lastIndexWith(power.lowW, power.bestW, power.highW);
  const latest: PowerLatest | null =
    i < 0
      ? null
      : {
          timeS: series.timeS[i]!,
          lowW: power.lowW[i]!,
          bestW: power.bestW[i]!,
          highW: power.highW[i]!,
          energyTwhPerYear: {
            low: energyTwhPerYear(power.lowW[i]!),
            best: energyTwhPerYear(power.bestW[i]!),
            high: energyTwhPerYear(power.highW[i]!),
          },
        };

  const generationRows = GENERATION_MODELS.map((model) => machines.find((m) => m.model === model)).filter(
    (m): m is Machine => m !== undefined,
  );
  const shares = underWaterShare(breakeven, 0, generationRows);
  const lastBe = lastIndexWith(breakevenJPerTh);
  const lastBeMs = lastBe < 0 ? null : series.timeS[lastBe]! * 1000;
  const generations = shares.map(({ machine, underWaterPercent }): PowerGeneration => {
    const released = lastBeMs !== null && Date.parse(`${machine.releaseMonth}-01T00:00:00Z`) <= lastBeMs;
    return {
      model: machine.model,
      releaseMonth: machine.releaseMonth,
      efficiencyJPerTh: machine.efficiencyJPerTh,
      underWaterNow: released ? !isProfitable(machine, breakevenJPerTh[lastBe]!) : null,
      underWaterPercent,
    };
  });

  let where: PowerWhere | null = null;
  let whereProblem: string | null = null;
  if (!sources.market) whereProblem = t('waiting for today’s hashprice and BTC price');
  else {
    const result = whereHashWent({
      timeS: series.timeS,
      hashrateHps: series.hashrate,
      reference: assumptions.reference,
      market: sources.market,
      powerPricePerKwh: assumptions.networkPowerPricePerKwh,
      pue: assumptions.pue.best,
      hosting: {
        colocationPerKwMonth: sources.pnl.colocationPerKwMonth,
        powerPassThrough: sources.pnl.powerPassThrough,
        pue: sources.pnl.pue,
        utilisationPercent: sources.pnl.utilisationPercent,
      },
      miner: { poolFeePercent: sources.pnl.poolFeePercent, uptimePercent: sources.pnl.uptimePercent },
      machines,
    });
    if (!result.ok) whereProblem = result.reason;
    else
      where = {
        reference: result.reference.kind,
        referenceTimeS: result.reference.timeS,
        referenceHps: result.reference.hashrateHps,
        currentHps: result.current.hashrateHps,
        dropHps: result.dropHps,
        dropPercent: result.dropPercent,
        efficiencyJPerTh: result.efficiencyJPerTh,
        gridMw: result.gridMw,
        miningNetPerYear: result.miningNetPerYear,
        hostingNetPerYear: result.hostingNetPerYear,
        sentence: whereHashWentHeadline(
          {
            result,
            // The range's peak is the all-time high only when the range reaches back to the genesis block.
            reference:
              result.reference.kind === 'peak'
                ? coversAllHistory(series.timeS)
                  ? 'ath'
                  : 'data-peak'
                : result.reference.kind,
            spanDays: spanDays(series.timeS),
            fellBack: false,
          },
          dataset.currency,
        ),
      };
  }

  return {
    currency: dataset.currency,
    range: dataset.range,
    sourceHost: sources.sourceHost,
    assumptions,
    days: { timeS: series.timeS, lowW: power.lowW, bestW: power.bestW, highW: power.highW, breakevenJPerTh },
    latest,
    generations,
    where,
    whereProblem,
  };
}

/** Whole days from the first to the newest day of a daily series. */
function spanDays(timeS: readonly number[]): number {
  return timeS.length > 0 ? Math.round((timeS[timeS.length - 1]! - timeS[0]!) / SECONDS_PER_DAY) : 0;
}
