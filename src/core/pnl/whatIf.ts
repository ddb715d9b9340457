/**
 * Hashprice and margins under the next retarget and the next halving, other things
 * (price, fees per block, the miner's inputs) equal.
 *
 * Hashprice ∝ (S + F) / D, so the scenarios rescale today's hashprice and hashvalue
 * instead of recomputing them: D' = D × (1 + change/100) divides hashprice by that
 * factor, and S' = S/2 multiplies it by (S/2 + F)/(S + F).
 */
import { computeProfitability, type MarketInputs, type MinerInputs, type ProfitabilityResult } from './profitability';

/** Core clamps a retarget to a factor of [1/4, 4] of the old difficulty. */
const MIN_DIFFICULTY_CHANGE_PERCENT = -75;
const MAX_DIFFICULTY_CHANGE_PERCENT = 300;

export interface WhatIfInputs {
  market: MarketInputs;
  subsidyBtc: number;
  feesBtcPerBlock: number;
  /** Estimated change at the next retarget, in % (e.g. 2.5 = difficulty +2.5 %). */
  difficultyChangePercent: number;
}

export interface WhatIfScenario {
  market: MarketInputs;
  profitability: ProfitabilityResult;
}

export interface WhatIfResult {
  /** The estimate actually applied, after clamping to what Core allows. */
  appliedDifficultyChangePercent: number;
  now: WhatIfScenario;
  afterRetarget: WhatIfScenario;
  afterHalving: WhatIfScenario;
  afterRetargetAndHalving: WhatIfScenario;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

export function clampDifficultyChangePercent(difficultyChangePercent: number): number {
  return clamp(difficultyChangePercent, MIN_DIFFICULTY_CHANGE_PERCENT, MAX_DIFFICULTY_CHANGE_PERCENT);
}

/** Null when there is no block reward to halve (S + F ≤ 0). */
export function halvingFactor(subsidyBtc: number, feesBtcPerBlock: number): number | null {
  const reward = subsidyBtc + feesBtcPerBlock;
  if (!(reward > 0)) return null;
  return (subsidyBtc / 2 + feesBtcPerBlock) / reward;
}

function scaled(market: MarketInputs, factor: number): MarketInputs {
  return {
    hashpricePerPhDay: market.hashpricePerPhDay * factor,
    hashvalueBtcPerPhDay: market.hashvalueBtcPerPhDay * factor,
    btcPrice: market.btcPrice,
  };
}

/** Null when the inputs cannot describe a hashprice (non-finite change, no reward). */
export function computeWhatIf(inputs: WhatIfInputs, miner: Partial<MinerInputs>): WhatIfResult | null {
  if (!Number.isFinite(inputs.difficultyChangePercent)) return null;
  const halving = halvingFactor(inputs.subsidyBtc, inputs.feesBtcPerBlock);
  if (halving === null) return null;
  const appliedDifficultyChangePercent = clampDifficultyChangePercent(inputs.difficultyChangePercent);
  const retarget = 1 / (1 + appliedDifficultyChangePercent / 100);

  const scenario = (factor: number): WhatIfScenario => {
    const market = scaled(inputs.market, factor);
    return { market, profitability: computeProfitability(miner, market) };
  };
  return {
    appliedDifficultyChangePercent,
    now: scenario(1),
    afterRetarget: scenario(retarget),
    afterHalving: scenario(halving),
    afterRetargetAndHalving: scenario(retarget * halving),
  };
}
