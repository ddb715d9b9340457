// The hovered day's events under a chart's title: a retarget near the cursor, a halving on the day, the
// block reward's parts. Only wanted on hover, so in the extras script (see ../common/extras.ts).

import type uPlot from 'uplot';
import { SECONDS_PER_DAY } from '../../core/constants';
import { formatBtc, formatDay, formatDifficulty, formatInteger, formatSignedPercent } from '../../core/format';
import type { ChartContext } from '../common/chart/definition';
import type { TrendChartId } from '../common/viewState';

type ReadoutNotes = (ctx: ChartContext, idx: number, u: uPlot) => string[];

/** Tooltip lines for a retarget near the cursor (within a few pixels) and a halving on the day. */
function retargetNotes(ctx: ChartContext, idx: number, u: uPlot): string[] {
  const t = ctx.series.timeS[idx]!;
  const notes: string[] = [];
  const adj = ctx.dataset.adjustments;
  // Nearest retarget within 6 px or on the hovered day.
  const tolerance = Math.max(SECONDS_PER_DAY, Math.abs(u.posToVal(6, 'x') - u.posToVal(0, 'x')));
  let best = -1;
  let bestDist = Infinity;
  for (let i = 0; i < adj.timeS.length; i++) {
    const dist = Math.abs(adj.timeS[i]! - (t + SECONDS_PER_DAY / 2));
    if (dist < bestDist) {
      bestDist = dist;
      best = i;
    }
  }
  if (best >= 0 && bestDist <= tolerance && adj.height[best] !== 0) {
    notes.push(
      `Retarget at block ${formatInteger(adj.height[best]!)} on ${formatDay(adj.timeS[best]!)}: ${formatSignedPercent((adj.ratio[best]! - 1) * 100)} to ${formatDifficulty(adj.difficulty[best]!)}`,
    );
  }
  for (const hv of ctx.dataset.halvings) {
    if (hv.timeS >= t && hv.timeS < t + SECONDS_PER_DAY)
      notes.push(`Halving ${hv.index} at block ${formatInteger(hv.height)}`);
  }
  return notes;
}

export const READOUT_NOTES: Readonly<Record<TrendChartId, ReadoutNotes>> = {
  hashrate: retargetNotes,
  hashprice: (ctx, idx) => {
    const reward = ctx.series.rewardSats[idx];
    const difficulty = ctx.series.difficulty[idx];
    return reward !== null && reward !== undefined && difficulty !== null && difficulty !== undefined
      ? [`Reward ${formatBtc(reward)}/block at difficulty ${formatDifficulty(difficulty)}`]
      : [];
  },
  mix: (ctx, idx) => {
    const reward = ctx.series.rewardSats[idx];
    const fees = ctx.series.feesSats[idx];
    return reward !== null && reward !== undefined && fees !== null && fees !== undefined
      ? [`Per block: ${formatBtc(reward - fees)} subsidy + ${formatBtc(fees)} fees`]
      : [];
  },
};
