// What the trend charts draw over their series: halvings, the 1 ZH/s milestone, retarget markers and the
// next retarget's fan (the hovered day's events are in ./readoutNotes.ts).

import type uPlot from 'uplot';
import { SECONDS_PER_DAY } from '../../core/constants';
import { impliedHashrateHps } from '../../core/economics';
import { HPS_PER_ZHS } from '../../core/units';
import { levelText } from '../../core/views/estimateText';
import { retargetFan } from '../../core/views/retargetFan';
import type { KeyFigures } from '../../shared/protocol';
import type { ChartContext, PlotSeriesById } from '../common/chart/definition';
import { withAlpha } from '../common/theme';

/** The hash-rate chart's difficulty series: the retarget markers and the next retarget's fan belong to it. */
export const DIFFICULTY_SERIES = 'difficulty';
/** The hash-rate chart's interval band around the 7-day average. */
export const MA7_BAND_SERIES = 'ma7Band';

/** The x axis' end for the next retarget's fan: the end of the day after its latest date (null: no fan). */
export function fanExtentS(ctx: Pick<ChartContext, 'series'>, figures: KeyFigures | null): number | null {
  const t = ctx.series.timeS;
  const fan = figures && t.length > 0 ? retargetFan(figures, t[t.length - 1]!) : null;
  // Whole days, so that each refresh's slightly different date does not re-layout the charts.
  return fan ? (Math.ceil(fan.latestS / SECONDS_PER_DAY) + 1) * SECONDS_PER_DAY : null;
}

/** The next retarget: a fan from the difficulty line's end to the interval at the median date. */
function drawRetargetFan(u: uPlot, ctx: ChartContext): void {
  const t = ctx.series.timeS;
  const figures = ctx.figures();
  const fan = figures && t.length > 0 ? retargetFan(figures, t[t.length - 1]!) : null;
  if (!fan) return;
  const g = u.ctx;
  const ratio = devicePixelRatio || 1;
  const p = ctx.palette;
  const x = (s: number): number => u.valToPos(s, 'x', true);
  const y = (hps: number): number => u.valToPos(hps, 'hps', true);
  g.fillStyle = withAlpha(p.orange, p.weight > 1 ? 0.3 : 0.18);
  g.beginPath();
  g.moveTo(x(fan.fromS), y(fan.fromHps));
  g.lineTo(x(fan.atS), y(fan.highHps));
  g.lineTo(x(fan.atS), y(fan.lowHps));
  g.closePath();
  g.fill();
  g.strokeStyle = p.orange;
  g.lineWidth = 1.5 * ratio * p.weight;
  g.setLineDash([5 * ratio, 3 * ratio]);
  g.beginPath();
  g.moveTo(x(fan.fromS), y(fan.fromHps));
  g.lineTo(x(fan.atS), y(fan.medianHps));
  g.stroke();
  g.setLineDash([]);
  // The date's interval: a bar at the median difficulty with end ticks.
  const ym = y(fan.medianHps);
  const tick = 4 * ratio;
  g.beginPath();
  g.moveTo(x(fan.earliestS), ym);
  g.lineTo(x(fan.latestS), ym);
  for (const s of [fan.earliestS, fan.latestS]) {
    g.moveTo(x(s), ym - tick);
    g.lineTo(x(s), ym + tick);
  }
  g.stroke();
  g.fillStyle = p.muted;
  g.font = `${Math.round(p.fontSize * ratio)}px ${p.fontFamily}`;
  g.textBaseline = 'bottom';
  g.textAlign = 'right';
  g.fillText(
    `Next retarget · ${levelText(fan.level)}`,
    Math.min(x(fan.latestS), u.bbox.left + u.bbox.width - 2 * ratio),
    y(fan.highHps) - 3 * ratio,
  );
  g.textAlign = 'left';
}

/** Dashed vertical lines at the halvings in view, labelled at the top. */
export function drawHalvings(u: uPlot, ctx: ChartContext): void {
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
export function drawHashrateOverlay(u: uPlot, ctx: ChartContext, plotSeries: PlotSeriesById): void {
  drawHalvings(u, ctx);
  const g = u.ctx;
  const ratio = devicePixelRatio || 1;
  const p = ctx.palette;
  const yScale = u.scales.hps;
  if (
    yScale &&
    yScale.min !== undefined &&
    yScale.max !== undefined &&
    HPS_PER_ZHS >= yScale.min &&
    HPS_PER_ZHS <= yScale.max
  ) {
    const y = Math.round(u.valToPos(HPS_PER_ZHS, 'hps', true));
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
  // Retarget markers and the fan belong to the difficulty line: hidden with it.
  if (!plotSeries(DIFFICULTY_SERIES)?.shown) return;
  drawRetargetFan(u, ctx);
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
