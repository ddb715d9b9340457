// One trend chart: a uPlot instance in a card with its own HTML legend (toggle buttons that also show the
// value under the crosshair), a keyboard crosshair, a table alternative and PNG export. What it draws is
// described by a ChartDef (./definition.ts); this file knows nothing about hash rates. It owns the card and
// the chart's state; the uPlot options, legend, table, summary and image are built by the files next to it.

import { t } from '../../../core/l10n';
import uPlot from 'uplot';
import { nearestIndex } from '../../../core/history/slice';
import { formatDayLong } from '../../../core/format';
import { describeError } from '../../../core/errors';
import { h, replaceChildren, setText } from '../dom';
import { loadExtras, whenExtrasLoaded } from '../extras';
import type { Palette } from '../theme';
import type { ChartId } from '../viewState';
import type { ChartContext, ChartDef, ChartOverlay } from './definition';
import { keyboardCursorTarget } from './keyboard';
import { ChartLegend } from './legend';
import { emptyPlotData, fullXExtent, plotData, plotOptions, plotSeriesIndex, type PlotBinding } from './plotOptions';
import { chartDescriptionId } from './summary';

/** What a chart tells the section that owns it (the section keeps the charts in step). */
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

export class TrendChart {
  readonly card: HTMLElement;
  readonly #plotEl: HTMLDivElement;
  readonly #tableEl: HTMLDivElement;
  readonly #legend: ChartLegend;
  readonly #tableButton: HTMLButtonElement;
  readonly #dateEl: HTMLElement;
  readonly #noteEl: HTMLElement;
  /** The chart in words, visible beside the plot and its table (both point at it). */
  readonly #descriptionEl: HTMLElement;
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
    const descriptionId = chartDescriptionId(def.id);
    this.#dateEl = h('span', { class: 'chart-date', 'aria-hidden': 'true' });
    this.#legend = new ChartLegend(def, this.hidden, (id) => this.#toggleSeries(id));
    this.#tableButton = h(
      'button',
      {
        'aria-pressed': String(showTable),
        title: t('Show the data of the visible range as a table'),
        onclick: () => this.setTableView(!this.#showTable, true),
      },
      t('Table'),
    );
    const pngButton = h(
      'button',
      { title: t('Save {0} as a PNG image', def.title), onclick: () => host.onExportPng(this) },
      'PNG',
    );
    this.#plotEl = h('div', {
      class: 'plot',
      tabindex: '0',
      role: 'img',
      'aria-roledescription': 'chart',
      'aria-label': def.title,
      'data-loading': def.loadingLabel ?? t('Loading history…'),
      'aria-describedby': `${descriptionId} ${noteId}`,
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
      this.#legend.element,
      this.#plotEl,
      this.#tableEl,
      (this.#descriptionEl = h('p', { class: 'chart-description', id: descriptionId })),
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
    const size = { width: Math.max(200, this.#width || this.#plotEl.clientWidth || 600), height: this.#height() };
    // Empty: render() swaps the data in (both land in one uPlot commit, so one draw).
    this.#u = new uPlot(
      plotOptions(this.def, palette, log, size, this.#binding),
      emptyPlotData(this.def),
      this.#plotEl,
    );
    this.#legend.paint(palette);
    // The readout's date format is made now (milliseconds the first time), not when the data arrives.
    formatDayLong(0);
  }

  /** How the plot's options read this chart's state and report back to it. */
  readonly #binding: PlotBinding = {
    context: () => this.#ctx,
    overlay: () => this.#overlay,
    isHidden: (id) => this.hidden.has(id),
    onDraw: (u) => {
      const { min, max } = u.scales.x!;
      if (min !== undefined && max !== undefined) {
        this.#plotEl.dataset.xMin = String(Math.round(min));
        this.#plotEl.dataset.xMax = String(Math.round(max));
      }
      this.#host.onDrawn(this);
    },
    onCursor: (u) => this.#onCursor(u),
    onScaleX: (u) => {
      const { min, max } = u.scales.x!;
      const e = this.#expectedX;
      if (min === undefined || max === undefined || (e && Math.abs(e[0] - min) < 1 && Math.abs(e[1] - max) < 1)) return;
      // The user zoomed (drag) or reset (double-click) this chart.
      this.#expectedX = [min, max];
      this.#host.onZoom(this, min, max);
      this.#afterWindowChange();
    },
  };

  /** Draws `ctx`, swapping the data into the plot (recreated first if the palette or scale mode changed). */
  render(ctx: ChartContext, window: [number, number] | null): void {
    this.#ctx = ctx;
    const data = plotData(this.def, ctx);
    // The extent uPlot's x range gives the data, past the last day when a forecast is drawn there. Expecting
    // the last day instead took uPlot's own auto range for a user's zoom (a state write and a resync of
    // every chart on each draw).
    this.#expectedX = window ?? fullXExtent(ctx);
    this.prepare(ctx.palette, ctx.log);
    this.#u!.setData(data, true);
    // Applied in the same commit as the data: one draw.
    if (window) this.#u!.setScale('x', { min: window[0], max: window[1] });
    this.#lastIdx = undefined;
    this.#updateReadout(null);
    this.#describe();
    if (this.#showTable) this.#renderTable();
  }

  /** Draws the same data again (an overlay's numbers changed). */
  redraw(): void {
    if (this.#ctx && !this.#showTable) this.#u?.redraw(false);
  }

  /** Reads the plot's width (a layout): once at mount, then the ResizeObserver keeps it. */
  measure(): void {
    this.#width = this.#plotEl.clientWidth;
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
    this.#describe();
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
  // Crosshair readout, keyboard, legend toggles

  #onCursor(u: uPlot): void {
    const idx = this.#keyboardIdx ?? (u.cursor.idx === undefined ? null : u.cursor.idx);
    if (idx === this.#lastIdx) return;
    this.#lastIdx = idx;
    this.#updateReadout(idx);
  }

  /**
   * The legend is the crosshair's readout: every series' value on the hovered day (all charts follow the
   * same cursor), and under the title that day's date and events (a retarget, a halving, the reward split).
   * Not hovering: the newest values in view.
   */
  #updateReadout(idx: number | null): void {
    const ctx = this.#ctx;
    if (!ctx) return;
    const n = ctx.series.timeS.length;
    const at = idx ?? this.visibleIndices()?.[1] ?? n - 1;
    if (at < 0 || at >= n) return;
    const notes =
      idx === null || !this.#u
        ? []
        : [...(this.def.annotate?.(ctx, idx, this.#u) ?? []), ...(this.#overlay?.annotate(ctx, idx) ?? [])];
    setText(
      this.#dateEl,
      [
        idx === null ? t('Latest · {0}', formatDayLong(ctx.series.timeS[at]!)) : formatDayLong(ctx.series.timeS[at]!),
        ...notes,
      ].join(' · '),
    );
    this.#legend.showValues(ctx, at, idx === null);
  }

  /** Called for every chart when any chart's keyboard cursor moves. */
  showIndex(idx: number | null): void {
    const u = this.#u;
    if (!u || !this.#ctx) return;
    u.setCursor(
      idx === null
        ? { left: -10, top: -10 }
        : { left: u.valToPos(this.#ctx.series.timeS[idx]!, 'x'), top: u.over.clientHeight / 2 },
    );
  }

  /** Moves the crosshair of every chart (see ./keyboard.ts). */
  #onKey(e: KeyboardEvent): void {
    const range = this.visibleIndices();
    if (!range) return;
    const [first, last] = range;
    const next = keyboardCursorTarget(e.key, e.shiftKey, this.#keyboardIdx ?? last, first, last);
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
    const index = plotSeriesIndex(this.def, id);
    if (index > 0) this.#u?.setSeries(index, { show: visible });
    this.#legend.setShown(id, visible);
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

  /** The table is drawn by the extras script (loaded on first use), from the chart's state at that time. */
  #renderTable(): void {
    loadExtras().then(
      (extras) => {
        if (this.#showTable) extras.renderChartTable(this.#tableEl, this.def, this.#ctx, this.visibleIndices());
      },
      (error: unknown) => {
        if (this.#showTable)
          replaceChildren(
            this.#tableEl,
            h('p', { class: 'empty' }, t('The table view is not available: {0}.', describeError(error))),
          );
      },
    );
  }

  /**
   * Writes what the chart shows, in words, into the visible description and the plot's label — written by the
   * extras script (loaded after the charts' first paint), from the chart's state at that time.
   */
  #describe(): void {
    void whenExtrasLoaded().then((extras) => {
      const summary = extras.chartSummary(this.def, this.#ctx, this.visibleIndices(), this.hidden);
      setText(this.#descriptionEl, summary);
      this.#plotEl.setAttribute('aria-label', summary);
    });
  }

  /**
   * The chart with its title and legend on the theme background, as a PNG data URL (null: no plot shown),
   * drawn by the extras script (loaded on first use).
   */
  async toPng(): Promise<string | null> {
    const extras = await loadExtras();
    const u = this.#u;
    const ctx = this.#ctx;
    if (!u || !ctx || this.#showTable) return null;
    return extras.chartPng(this.def, u, ctx, this.hidden, this.visibleIndices(), uPlot.pxRatio);
  }
}
