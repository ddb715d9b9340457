// The three trend charts, declaratively: series, scales, axes, overlays and the words around them.

import type uPlot from 'uplot';
import { SECONDS_PER_DAY } from '../../core/constants';
import { impliedHashrateHps } from '../../core/economics';
import { formatDifficulty, formatHashrate, formatInteger, formatMoney, formatPercent, formatSignedPercent, formatBtc } from '../../core/format';
import type { ChartContext, ChartDef } from '../common/chart/trendChart';
import { decadeSplits, linearSplits } from '../common/ticks';
import { axisDifficulty, axisHashrate, axisPercent, compactCount, compactMoney, difficultyFromHps, formatDay } from '../format';

/** Ticks of the difficulty axis at round difficulties, placed on the hash-rate scale they share. */
function difficultySplits(min: number, max: number, log: boolean, heightPx: number): number[] {
  const k = difficultyFromHps(1);
  const splits = log ? decadeSplits(min * k, max * k, heightPx) : linearSplits(min * k, max * k, heightPx);
  return splits.map((d) => impliedHashrateHps(d));
}
import { withAlpha } from '../common/theme';

const ONE_ZHS = 1e21;

/** Dashed vertical lines at the halvings in view, labelled at the top. */
function drawHalvings(u: uPlot, ctx: ChartContext): void {
  const g = u.ctx;
  const { min, max } = u.scales.x!;
  if (min === undefined || max === undefined) return;
  const ratio = devicePixelRatio || 1;
  g.strokeStyle = withAlpha(ctx.palette.foreground, 0.55);
  g.fillStyle = ctx.palette.muted;
  g.lineWidth = ratio * ctx.palette.weight;
  g.setLineDash([4 * ratio, 4 * ratio]);
  g.font = `${Math.round(ctx.palette.fontSize * ratio)}px ${ctx.palette.fontFamily}`;
  g.textBaseline = 'top';
  for (const halving of ctx.dataset.halvings) {
    if (halving.timeS < min || halving.timeS > max) continue;
    const x = Math.round(u.valToPos(halving.timeS, 'x', true));
    g.beginPath();
    g.moveTo(x, u.bbox.top);
    g.lineTo(x, u.bbox.top + u.bbox.height);
    g.stroke();
    g.fillText(`Halving ${halving.index}`, x + 4 * ratio, u.bbox.top + 2 * ratio);
  }
  g.setLineDash([]);
}

/** 1 ZH/s reference line and a marker at every retarget (green up, red down). */
function drawHashrateOverlay(u: uPlot, ctx: ChartContext): void {
  drawHalvings(u, ctx);
  const g = u.ctx;
  const ratio = devicePixelRatio || 1;
  const p = ctx.palette;
  const yScale = u.scales.hps;
  if (yScale && yScale.min !== undefined && yScale.max !== undefined && ONE_ZHS >= yScale.min && ONE_ZHS <= yScale.max) {
    const y = Math.round(u.valToPos(ONE_ZHS, 'hps', true));
    g.strokeStyle = withAlpha(p.red, 0.7);
    g.lineWidth = ratio * p.weight;
    g.setLineDash([6 * ratio, 4 * ratio]);
    g.beginPath();
    g.moveTo(u.bbox.left, y);
    g.lineTo(u.bbox.left + u.bbox.width, y);
    g.stroke();
    g.setLineDash([]);
    g.fillStyle = p.red;
    g.font = `${Math.round(p.fontSize * ratio)}px ${p.fontFamily}`;
    g.textBaseline = 'bottom';
    g.fillText('1 ZH/s', u.bbox.left + 6 * ratio, y - 3 * ratio);
  }
  // Retarget markers belong to the difficulty line: hidden with it.
  if (!u.series.find((s) => s.label === 'Difficulty')?.show) return;
  const adj = ctx.dataset.adjustments;
  const { min, max } = u.scales.x!;
  if (min === undefined || max === undefined) return;
  let inView = 0;
  for (let i = 0; i < adj.timeS.length; i++) if (adj.timeS[i]! >= min && adj.timeS[i]! <= max) inView++;
  if (inView === 0) return;
  const spacing = u.bbox.width / inView;
  const radius = Math.max(1.2 * ratio, Math.min(3.5 * ratio, spacing / 3));
  const up = new Path2D();
  const down = new Path2D();
  for (let i = 0; i < adj.timeS.length; i++) {
    const t = adj.timeS[i]!;
    if (t < min || t > max || adj.height[i] === 0) continue;
    const x = u.valToPos(t, 'x', true);
    const y = u.valToPos(impliedHashrateHps(adj.difficulty[i]!), 'hps', true);
    const path = adj.ratio[i]! >= 1 ? up : down;
    // Dense (whole history): squares, far cheaper than hundreds of arcs and alike at that size.
    if (radius < 2 * ratio) path.rect(x - radius, y - radius, 2 * radius, 2 * radius);
    else {
      path.moveTo(x + radius, y);
      path.arc(x, y, radius, 0, Math.PI * 2);
    }
  }
  g.fillStyle = p.green;
  g.fill(up);
  g.fillStyle = p.red;
  g.fill(down);
}

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
    if (hv.timeS >= t && hv.timeS < t + SECONDS_PER_DAY) notes.push(`Halving ${hv.index} at block ${formatInteger(hv.height)}`);
  }
  return notes;
}

