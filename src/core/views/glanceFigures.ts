// Every figure the status bar and hover show, derived from one snapshot. The adapters only render these.

import {
  epochProgress,
  hashpriceBreakdown,
  hashrateTrendPercent,
  nextHalving,
  type HalvingEstimate,
  type HashpriceBreakdown,
} from '../economics';
import type { Currency, NetworkSnapshot } from '../model';
import { hashpriceMoves, type HashpriceMove } from '../pnl/decomposition';
import { computeProfitability, type ProfitabilityResult } from '../pnl/profitability';
import type { PnlInputs } from '../pnl/validate';
import { DEFAULT_POWER_SETTINGS, type PowerSettings } from '../power/assumptions';
import { computeGlanceEstimates, type GlanceEstimateOptions, type GlanceEstimates } from './glanceEstimates';
import { computeGlancePower, type GlancePowerResult } from './glancePower';

export interface GlanceFigures {
  readonly currency: Currency;
  readonly hashrateHps: number;
  /** 7-day mean of daily estimates vs the 7 days before, in percent; null without enough history. */
  readonly hashrateTrendPercent: number | null;
  readonly difficulty: number;
  readonly btcPrice: number | null;
  readonly hashprice: HashpriceBreakdown;
  readonly tipHeight: number;
  /** Epoch progress from the tip height (economics' epochProgress), the same in the hover and the panel. */
  readonly blocksMinedInEpoch: number;
  readonly remainingBlocks: number;
  readonly progressPercent: number;
  readonly difficultyChangePercent: number;
  readonly estimatedRetargetMs: number;
  readonly nextRetargetHeight: number;
  readonly previousRetargetPercent: number;
  readonly previousRetargetS: number | null;
  readonly timeAvgMs: number;
  readonly halving: HalvingEstimate;
  readonly lastBlock: { readonly height: number; readonly timeS: number; readonly poolName: string | null } | null;
  /** The user's P&L at today's hashprice; null without a fiat price. */
  readonly profitability: ProfitabilityResult | null;
  /** Hashprice change over 1/7/30 days split into price, difficulty, fees (and subsidy); in USD terms. */
  readonly hashpriceMoves: readonly HashpriceMove[];
  /** How sure the inferred figures are (hash rate, trend, retarget, halving) at the chosen level. */
  readonly estimates: GlanceEstimates;
  /** The network's power now and the drop from the user's reference (glancePower.ts). */
  readonly power: GlancePowerResult;
}

export function computeGlanceFigures(
  snapshot: NetworkSnapshot,
  currency: Currency,
  nowMs: number,
  miner: Partial<PnlInputs> = {},
  estimateOptions: GlanceEstimateOptions = {},
  power: PowerSettings = DEFAULT_POWER_SETTINGS,
): GlanceFigures {
  const { adjustment, hashrate, tipHeight } = snapshot;
  // The tip may have moved on since the adjustment was computed; the tip height we fetched is authoritative.
  const epoch = epochProgress(tipHeight);
  const btcPrice = snapshot.prices.perBtc[currency] ?? null;
  const latest = snapshot.latestBlocks[0];
  const hashprice = hashpriceBreakdown(tipHeight, snapshot.rewardStats, hashrate.currentDifficulty, btcPrice);
  // The intervals are computed on first use: the status bar's presets never read them, and their first call pays
  // the statistics' warm-up (~10 ms cold), which must not land in activate()'s first paint.
  let estimates: GlanceEstimates | undefined;
  // Likewise the power figures: only the hover reads them.
  let powerFigures: GlancePowerResult | undefined;
  return {
    currency,
    hashrateHps: hashrate.currentHashrateHps,
    hashrateTrendPercent: hashrateTrendPercent(hashrate.daily),
    difficulty: hashrate.currentDifficulty,
    btcPrice,
    hashprice,
    tipHeight,
    blocksMinedInEpoch: epoch.blocksMined,
    remainingBlocks: epoch.blocksToGo,
    progressPercent: epoch.progressPercent,
    difficultyChangePercent: adjustment.difficultyChangePercent,
    estimatedRetargetMs: adjustment.estimatedRetargetMs,
    nextRetargetHeight: epoch.nextRetargetHeight,
    previousRetargetPercent: adjustment.previousRetargetPercent,
    previousRetargetS: adjustment.previousRetargetS,
    timeAvgMs: adjustment.timeAvgMs,
    halving: nextHalving(tipHeight, nowMs, epoch.blocksToGo, adjustment.adjustedTimeAvgMs),
    lastBlock: latest ? { height: latest.height, timeS: latest.timeS, poolName: latest.poolName } : null,
    hashpriceMoves: snapshot.hashpriceDaily ? hashpriceMoves(snapshot.hashpriceDaily.observations) : [],
    get estimates(): GlanceEstimates {
      return (estimates ??= computeGlanceEstimates(snapshot, nowMs, estimateOptions));
    },
    get power(): GlancePowerResult {
      return (powerFigures ??= computeGlancePower(snapshot, currency, nowMs, hashprice, power, miner));
    },
    profitability:
      hashprice.hashpricePerPhDay === null || btcPrice === null
        ? null
        : computeProfitability(miner, {
            hashpricePerPhDay: hashprice.hashpricePerPhDay,
            hashvalueBtcPerPhDay: hashprice.hashvalueBtcPerPhDay,
            btcPrice,
          }),
  };
}
