// One trend chart: a uPlot instance in a card with its own HTML legend (toggle buttons that also show the
// value under the crosshair), a keyboard crosshair, a table alternative and PNG export. What it
// draws is described by a ChartDef (charts.ts); this file knows nothing about hash rates.

import uPlot from 'uplot';
import type { DerivedSeries } from '../../../core/history/derive';
import { nearestIndex } from '../../../core/history/slice';
import type { Currency } from '../../../core/model';
import type { HistoryDataset } from '../../../shared/protocol';
import { h, replaceChildren, setText } from '../dom';
import { formatDay, formatDayLong } from '../../format';
import { withAlpha, type Palette } from '../theme';
import { decadeSplits } from '../ticks';
import type { ChartId } from '../viewState';

export interface ChartContext {
  readonly currency: Currency;
  readonly dataset: HistoryDataset;
  readonly series: DerivedSeries;
  readonly log: boolean;
  readonly palette: Palette;
}

export interface SeriesDef {
  readonly id: string;
  readonly label: string;
  readonly kind: 'line' | 'dots' | 'step' | 'area';
  readonly scale: string;
  readonly color: (p: Palette) => string;
  readonly width?: number;
  readonly dash?: readonly number[];
  readonly values: (s: DerivedSeries) => readonly (number | null)[];
  /** Full-precision text for the legend and the table. */
  readonly format: (value: number, ctx: ChartContext) => string;
  /** Column title in the table view (with units). */
  readonly column: (ctx: ChartContext) => string;
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

export interface ChartDef {
  readonly id: ChartId;
  readonly title: string;
  readonly note: string;
  readonly height: number;
  readonly series: readonly SeriesDef[];
  readonly scales: readonly ScaleDef[];
  readonly axes: readonly AxisDef[];
  /** Extra drawing on top of the series (markers, reference lines), in canvas pixels. */
  readonly overlay?: (u: uPlot, ctx: ChartContext) => void;
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
  draw(u: uPlot, ctx: ChartContext): void;
  /** Extra lines for the hovered day's readout. */
  annotate(ctx: ChartContext, idx: number): string[];
}

export interface ChartHost {
  /** The x window changed by zoom or reset in this chart: apply it to the others. */
  onZoom(source: TrendChart, min: number, max: number): void;
  onDrawn(chart: TrendChart): void;
  /** The keyboard moved the crosshair to `idx` (null: cleared). */
  onKeyboardCursor(source: TrendChart, idx: number | null): void;
  onToggleSeries(chart: TrendChart, seriesId: string, visible: boolean): void;
  onToggleTable(chart: TrendChart, table: boolean): void;
  onExportPng(chart: TrendChart): void;
}

const SYNC_KEY = 'mining-economics';
const Y_AXIS_MIN = 40;

/** Daily estimates as small squares: thousands of them cost far less than arcs. */
function dotPaths(u: uPlot, seriesIdx: number, idx0: number, idx1: number): uPlot.Series.Paths | null {
  const xs = u.data[0];
  const ys = u.data[seriesIdx]!;
  const scaleKey = u.series[seriesIdx]!.scale!;
  const path = new Path2D();
  const size = Math.max(2, Math.min(4, (u.bbox.width / uPlot.pxRatio / Math.max(1, idx1 - idx0)) * 0.9)) * uPlot.pxRatio;
  const half = size / 2;
  // Dots that would land on an already drawn dot (dense ranges: ~6 days per pixel for ALL) are skipped:
  // a bitmap of half-dot cells over the canvas.
  const cols = Math.ceil(u.ctx.canvas.width / half) + 2;
  const drawn = new Uint8Array(cols * (Math.ceil(u.ctx.canvas.height / half) + 2));
  for (let i = idx0; i <= idx1; i++) {
    const y = ys[i];
    if (y == null) continue;
    const px = u.valToPos(xs[i]!, 'x', true);
    const py = u.valToPos(y, scaleKey, true);
    const cell = Math.round(py / half) * cols + Math.round(px / half);
    if (!(cell >= 0 && cell < drawn.length) || drawn[cell]) continue;
    drawn[cell] = 1;
    path.rect(px - half, py - half, size, size);
  }
  return { stroke: null, fill: path, clip: null, band: null, flags: 0 };
}

/**
 * Width of a y axis from its longest label: estimated at 0.62 em per character (tick labels are short
 * digits and units) instead of measured — measuring sets canvas fonts, which costs milliseconds per chart.
 */
function axisSize(self: uPlot, values: string[] | null, axisIdx: number, cycleNum: number): number {
  const axis = self.axes[axisIdx]!;
  // uPlot re-measures until sizes settle; after two cycles keep the size to avoid oscillation.
  if (cycleNum > 1) return (axis as unknown as { _size: number })._size;
  const chars = Math.max(0, ...(values ?? []).map((v) => (v ? v.length : 0)));
  // uPlot keeps the font as [canvas font, canvas px, CSS px].
  const cssPx = (axis.font as unknown as [string, number, number])[2];
  return Math.max(Y_AXIS_MIN, Math.ceil((axis.ticks?.size ?? 0) + (axis.gap ?? 0) + 8 + chars * cssPx * 0.62));
}

export class TrendChart {
  readonly card: HTMLElement;
  readonly #plotEl: HTMLDivElement;
  readonly #tableEl: HTMLDivElement;
  readonly #legend: { button: HTMLButtonElement; value: HTMLElement; swatch: HTMLElement; def: SeriesDef }[] = [];
  readonly #tableButton: HTMLButtonElement;
  readonly #dateEl: HTMLElement;
  readonly #noteEl: HTMLElement;
  #overlay: ChartOverlay | null = null;
  #u: uPlot | null = null;
  #ctx: ChartContext | null = null;
  #keyboardIdx: number | null = null;
  #lastIdx: number | null | undefined = undefined;
  /**
   * The x window this chart was last told to show. uPlot reports scale changes later (in a microtask), so
   * a change equal to this one is ours, not the user's: only the others are zooms to pass on.
   */
  #expectedX: [number, number] | null = null;
  /** Palette and scale mode the plot was created for. */
  #shape: { palette: Palette; log: boolean } | null = null;
  #width = 0;
  #resizeObserver: ResizeObserver;
  readonly hidden: Set<string>;

