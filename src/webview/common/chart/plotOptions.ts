// A ChartDef translated into uPlot's terms: options (scales, axes, series, hooks) for a palette and scale
// mode, and the aligned data columns. uPlot addresses series by position (0 is x); this file is the only
// one that maps SeriesDef ids to those positions.

import uPlot from 'uplot';
import { withAlpha, type Palette } from '../theme';
import { decadeSplits } from '../ticks';
import {
  seriesLabel,
  type AxisDef,
  type ChartContext,
  type ChartDef,
  type ChartOverlay,
  type PlotSeriesById,
} from './definition';
import { bandPaths } from './bandPaths';
import { dotPaths } from './dotPaths';
import { stepPaths } from './stepPaths';
import { axisSize } from './uplotPrivate';

/** The cursor and zoom group of the charts whose ChartDef names none (the trends'). */
const SYNC_KEY = 'mining-economics';

/** What the options read from and report to the chart that owns the plot. */
export interface PlotBinding {
  /** The data being drawn (null before the first). */
  context(): ChartContext | null;
  overlay(): ChartOverlay | null;
  isHidden(seriesId: string): boolean;
  /** After every draw, overlays included. */
  onDraw(u: uPlot): void;
  onCursor(u: uPlot): void;
  /** The x scale changed (data, a window set by the chart, or the user's zoom). */
  onScaleX(u: uPlot): void;
}

/** uPlot's index of a series (0 is x; -1: no such series). */
export function plotSeriesIndex(def: ChartDef, seriesId: string): number {
  const i = def.series.findIndex((s) => s.id === seriesId);
  return i < 0 ? -1 : i + 1;
}

function seriesById(def: ChartDef, u: uPlot): PlotSeriesById {
  return (id) => {
    const i = plotSeriesIndex(def, id);
    return i < 0 ? null : { shown: Boolean(u.series[i]?.show), values: u.data[i] ?? [] };
  };
}

/** A series' column as drawn: on log axes values ≤ 0 become gaps (copied only if there are any). */
function drawnColumn(
  def: ChartDef,
  ctx: ChartContext,
  scale: string,
  values: readonly (number | null)[],
): (number | null)[] {
  if (ctx.log && def.scales.find((sc) => sc.key === scale)?.logCapable && hasNonPositive(values)) {
    return values.map((v) => (v !== null && v > 0 ? v : null));
  }
  return values as (number | null)[];
}

/** A plain loop: it runs over every column of every chart on each draw, before the code is optimised. */
function hasNonPositive(values: readonly (number | null)[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v != null && v <= 0) return true;
  }
  return false;
}

/** x and one column per series: the derived columns themselves (log axes aside), no copies. */
export function plotData(def: ChartDef, ctx: ChartContext): uPlot.AlignedData {
  const ys = def.series.map((s) => drawnColumn(def, ctx, s.scale, s.values(ctx.series)));
  return [ctx.series.timeS as number[], ...ys];
}

/**
 * The x extent of the whole data: its days, stretched to `ctx.extendToS` (the next retarget's fan) when that
 * lies past the last day. The x scale's range gives this when uPlot ranges x over the data (a new dataset, a
 * reset zoom); null: no days.
 */
export function fullXExtent(ctx: ChartContext): [number, number] | null {
  const t = ctx.series.timeS;
  if (t.length === 0) return null;
  const last = t[t.length - 1]!;
  return [t[0]!, ctx.extendToS !== null && ctx.extendToS > last ? ctx.extendToS : last];
}

/** uPlot's x range (the data's ends, or a window set), with the data's own extent stretched as above. */
export function xRange(ctx: ChartContext | null, min: number | null, max: number | null): uPlot.Range.MinMax {
  if (min === null || max === null || !ctx) return [min, max];
  const t = ctx.series.timeS;
  const full = fullXExtent(ctx);
  return full && min === t[0] && max === t[t.length - 1] ? full : [min, max];
}

/** An empty series column per series: the shape of the plot before data arrives. */
export function emptyPlotData(def: ChartDef): uPlot.AlignedData {
  return [[], ...def.series.map(() => [])];
}

