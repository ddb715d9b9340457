// The path builder of 'step' series (difficulty: one value per retarget, ~340 of them over 6,500 days). uPlot's
// own stepped builder draws two segments per day even where the value does not change, and does not thin
// them out per pixel as its line builder does; this one draws a corner only where the value changes, so the
// same staircase costs one segment pair per retarget.

import type uPlot from 'uplot';
import { traceView, type PathSink, type TraceView } from './canvasPos';

/**
 * The staircase of `ys` over the view's days, in whole canvas pixels: each value holds until the next
 * value's x, where the line steps to it (uPlot's `stepped({ align: 1 })`); nulls are spanned; the last value
 * runs to the last x that has one.
 */
export function traceSteps(view: TraceView, ys: ArrayLike<number | null | undefined>, sink: PathSink): void {
  const { xs, idx0, idx1, xPos, yPos } = view;
  let held: number | null = null;
  let heldPy = 0;
  /** Where the held value's horizontal run starts, and the last index that repeats it. */
  let cornerIdx = -1;
  let lastIdx = -1;
  for (let i = idx0; i <= idx1; i++) {
    const y = ys[i];
    if (y == null) continue;
    lastIdx = i;
    if (y === held) continue;
    const px = Math.round(xPos(xs[i]!));
    if (held === null) sink.moveTo(px, Math.round(yPos(y)));
    else sink.lineTo(px, heldPy);
    held = y;
    heldPy = Math.round(yPos(y));
    if (cornerIdx >= 0) sink.lineTo(px, heldPy);
    cornerIdx = i;
  }
  if (lastIdx > cornerIdx) sink.lineTo(Math.round(xPos(xs[lastIdx]!)), heldPy);
}

export function stepPaths(u: uPlot, seriesIdx: number, idx0: number, idx1: number): uPlot.Series.Paths {
  const stroke = new Path2D();
  traceSteps(traceView(u, u.series[seriesIdx]!.scale!, idx0, idx1), u.data[seriesIdx]!, stroke);
  return { stroke, fill: null, clip: null, band: null, flags: 0 };
}