  readonly #host: ChartHost;
  #showTable: boolean;

  constructor(
    readonly def: ChartDef,
    host: ChartHost,
    hidden: readonly string[],
    showTable: boolean,
  ) {
    this.#host = host;
    this.#showTable = showTable;
    this.hidden = new Set(hidden);
    const titleId = `chart-${def.id}-title`;
    const noteId = `chart-${def.id}-note`;
    this.#dateEl = h('span', { class: 'chart-date', 'aria-hidden': 'true' });
    const legendEl = h('div', { class: 'legend', role: 'group', 'aria-label': `${def.title}: series` });
    for (const s of def.series) {
      const value = h('span', { class: 'legend-value' });
      const swatch = h('span', { class: `swatch swatch-${s.kind}`, 'aria-hidden': 'true' });
      const button = h(
        'button',
        {
          class: `legend-item kind-${s.kind}`,
          type: 'button',
          'aria-pressed': String(!this.hidden.has(s.id)),
          'data-series': s.id,
          title: `Show or hide ${s.label}`,
          onclick: () => this.#toggleSeries(s.id),
        },
        swatch,
        h('span', { class: 'legend-label' }, s.label),
        value,
      );
      this.#legend.push({ button, value, swatch, def: s });
      legendEl.appendChild(button);
    }
    this.#tableButton = h(
      'button',
      { 'aria-pressed': String(showTable), title: 'Show the data of the visible range as a table', onclick: () => this.setTableView(!this.#showTable, true) },
      'Table',
    );
    const pngButton = h('button', { title: `Save ${def.title} as a PNG image`, onclick: () => host.onExportPng(this) }, 'PNG');
    this.#plotEl = h('div', {
      class: 'plot',
      tabindex: '0',
      role: 'img',
      'aria-roledescription': 'chart',
      'aria-describedby': noteId,
      'data-chart': def.id,
    });
    this.#plotEl.addEventListener('keydown', (e) => this.#onKey(e));
    this.#plotEl.addEventListener('blur', () => this.#keyboardIdx !== null && this.#setKeyboardIdx(null));
    this.#tableEl = h('div', { class: 'table-view', hidden: !showTable, 'data-chart-table': def.id });
    this.card = h(
      'article',
      { class: `card chart-card chart-${def.id}`, 'aria-labelledby': titleId },
      h(
        'header',
        { class: 'card-header' },
        h('div', { class: 'card-title' }, h('h3', { id: titleId }, def.title), this.#dateEl),
        h('div', { class: 'card-actions' }, this.#tableButton, pngButton),
      ),
      legendEl,
      this.#plotEl,
      this.#tableEl,
      (this.#noteEl = h('p', { class: 'note', id: noteId }, def.note)),
    );
    this.#plotEl.hidden = showTable;
    this.#resizeObserver = new ResizeObserver(() => this.#resize());
    this.#resizeObserver.observe(this.#plotEl);
  }

  /** Sets (or with null removes) the overlay; takes effect with the next render. */
  setOverlay(overlay: ChartOverlay | null): void {
    this.#overlay = overlay;
    setText(this.#noteEl, overlay ? `${this.def.note} ${overlay.note}` : this.def.note);
  }

  get id(): ChartId {
    return this.def.id;
  }

  get plot(): uPlot | null {
    return this.#u;
  }

  get isTable(): boolean {
    return this.#showTable;
  }

  // -------------------------------------------------------------------------------------------------
  // Data and drawing

  /**
   * Creates the (empty) plot for a palette and scale mode — done when the page mounts, so that data only
   * has to be swapped in when it arrives. Does nothing if the plot already has that shape.
   */
  prepare(palette: Palette, log: boolean): void {
    if (this.#u && this.#shape?.palette === palette && this.#shape.log === log) return;
    this.#u?.destroy();
    this.#shape = { palette, log };
    if (!this.#width) this.measure();
    // Empty: render() swaps the data in (both land in one uPlot commit, so one draw).
    this.#u = new uPlot(this.#options(palette, log), [[], ...this.def.series.map(() => [])], this.#plotEl);
    // Swatches are coloured through the CSSOM (CSP allows it; style attributes it would not).
    for (const item of this.#legend) item.swatch.style.setProperty('--swatch', item.def.color(palette));
  }

  /** Draws `ctx`, swapping the data into the plot (recreated first if the palette or scale mode changed). */
  render(ctx: ChartContext, window: [number, number] | null): void {
    this.#ctx = ctx;
    const t = ctx.series.timeS;
    this.#expectedX = window ?? (t.length > 0 ? [t[0]!, t[t.length - 1]!] : null);
    this.prepare(ctx.palette, ctx.log);
    this.#u!.setData(this.#alignedData(ctx), true);
    // Applied in the same commit as the data: one draw.
    if (window) this.#u!.setScale('x', { min: window[0], max: window[1] });
    this.#lastIdx = undefined;
    this.#updateLegend(null);
    this.#plotEl.setAttribute('aria-label', this.summaryText());
    if (this.#showTable) this.#renderTable();
  }

  #alignedData(ctx: ChartContext): uPlot.AlignedData {
    const ys = this.def.series.map((s) => {
      const values = s.values(ctx.series) as (number | null)[];
      // A log axis cannot place 0 or negatives: they become gaps (copied only if there are any).
      if (ctx.log && this.def.scales.find((sc) => sc.key === s.scale)?.logCapable && values.some((v) => v !== null && v <= 0)) {
        return values.map((v) => (v !== null && v > 0 ? v : null));
      }
      return values;
    });
    return [ctx.series.timeS as number[], ...ys];
  }

  /** Reads the plot's width (a layout): once at mount, then the ResizeObserver keeps it. */
  measure(): void {
    this.#width = this.#plotEl.clientWidth;
  }

  #options(p: Palette, logScale: boolean): uPlot.Options {
    const font = `${p.fontSize}px ${p.fontFamily}`;
    const scales: uPlot.Scales = { x: { time: true } };
    for (const sc of this.def.scales) {
      const log = logScale && sc.logCapable;
      scales[sc.key] = {
        distr: log ? 3 : 1,
        log: 10,
        range: (_u, min, max) => {
          if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [log ? 1 : 0, log ? 10 : 1];
          const base: [number, number] = log
            ? (uPlot.rangeLog(min, max, 10, false) as [number, number])
            : (uPlot.rangeNum(min, max, 0.1, true) as [number, number]);
          const r = sc.range ? sc.range(base[0], base[1], log) : base;
          return this.#overlay && this.#ctx ? this.#overlay.range(sc.key, r[0], r[1], this.#ctx) : r;
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
      ...this.def.axes.map(
        (a): uPlot.Axis => ({
          ...axisCommon,
          scale: a.scale,
          side: a.side === 'left' ? 3 : 1,
          grid: a.grid ? axisCommon.grid : { show: false },
          ticks: a.grid ? axisCommon.ticks : { ...axisCommon.ticks, show: true },
          space: 36,
          size: axisSize,
          values: (_u, splits) => splits.map((v) => (v == null || !this.#ctx ? '' : a.format(v, this.#ctx))),
          ...this.#axisSplits(a, logScale),
        }),
      ),
    ];
    const series: uPlot.Series[] = [
      {},
      ...this.def.series.map((s): uPlot.Series => {
        const color = s.color(p);
        const width = (s.width ?? 1.5) * p.weight;
        const base: uPlot.Series = {
          label: s.label,
          scale: s.scale,
          show: !this.hidden.has(s.id),
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
        if (s.kind === 'step') return { ...base, paths: uPlot.paths.stepped!({ align: 1 }) };
        if (s.kind === 'area') return { ...base, fill: withAlpha(color, p.weight > 1 ? 0.25 : 0.12) };
        return base;
      }),
    ];
    const hooks: uPlot.Hooks.Arrays = {
      draw: [
        (u) => {
          if ((this.def.overlay || this.#overlay) && this.#ctx) {
            u.ctx.save();
            u.ctx.beginPath();
            u.ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
            u.ctx.clip();
            this.def.overlay?.(u, this.#ctx);
            this.#overlay?.draw(u, this.#ctx);
            u.ctx.restore();
          }
          const { min, max } = u.scales.x!;
          if (min !== undefined && max !== undefined) {
            this.#plotEl.dataset.xMin = String(Math.round(min));
            this.#plotEl.dataset.xMax = String(Math.round(max));
          }
          this.#host.onDrawn(this);
        },
      ],
      setCursor: [(u) => this.#onCursor(u)],
      setScale: [
        (u, key) => {
          if (key !== 'x') return;
          const { min, max } = u.scales.x!;
          const e = this.#expectedX;
          if (min === undefined || max === undefined || (e && Math.abs(e[0] - min) < 1 && Math.abs(e[1] - max) < 1)) return;
          // The user zoomed (drag) or reset (double-click) this chart.
          this.#expectedX = [min, max];
          this.#host.onZoom(this, min, max);
          this.#afterWindowChange();
        },
      ],
    };
    const opts: uPlot.Options = {
      width: Math.max(200, this.#width || this.#plotEl.clientWidth || 600),
      height: this.#height(),
      // Days are UTC days: show UTC wall time (uPlot formats Dates in local time). Cheaper than uPlot.tzDate.
      tzDate: (ts) => {
        const d = new Date(ts * 1000);
        return new Date(d.getTime() + d.getTimezoneOffset() * 60_000);
      },
      legend: { show: false },
      cursor: {
        sync: { key: SYNC_KEY, setSeries: false, scales: ['x', null] },
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
    return opts;
  }

  #axisSplits(a: AxisDef, logScale: boolean): Partial<uPlot.Axis> {
    const log = logScale && this.def.scales.find((sc) => sc.key === a.scale)?.logCapable === true;
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

  #height(): number {
    const width = this.#width || this.#plotEl.clientWidth || 600;
    return Math.round(Math.max(180, Math.min(this.def.height, width * 0.55)));
  }

  #resize(): void {
    if (!this.#u || this.#plotEl.hidden) return;
    this.#width = this.#plotEl.clientWidth;
    const width = Math.max(200, this.#width);
    const height = this.#height();
    if (width !== this.#u.width || height !== this.#u.height) this.#u.setSize({ width, height });
  }

  /** Shows [min, max] (a zoom made in another chart) without echoing it back. */
  setWindow(min: number, max: number): void {
    if (!this.#u) return;
    const e = this.#expectedX;
    if (e && e[0] === min && e[1] === max) return;
    this.#expectedX = [min, max];
    this.#u.setScale('x', { min, max });
    this.#afterWindowChange();
  }

  #afterWindowChange(): void {
    if (this.#showTable) this.#renderTable();
    this.#plotEl.setAttribute('aria-label', this.summaryText());
  }

  /** Inclusive index bounds of the days in view. */
  visibleIndices(): [number, number] | null {
    const ctx = this.#ctx;
    if (!ctx || ctx.series.timeS.length === 0) return null;
    const t = ctx.series.timeS;
    const [min, max] = this.#expectedX ?? [t[0]!, t[t.length - 1]!];
    let first = nearestIndex(t, min);
    let last = nearestIndex(t, max);
    if (t[first]! < min - 1) first++;
    if (t[last]! > max + 1) last--;
    return first <= last ? [first, last] : null;
  }

  destroy(): void {
    this.#resizeObserver.disconnect();
    this.#u?.destroy();
    this.#u = null;
  }

  // -------------------------------------------------------------------------------------------------
  // Legend readout, keyboard

  #onCursor(u: uPlot): void {
    const idx = this.#keyboardIdx ?? (u.cursor.idx === undefined ? null : u.cursor.idx);
    if (idx === this.#lastIdx) return;
    this.#lastIdx = idx;
    this.#updateLegend(idx);
  }

  /**
   * The legend is the crosshair's readout: every series' value on the hovered day (all charts follow the
   * same cursor), and under the title that day's date and events (a retarget, a halving, the reward split).
   * Not hovering: the newest values in view.
   */
  #updateLegend(idx: number | null): void {
    const ctx = this.#ctx;
    if (!ctx) return;
    const n = ctx.series.timeS.length;
    const at = idx ?? this.visibleIndices()?.[1] ?? n - 1;
    if (at < 0 || at >= n) return;
    const notes = idx === null || !this.#u ? [] : [...(this.def.annotate?.(ctx, idx, this.#u) ?? []), ...(this.#overlay?.annotate(ctx, idx) ?? [])];
    setText(this.#dateEl, [`${idx === null ? 'Latest · ' : ''}${formatDayLong(ctx.series.timeS[at]!)}`, ...notes].join(' · '));
    for (const item of this.#legend) {
      let i = at;
      const values = item.def.values(ctx.series);
      // Not hovering: walk back to the last day that has this series (today may be incomplete).
      if (idx === null) while (i > 0 && values[i] == null) i--;
      const v = values[i];
      setText(item.value, v == null ? '—' : item.def.format(v, ctx));
    }
  }

  /** Called for every chart when any chart's keyboard cursor moves. */
  showIndex(idx: number | null): void {
    const u = this.#u;
    if (!u || !this.#ctx) return;
    u.setCursor(idx === null ? { left: -10, top: -10 } : { left: u.valToPos(this.#ctx.series.timeS[idx]!, 'x'), top: u.over.clientHeight / 2 });
  }

  /** ← → (Shift: a week), Home, End move the crosshair of every chart; Escape clears it. */
  #onKey(e: KeyboardEvent): void {
    const range = this.visibleIndices();
    if (!range) return;
    const [first, last] = range;
    const current = this.#keyboardIdx ?? last;
    const step = e.shiftKey ? 7 : 1;
    const next = { ArrowLeft: Math.max(first, current - step), ArrowRight: Math.min(last, current + step), Home: first, End: last, Escape: null }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this.#setKeyboardIdx(next);
  }

  #setKeyboardIdx(idx: number | null): void {
    this.#keyboardIdx = idx;
    this.#host.onKeyboardCursor(this, idx);
  }

  #toggleSeries(id: string): void {
    const visible = this.hidden.has(id);
    if (visible) this.hidden.delete(id);
    else this.hidden.add(id);
    const index = this.def.series.findIndex((s) => s.id === id);
    this.#u?.setSeries(index + 1, { show: visible });
    const item = this.#legend[index];
    item?.button.setAttribute('aria-pressed', String(visible));
    this.#host.onToggleSeries(this, id, visible);
  }

  // -------------------------------------------------------------------------------------------------
  // Table view, summary, PNG

  setTableView(table: boolean, notify: boolean): void {
    this.#showTable = table;
    this.#tableButton.setAttribute('aria-pressed', String(table));
    this.#tableEl.hidden = !table;
    this.#plotEl.hidden = table;
    if (table) this.#renderTable();
    else {
      this.#tableEl.replaceChildren();
      this.#resize();
    }
    if (notify) this.#host.onToggleTable(this, table);
  }

  #renderTable(): void {
    const ctx = this.#ctx;
    const range = this.visibleIndices();
    if (!ctx || !range) {
      replaceChildren(this.#tableEl, h('p', { class: 'empty' }, 'No data in view.'));
      return;
    }
    const [first, last] = range;
    const head = h('tr', {}, h('th', { scope: 'col' }, 'Date (UTC)'), ...this.def.series.map((s) => h('th', { scope: 'col' }, s.column(ctx))));
    const body = document.createElement('tbody');
    const columns = this.def.series.map((s) => s.values(ctx.series));
    for (let i = last; i >= first; i--) {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = new Date(ctx.series.timeS[i]! * 1000).toISOString().slice(0, 10);
      tr.appendChild(th);
      for (let c = 0; c < columns.length; c++) {
        const td = document.createElement('td');
        const v = columns[c]![i] ?? null;
        td.textContent = v === null ? '—' : this.def.series[c]!.format(v, ctx);
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    const table = h(
      'table',
      {},
      h('caption', {}, `${this.def.title}: ${last - first + 1} days, newest first`),
      h('thead', {}, head),
      body,
    );
    replaceChildren(this.#tableEl, table);
  }

  /** What the chart shows, in words (its accessible label): each visible series from the first to the last day in view. */
  summaryText(): string {
    const ctx = this.#ctx;
    const range = this.visibleIndices();
    if (!ctx || !range) return `${this.def.title}: no data`;
    const [first, last] = range;
    const parts = this.def.series
      .filter((s) => !this.hidden.has(s.id))
      .map((s) => {
        const values = s.values(ctx.series);
        let a = first;
        let b = last;
        while (a < last && values[a] == null) a++;
        while (b > first && values[b] == null) b--;
        const text = (i: number): string => (values[i] == null ? 'no data' : s.format(values[i]!, ctx));
        return `${s.label} from ${text(a)} to ${text(b)}`;
      });
    const t = ctx.series.timeS;
    return `${this.def.title}, ${formatDay(t[first]!)} to ${formatDay(t[last]!)}: ${parts.join('; ')}.`;
  }

  /** The chart with its title and legend on the theme background, as a PNG data URL. */
  toPng(): string | null {
    const u = this.#u;
    const ctx = this.#ctx;
    if (!u || !ctx || this.#showTable) return null;
    const p = ctx.palette;
    const ratio = uPlot.pxRatio;
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
    g.fillText(this.def.title, pad, pad);
    g.font = `${Math.round(12 * ratio)}px ${p.fontFamily}`;
    let x = pad;
    const y = pad + Math.round(24 * ratio);
    for (const s of this.def.series) {
      if (this.hidden.has(s.id)) continue;
      g.fillStyle = s.color(p);
      g.fillRect(x, y + 3 * ratio, 12 * ratio, 4 * ratio);
      x += 16 * ratio;
      g.fillStyle = p.foreground;
      g.fillText(s.label, x, y);
      x += g.measureText(s.label).width + 16 * ratio;
    }
    g.drawImage(source, pad, headerH);
    g.fillStyle = p.muted;
    g.font = `${Math.round(11 * ratio)}px ${p.fontFamily}`;
    const t = ctx.series.timeS;
    const range = this.visibleIndices();
    const span = range ? `${new Date(t[range[0]]! * 1000).toISOString().slice(0, 10)} – ${new Date(t[range[1]]! * 1000).toISOString().slice(0, 10)}` : '';
    g.fillText(`Source: ${ctx.dataset.sourceHost} · ${span} · Mining Economics`, pad, headerH + source.height + Math.round(8 * ratio));
    return canvas.toDataURL('image/png');
  }
}
