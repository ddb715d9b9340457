// The path builder of 'dots' series (daily estimates): small squares, since thousands of them cost far less
// than arcs.

import uPlot from 'uplot';
import { traceView } from './canvasPos';

export function dotPaths(u: uPlot, seriesIdx: number, idx0: number, idx1: number): uPlot.Series.Paths | null {
  const { xs, xPos, yPos } = traceView(u, u.series[seriesIdx]!.scale!, idx0, idx1);
  const ys = u.data[seriesIdx]!;
  const path = new Path2D();
  const size =
    Math.max(2, Math.min(4, (u.bbox.width / uPlot.pxRatio / Math.max(1, idx1 - idx0)) * 0.9)) * uPlot.pxRatio;
  const half = size / 2;
  // Dots that would land on an already drawn dot (dense ranges: ~6 days per pixel for ALL) are skipped:
  // a bitmap of half-dot cells over the canvas.
  const cols = Math.ceil(u.ctx.canvas.width / half) + 2;
  const drawn = new Uint8Array(cols * (Math.ceil(u.ctx.canvas.height / half) + 2));
  for (let i = idx0; i <= idx1; i++) {
    const y = ys[i];
    if (y == null) continue;
    const px = xPos(xs[i]!);
    const py = yPos(y);
    const cell = Math.round(py / half) * cols + Math.round(px / half);
    if (!(cell >= 0 && cell < drawn.length) || drawn[cell]) continue;
    drawn[cell] = 1;
    path.rect(px - half, py - half, size, size);
  }
  return { stroke: null, fill: path, clip: null, band: null, flags: 0 };
}
