// The path builder of 'band' series (the 7-day mean's interval, the power bounds): the area between a lower
// edge and the series' own values, one polygon per run of days that have both. Days that share a pixel
// column are merged into that column's envelope (highest top, lowest bottom), found among the values and
// placed once per column: for ALL, ~5 days per column, so a fifth of the vertices and of the y placements.

import type uPlot from 'uplot';
import { traceView, type PathSink, type TraceView } from './canvasPos';

/**
 * The band between `lows` and `highs` over the view's days as polygons, one per run of at least two
 * days with both edges; x in whole canvas pixels. `yPos` maps values to canvas y, greater values higher up
 * (a y scale's default direction, linear or log).
 */
export function traceBand(
  view: TraceView,
  highs: ArrayLike<number | null | undefined>,
  lows: ArrayLike<number | null | undefined>,
  sink: PathSink,
): void {
  const { xs, idx0, idx1, xPos, yPos } = view;
  // One column per pixel: x, and the greatest high and least low of its days.
  const colX = new Float64Array(Math.max(0, idx1 - idx0 + 1));
  const colHigh = new Float64Array(colX.length);
  const colLow = new Float64Array(colX.length);
  let i = idx0;
  while (i <= idx1) {
    while (i <= idx1 && (highs[i] == null || lows[i] == null)) i++;
    const start = i;
    let n = 0;
    for (; i <= idx1; i++) {
      const high = highs[i];
      const low = lows[i];
      if (high == null || low == null) break;
      const px = Math.round(xPos(xs[i]!));
      if (n > 0 && colX[n - 1] === px) {
        if (high > colHigh[n - 1]!) colHigh[n - 1] = high;
        if (low < colLow[n - 1]!) colLow[n - 1] = low;
      } else {
        colX[n] = px;
        colHigh[n] = high;
        colLow[n] = low;
        n++;
      }
    }
    if (i - start < 2) continue;
    sink.moveTo(colX[0]!, yPos(colHigh[0]!));
    for (let c = 1; c < n; c++) sink.lineTo(colX[c]!, yPos(colHigh[c]!));
    for (let c = n - 1; c >= 0; c--) sink.lineTo(colX[c]!, yPos(colLow[c]!));
    sink.closePath();
  }
}

/**
 * A band's path builder: `lower()` gives the lower edge as drawn (aligned with the plot's x; null: no data
 * yet), the series' own column is the upper edge.
 */
export function bandPaths(
  lower: () => ArrayLike<number | null | undefined> | null,
  scale: string,
): uPlot.Series.PathBuilder {
  return (u, seriesIdx, idx0, idx1) => {
    const fill = new Path2D();
    const lows = lower();
    if (lows) traceBand(traceView(u, scale, idx0, idx1), u.data[seriesIdx]!, lows, fill);
    return { stroke: null, fill, clip: null, band: null, flags: 0 };
  };
}
