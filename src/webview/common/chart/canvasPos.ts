// Canvas positions for the path builders that place every point themselves (dots, bands): uPlot's valToPos
// per point walks the scale lookup and three calls for each of thousands of days; within one draw a scale's
// mapping is fixed, so it is read once from uPlot — two of its own positions — and applied inline.

import type uPlot from 'uplot';

/** The minimum of a scale's view this file needs (uPlot's scale, its min, max and distribution). */
interface PlotLike {
  readonly scales: Record<
    string,
    { readonly min?: number | null; readonly max?: number | null; readonly distr?: number }
  >;
  valToPos(value: number, scaleKey: string, canvasPixels?: boolean): number;
}

/**
 * `(v) => u.valToPos(v, key, true)` for the scale as it is now: linear in v (log10 v on a log scale),
 * through uPlot's positions of the scale's ends. Falls back to uPlot's own where that line is undefined.
 */
export function canvasPos(u: PlotLike | uPlot, key: string): (value: number) => number {
  const plot = u as PlotLike;
  const scale = plot.scales[key];
  const min = scale?.min;
  const max = scale?.max;
  const log = scale?.distr === 3;
  const at = (v: number): number => (log ? Math.log10(v) : v);
  if (min == null || max == null || (log && !(min > 0 && max > 0))) return (v) => plot.valToPos(v, key, true);
  const from = at(min);
  const p0 = plot.valToPos(min, key, true);
  const slope = (plot.valToPos(max, key, true) - p0) / (at(max) - from);
  if (!Number.isFinite(slope) || !Number.isFinite(p0)) return (v) => plot.valToPos(v, key, true);
  return log ? (v) => p0 + (Math.log10(v) - from) * slope : (v) => p0 + (v - from) * slope;
}

/** What a path tracer draws over: the x column, the index window, and values → canvas pixels. */
export interface TraceView {
  readonly xs: ArrayLike<number>;
  readonly idx0: number;
  readonly idx1: number;
  readonly xPos: (value: number) => number;
  readonly yPos: (value: number) => number;
}

/** A uPlot draw of `idx0…idx1` for a series on `scale`, with the positions as they are in this draw. */
export function traceView(u: uPlot, scale: string, idx0: number, idx1: number): TraceView {
  return { xs: u.data[0], idx0, idx1, xPos: canvasPos(u, 'x'), yPos: canvasPos(u, scale) };
}

/** The part of Path2D the tracers draw with (a recorder in the tests). */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
}
