// What a trend chart draws, declared as data (the trend charts are in src/webview/trends/chartDefs.ts), and
// the interfaces between a chart and what surrounds it: the section hosting it and overlays from other
// scripts. Series are addressed by their id everywhere; uPlot's positional index stays inside ./plotOptions.ts.

import type uPlot from 'uplot';
import type { DerivedSeries } from '../../../core/history/derive';
import type { Currency } from '../../../core/model';
import type { HistoryDataset, KeyFigures } from '../../../shared/protocol';
import type { Palette } from '../theme';
import type { ChartId } from '../viewState';

export interface ChartContext {
  readonly currency: Currency;
  readonly dataset: HistoryDataset;
  readonly series: DerivedSeries;
  readonly log: boolean;
  readonly palette: Palette;
  /**
   * The x axis reaches this time (Unix s) past the last day, for a forecast drawn there (the next
   * retarget's fan); null: it ends with the data. Every chart gets the same, so they stay aligned.
   */
  readonly extendToS: number | null;
  /** The newest key figures (the forecast's numbers), read at draw time. */
  readonly figures: () => KeyFigures | null;
}

export interface SeriesDef {
  /** Stable: kept in the view state (hidden series) and in the legend's data-series attribute. */
  readonly id: string;
  /** A function when the label depends on the data (a band's confidence level); null: no data yet. */
  readonly label: string | ((ctx: ChartContext | null) => string);
  /** 'band': filled between `lower` and `values` (the upper edge), drawn under the series after it. */
  readonly kind: 'line' | 'dots' | 'step' | 'area' | 'band';
  readonly scale: string;
  readonly color: (p: Palette) => string;
  readonly width?: number;
  readonly dash?: readonly number[];
  readonly values: (s: DerivedSeries) => readonly (number | null)[];
  /** Full-precision text for the legend and the table. */
  readonly format: (value: number, ctx: ChartContext) => string;
  /** Column title in the table view (with units). */
  readonly column: (ctx: ChartContext) => string;
  /**
   * kind 'band': the lower edge, with its own table column (placed before the upper one) and the text of
   * both edges for the legend and the summary (one unit for both).
   */
  readonly lower?: {
    readonly values: (s: DerivedSeries) => readonly (number | null)[];
    readonly column: (ctx: ChartContext) => string;
    readonly range: (low: number, high: number, ctx: ChartContext) => string;
  };
}

export function seriesLabel(s: SeriesDef, ctx: ChartContext | null): string {
  return typeof s.label === 'string' ? s.label : s.label(ctx);
}

/** A series' value on day i as the legend, summary and readout show it (both edges for a band); null: none. */
export function seriesValueText(s: SeriesDef, ctx: ChartContext, i: number): string | null {
  const v = s.values(ctx.series)[i];
  if (v === null || v === undefined) return null;
  if (!s.lower) return s.format(v, ctx);
  const low = s.lower.values(ctx.series)[i];
  return low === null || low === undefined ? null : s.lower.range(low, v, ctx);
}

export interface ScaleDef {
  readonly key: string;
  /** Follows the log toggle (otherwise always linear). */
  readonly logCapable: boolean;
  /** Adjusts the auto range, e.g. to keep a reference line in view. */
  readonly range?: (min: number, max: number, log: boolean) => [number, number];
}

export interface AxisDef {
  readonly scale: string;
  readonly side: 'left' | 'right';
  readonly grid: boolean;
  readonly format: (value: number, ctx: ChartContext) => string;
  /** Tick positions in scale units, when the axis reads the scale in other units (difficulty on H/s). */
  readonly splits?: (min: number, max: number, log: boolean, heightPx: number) => number[];
}

/** A series of the drawn plot, found by its SeriesDef id (null: the chart has no such series). */
export type PlotSeriesById = (
  id: string,
) => { readonly shown: boolean; readonly values: ArrayLike<number | null | undefined> } | null;

export interface ChartDef {
  readonly id: ChartId;
  readonly title: string;
  readonly note: string;
  readonly height: number;
  readonly series: readonly SeriesDef[];
  readonly scales: readonly ScaleDef[];
  readonly axes: readonly AxisDef[];
  /**
   * The group of charts that share the cursor and the x window (uPlot's sync key; default: the trends'). The
   * page's scripts draw with one uPlot, whose sync groups are page-wide: each section keeps its own.
   */
  readonly sync?: string;
  /** What the empty plot says until its first data (default: "Loading history…"). */
  readonly loadingLabel?: string;
  /** Extra drawing on top of the series (markers, reference lines), in canvas pixels. */
  readonly overlay?: (u: uPlot, ctx: ChartContext, series: PlotSeriesById) => void;
  /** Events of the hovered day for the readout (a retarget, a halving). */
  readonly annotate?: (ctx: ChartContext, idx: number, u: uPlot) => string[];
}

/**
 * Drawn over a chart by another script on the page: the P&L script's breakeven band on the hashprice chart
 * (src/webview/pnl/overlay.ts). The chart keeps it across data, theme and range changes.
 */
export interface ChartOverlay {
  /** Appended to the chart's note: what the overlay shows. */
  readonly note: string;
  /** Widens a scale's auto range (to keep the overlay in view). */
  range(scale: string, min: number, max: number, ctx: ChartContext): [number, number];
  /** Called after the chart's own overlay, clipped to the plot area, in canvas pixels. */
  draw(u: uPlot, ctx: ChartContext, series: PlotSeriesById): void;
  /** Extra lines for the hovered day's readout. */
  annotate(ctx: ChartContext, idx: number): string[];
}