export function plotOptions(
  def: ChartDef,
  p: Palette,
  logScale: boolean,
  size: { width: number; height: number },
  binding: PlotBinding,
): uPlot.Options {
  const font = `${p.fontSize}px ${p.fontFamily}`;
  const scales: uPlot.Scales = { x: { time: true, range: (_u, min, max) => xRange(binding.context(), min, max) } };
  for (const sc of def.scales) {
    const log = logScale && sc.logCapable;
    scales[sc.key] = {
      distr: log ? 3 : 1,
      log: 10,
      range: (_u, min, max) => {
        if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max))
          return [log ? 1 : 0, log ? 10 : 1];
        const base: [number, number] = log
          ? (uPlot.rangeLog(min, max, 10, false) as [number, number])
          : (uPlot.rangeNum(min, max, 0.1, true) as [number, number]);
        const r = sc.range ? sc.range(base[0], base[1], log) : base;
        const overlay = binding.overlay();
        const ctx = binding.context();
        return overlay && ctx ? overlay.range(sc.key, r[0], r[1], ctx) : r;
      },
    };
  }
  const axisCommon = {
    stroke: p.muted,
    font,
    labelFont: font,
    grid: { stroke: p.grid, width: 1 },
    ticks: { stroke: p.grid, width: 1, size: 4 },
    gap: 4,
  };
  const axes: uPlot.Axis[] = [
    { ...axisCommon, scale: 'x', space: 70, size: 44 },
    ...def.axes.map((a): uPlot.Axis => ({
      ...axisCommon,
      scale: a.scale,
      side: a.side === 'left' ? 3 : 1,
      grid: a.grid ? axisCommon.grid : { show: false },
      ticks: a.grid ? axisCommon.ticks : { ...axisCommon.ticks, show: true },
      space: 36,
      size: axisSize,
      values: (_u, splits) => {
        const ctx = binding.context();
        return splits.map((v) => (v == null || !ctx ? '' : a.format(v, ctx)));
      },
      ...axisSplits(def, a, logScale),
    })),
  ];
  const series: uPlot.Series[] = [
    {},
    ...def.series.map((s): uPlot.Series => {
      const color = s.color(p);
      const width = (s.width ?? 1.5) * p.weight;
      const base: uPlot.Series = {
        label: seriesLabel(s, null),
        scale: s.scale,
        show: !binding.isHidden(s.id),
        stroke: color,
        width,
        points: { show: false },
        spanGaps: s.kind === 'step',
      };
      if (s.dash) base.dash = [...s.dash];
      if (s.kind === 'dots') {
        return {
          ...base,
          stroke: withAlpha(color, p.weight > 1 ? 0.9 : 0.5),
          fill: withAlpha(color, p.weight > 1 ? 0.9 : 0.5),
          width: 0,
          paths: dotPaths,
        };
      }
      const lower = s.lower;
      if (s.kind === 'band' && lower) {
        return {
          ...base,
          width: 0,
          fill: withAlpha(color, p.weight > 1 ? 0.3 : 0.16),
          paths: bandPaths(() => {
            const ctx = binding.context();
            return ctx ? drawnColumn(def, ctx, s.scale, lower.values(ctx.series)) : null;
          }, s.scale),
        };
      }
      if (s.kind === 'step') return { ...base, paths: stepPaths };
      if (s.kind === 'area') return { ...base, fill: withAlpha(color, p.weight > 1 ? 0.25 : 0.12) };
      return base;
    }),
  ];
  const hooks: uPlot.Hooks.Arrays = {
    draw: [
      (u) => {
        const overlay = binding.overlay();
        const ctx = binding.context();
        if ((def.overlay || overlay) && ctx) {
          const byId = seriesById(def, u);
          u.ctx.save();
          u.ctx.beginPath();
          u.ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
          u.ctx.clip();
          def.overlay?.(u, ctx, byId);
          overlay?.draw(u, ctx, byId);
          u.ctx.restore();
        }
        binding.onDraw(u);
      },
    ],
    setCursor: [(u) => binding.onCursor(u)],
    setScale: [
      (u, key) => {
        if (key === 'x') binding.onScaleX(u);
      },
    ],
  };
  return {
    width: size.width,
    height: size.height,
    // Days are UTC days: show UTC wall time (uPlot formats Dates in local time). Cheaper than uPlot.tzDate.
    tzDate: (ts) => {
      const d = new Date(ts * 1000);
      return new Date(d.getTime() + d.getTimezoneOffset() * 60_000);
    },
    legend: { show: false },
    cursor: {
      sync: { key: def.sync ?? SYNC_KEY, setSeries: false, scales: ['x', null] },
      drag: { x: true, y: false, setScale: true, dist: 8 },
      points: { show: false },
      y: false,
    },
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
    scales,
    axes,
    series,
    hooks,
    padding: [12, 8, 0, 8],
  };
}

function axisSplits(def: ChartDef, a: AxisDef, logScale: boolean): Partial<uPlot.Axis> {
  const log = logScale && def.scales.find((sc) => sc.key === a.scale)?.logCapable === true;
  if (!a.splits && !log) return {};
  return {
    // uPlot's log filter keeps only 1…9×10ⁿ labels; these splits are already the wanted ones.
    filter: (_u, splits) => splits,
    splits: (u, _axisIdx, min, max) => {
      const height = u.bbox.height / uPlot.pxRatio;
      return a.splits ? a.splits(min, max, log, height) : decadeSplits(min, max, height);
    },
  };
}
