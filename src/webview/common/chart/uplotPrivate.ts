// The one place that reads uPlot internals its typings do not declare (checked against uplot 1.6.x; look
// here first after an upgrade): an axis' settled size and its font as uPlot stores it.

import type uPlot from 'uplot';

const Y_AXIS_MIN = 40;

/**
 * Width of a y axis from its longest label: estimated at 0.62 em per character (tick labels are short
 * digits and units) instead of measured — measuring sets canvas fonts, which costs milliseconds per chart.
 */
export function axisSize(self: uPlot, values: string[] | null, axisIdx: number, cycleNum: number): number {
  const axis = self.axes[axisIdx]!;
  // uPlot re-measures until sizes settle; after two cycles keep the size to avoid oscillation.
  if (cycleNum > 1) return (axis as unknown as { _size: number })._size;
  const chars = Math.max(0, ...(values ?? []).map((v) => (v ? v.length : 0)));
  // uPlot keeps the font as [canvas font, canvas px, CSS px].
  const cssPx = (axis.font as unknown as [string, number, number])[2];
  return Math.max(Y_AXIS_MIN, Math.ceil((axis.ticks?.size ?? 0) + (axis.gap ?? 0) + 8 + chars * cssPx * 0.62));
}
