/**
 * How long will the next r blocks take? The posterior predictive shared by the retarget and halving
 * estimates.
 *
 * Blocks arrive as a Poisson process of unknown rate λ. Observing n blocks over an exposure of t seconds
 * (from the window's start to now: the wait since the last block counts, it is evidence of a lower rate)
 * and taking the prior p(λ) ∝ 1/λ gives the posterior λ ~ Gamma(n, rate t). The time R until r more
 * blocks is Gamma(r, λ) (memoryless: it does not matter how long ago the last block was). Writing
 * R = G_r/λ and λ = G_n/t with independent standard gammas,
 *   R / t = G_r / G_n ~ BetaPrime(r, n) = (r/n)·F(2r, 2n).
 * When the exposure ends at a block this ratio is an exact pivot (its law does not depend on λ), so the
 * predictive interval also has exact frequentist coverage; measured from a random moment it is close.
 *
 * Not modelled: changes of the hash rate ahead (growth, seasonal curtailment), and difficulty
 * retargets inside the horizon (which pull the block interval back to 10 minutes): the interval
 * reflects the luck of block discovery and the uncertainty of the current rate only.
 */
import { betaPrimeQuantile } from './beta';

/** The p-quantile of the time, in seconds, until `blocks` more blocks, given `windowBlocks` in `windowS`. */
export function remainingTimeQuantileS(p: number, blocks: number, windowBlocks: number, windowS: number): number {
  if (blocks === 0) return 0;
  return windowS * betaPrimeQuantile(p, blocks, windowBlocks);
}
