// A chart as an image to save: the plot's canvas with the title, the shown series' keys and the source
// line, on the theme background.

// Type only: this file is in the extras script, which must not carry a second uPlot.
import type uPlot from 'uplot';
import { isoDay } from '../../../core/format';
import { seriesLabel, type ChartContext, type ChartDef } from './definition';

/**
 * A PNG data URL of `u` (the chart's plot) with its title and legend; `range` is the days in view, `ratio`
 * uPlot's pixel ratio (`uPlot.pxRatio`, passed in for the reason above).
 */
export function chartPng(
  def: ChartDef,
  u: uPlot,
  ctx: ChartContext,
  hidden: ReadonlySet<string>,
  range: [number, number] | null,
  ratio: number,
): string {
  const p = ctx.palette;
  const source = u.ctx.canvas;
  const headerH = Math.round(54 * ratio);
  const canvas = document.createElement('canvas');
  canvas.width = source.width + Math.round(24 * ratio);
  canvas.height = source.height + headerH + Math.round(30 * ratio);
  const g = canvas.getContext('2d')!;
  g.fillStyle = p.background;
  g.fillRect(0, 0, canvas.width, canvas.height);
  const pad = Math.round(12 * ratio);
  g.fillStyle = p.foreground;
  g.font = `600 ${Math.round(15 * ratio)}px ${p.fontFamily}`;
  g.textBaseline = 'top';
  g.fillText(def.title, pad, pad);
  g.font = `${Math.round(12 * ratio)}px ${p.fontFamily}`;
  let x = pad;
  const y = pad + Math.round(24 * ratio);
  for (const s of def.series) {
    if (hidden.has(s.id)) continue;
    g.fillStyle = s.color(p);
    g.fillRect(x, y + 3 * ratio, 12 * ratio, 4 * ratio);
    x += 16 * ratio;
    g.fillStyle = p.foreground;
    const label = seriesLabel(s, ctx);
    g.fillText(label, x, y);
    x += g.measureText(label).width + 16 * ratio;
  }
  g.drawImage(source, pad, headerH);
  g.fillStyle = p.muted;
  g.font = `${Math.round(11 * ratio)}px ${p.fontFamily}`;
  const t = ctx.series.timeS;
  const span = range ? `${isoDay(t[range[0]]!)} – ${isoDay(t[range[1]]!)}` : '';
  g.fillText(
    `Source: ${ctx.dataset.sourceHost} · ${span} · Mining Economics`,
    pad,
    headerH + source.height + Math.round(8 * ratio),
  );
  return canvas.toDataURL('image/png');
}