const hashrateChart: ChartDef = {
  id: 'hashrate',
  title: 'Hash rate & difficulty',
  height: 320,
  note:
    'Daily estimates: getnetworkhashps over each UTC day’s blocks; trailing averages. Difficulty is drawn as the hash rate it implies (D·2³²/600 s), read as difficulty on the right axis; dots mark retargets (green up, red down).',
  series: [
    {
      id: 'daily',
      label: 'Daily estimate',
      kind: 'dots',
      scale: 'hps',
      color: (p) => p.blue,
      values: (s) => s.hashrate,
      format: (v) => formatHashrate(v),
      column: () => 'Daily estimate (H/s)',
    },
    {
      id: 'ma7',
      label: '7-day average',
      kind: 'line',
      scale: 'hps',
      width: 1.5,
      color: (p) => p.blue,
      values: (s) => s.hashrateMa7,
      format: (v) => formatHashrate(v),
      column: () => '7-day average (H/s)',
    },
    {
      id: 'ma30',
      label: '30-day average',
      kind: 'line',
      scale: 'hps',
      width: 2.5,
      color: (p) => p.purple,
      values: (s) => s.hashrateMa30,
      format: (v) => formatHashrate(v),
      column: () => '30-day average (H/s)',
    },
    {
      id: 'difficulty',
      label: 'Difficulty',
      kind: 'step',
      scale: 'hps',
      width: 2,
      color: (p) => p.orange,
      values: (s) => s.difficultyHps,
      format: (v) => formatDifficulty(difficultyFromHps(v)),
      column: () => 'Difficulty',
    },
  ],
  scales: [
    {
      key: 'hps',
      logCapable: true,
      // Keep the 1 ZH/s milestone in view once the network gets close to it.
      range: (min, max, log) => (!log && max >= 0.6 * ONE_ZHS && max < 1.06 * ONE_ZHS ? [min, 1.06 * ONE_ZHS] : [min, max]),
    },
  ],
  axes: [
    { scale: 'hps', side: 'left', grid: true, format: (v) => axisHashrate(v) },
    { scale: 'hps', side: 'right', grid: false, format: (v) => axisDifficulty(v), splits: difficultySplits },
  ],
  overlay: drawHashrateOverlay,
  annotate: retargetNotes,
};

const hashpriceChart: ChartDef = {
  id: 'hashprice',
  title: 'Hashprice',
  height: 260,
  note: 'Expected revenue of 1 PH/s for a day, from that day’s difficulty, mean reward per block (subsidy + fees) and BTC price.',
  series: [
    {
      id: 'fiat',
      label: 'Fiat per PH/day',
      kind: 'line',
      scale: 'fiat',
      width: 2,
      color: (p) => p.green,
      values: (s) => s.hashpriceFiat,
      format: (v, ctx) => `${formatMoney(v, ctx.currency)}/PH/day`,
      column: (ctx) => `Hashprice (${ctx.currency}/PH/day)`,
    },
    {
      id: 'sats',
      label: 'Sats per PH/day',
      kind: 'line',
      scale: 'sats',
      width: 1.5,
      color: (p) => p.yellow,
      values: (s) => s.hashpriceSats,
      format: (v) => `${formatInteger(v)} sats/PH/day`,
      column: () => 'Hashvalue (sats/PH/day)',
    },
  ],
  scales: [
    { key: 'fiat', logCapable: true },
    { key: 'sats', logCapable: true },
  ],
  axes: [
    { scale: 'fiat', side: 'left', grid: true, format: (v, ctx) => compactMoney(v, ctx.currency) },
    { scale: 'sats', side: 'right', grid: false, format: (v) => compactCount(v) },
  ],
  overlay: drawHalvings,
  annotate: (ctx, idx) => {
    const reward = ctx.series.rewardSats[idx];
    const difficulty = ctx.series.difficulty[idx];
    return reward !== null && reward !== undefined && difficulty !== null && difficulty !== undefined
      ? [`Reward ${formatBtc(reward)}/block at difficulty ${formatDifficulty(difficulty)}`]
      : [];
  },
};

const mixChart: ChartDef = {
  id: 'mix',
  title: 'Revenue mix & BTC price',
  height: 260,
  note: 'Fee share: the day’s mean fees per block ÷ (subsidy + fees). Price: the source’s daily price.',
  series: [
    {
      id: 'feeShare',
      label: 'Fee share',
      kind: 'area',
      scale: 'pct',
      width: 1.5,
      color: (p) => p.blue,
      values: (s) => s.feeSharePercent,
      format: (v) => formatPercent(v, 2),
      column: () => 'Fee share (%)',
    },
    {
      id: 'price',
      label: 'BTC price',
      kind: 'line',
      scale: 'price',
      width: 2,
      color: (p) => p.orange,
      values: (s) => s.price,
      format: (v, ctx) => formatMoney(v, ctx.currency),
      column: (ctx) => `BTC price (${ctx.currency})`,
    },
  ],
  scales: [
    { key: 'pct', logCapable: false, range: (_min, max) => [0, Math.max(5, Math.min(100, max))] },
    { key: 'price', logCapable: true },
  ],
  axes: [
    { scale: 'pct', side: 'left', grid: true, format: (v) => axisPercent(v) },
    { scale: 'price', side: 'right', grid: false, format: (v, ctx) => compactMoney(v, ctx.currency) },
  ],
  overlay: drawHalvings,
  annotate: (ctx, idx) => {
    const reward = ctx.series.rewardSats[idx];
    const fees = ctx.series.feesSats[idx];
    return reward !== null && reward !== undefined && fees !== null && fees !== undefined
      ? [`Per block: ${formatBtc(reward - fees)} subsidy + ${formatBtc(fees)} fees`]
      : [];
  },
};

export const CHARTS: readonly ChartDef[] = [hashrateChart, hashpriceChart, mixChart];
