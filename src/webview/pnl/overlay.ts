// The user's breakeven on the hashprice chart, drawn by the P&L script through the charts script's overlay
// hook (ChartOverlay), so the charts bundle carries none of it:
//  - a red band from the power cost per PH/day (the hashprice that pays the power alone) up to the full
//    breakeven after the pool fee, with a dashed line and a label at the breakeven;
//  - the area between the hashprice line and the breakeven, green on days above water, red below;
//  - the fiat scale widened to keep the band in view, and the hovered day's distance to the breakeven.
// Only drawn on data in the overlay's currency (the settings' currency) and while the fiat series is shown.

import type uPlot from 'uplot';
import type { ChartContext, ChartOverlay, PlotSeriesById } from '../common/chart/definition';
import { moneyText } from '../../core/format';
import type { PnlOverlay } from '../../core/views/pnlState';
import { withAlpha } from '../common/theme';

/** The hashprice chart's fiat scale and series (ids of src/webview/trends/chartDefs.ts). */
const SCALE = 'fiat';
const SERIES = 'fiat';

export function breakevenOverlay(o: PnlOverlay): ChartOverlay {
  const applies = (ctx: ChartContext): boolean => ctx.currency === o.currency && o.breakevenPerPhDay > 0;
  return {
    note: o.note,
    range(scale, min, max, ctx) {
      if (scale !== SCALE || !applies(ctx)) return [min, max];
      return [Math.min(min, o.powerCostPerPhDay * 0.9), Math.max(max, o.breakevenPerPhDay * 1.1)];
    },
    annotate(ctx, idx) {
      const v = ctx.series.hashpriceFiat[idx];
      if (v == null || !applies(ctx)) return [];
      return [
        `${v < o.breakevenPerPhDay ? 'below' : 'above'} your breakeven by ${moneyText(Math.abs(v - o.breakevenPerPhDay), ctx.currency)}`,
      ];
    },
    draw(u: uPlot, ctx: ChartContext, plotSeries: PlotSeriesById) {
      const hashprice = plotSeries(SERIES);
      if (!applies(ctx) || !hashprice?.shown) return;
      const g = u.ctx;
      const p = ctx.palette;
      const r = devicePixelRatio || 1;
      const { left, top, width, height } = u.bbox;
      const y = (v: number): number => u.valToPos(v, SCALE, true);
      const be = y(o.breakevenPerPhDay);
      // The area between hashprice and the breakeven line: one polygon per unbroken run of days.
      const xs = u.data[0];
      const ys = hashprice.values;
      const area = new Path2D();
      let x = -1;
      for (let i = 0; i <= xs.length; i++) {
        const v = ys[i];
        if (v == null) {
          if (x >= 0) area.lineTo(x, be);
          x = -1;
          continue;
        }
        if (x < 0) area.moveTo(u.valToPos(xs[i]!, 'x', true), be);
        x = u.valToPos(xs[i]!, 'x', true);
        area.lineTo(x, y(v));
      }
      // Green above the line, red below: a gradient with a hard stop at the line.
      const stop = Math.min(1, Math.max(0, (be - top) / height));
      const tint = g.createLinearGradient(0, top, 0, top + height);
      tint.addColorStop(stop, withAlpha(p.green, 0.22));
      tint.addColorStop(stop, withAlpha(p.red, 0.22));
      g.fillStyle = tint;
      g.fill(area);
      // The band: power cost … breakeven (at least a pixel high).
      g.fillStyle = withAlpha(p.red, 0.3);
      g.fillRect(left, be, width, Math.max(r, y(o.powerCostPerPhDay) - be));
      g.strokeStyle = p.red;
      g.lineWidth = r * p.weight;
      g.setLineDash([6 * r, 4 * r]);
      g.beginPath();
      g.moveTo(left, be);
      g.lineTo(left + width, be);
      g.stroke();
      // The label, right-aligned above the line, on a plate of the background so the curves do not cross it.
      g.font = `${Math.round(p.fontSize * r)}px ${p.fontFamily}`;
      g.textAlign = 'right';
      g.textBaseline = 'bottom';
      const textWidth = g.measureText(o.label).width;
      const right = left + width - 6 * r;
      const base = be - 3 * r;
      g.fillStyle = withAlpha(p.background, 0.8);
      g.fillRect(right - textWidth - 4 * r, base - p.fontSize * r - 2 * r, textWidth + 8 * r, p.fontSize * r + 4 * r);
      g.fillStyle = p.red;
      g.fillText(o.label, right, base);
    },
  };
}
