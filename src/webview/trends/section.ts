// The network trends section of the panel: key figures, range and scale controls (toolbar.ts), the three synced trend charts,
// the retarget table, and the exports. It reacts to host messages and reports user intent back.

import { t } from '../../core/l10n';
import { SECONDS_PER_DAY } from '../../core/constants';
import { deriveSeries, type DerivedSeries, type Ma7BandFactors } from '../../core/history/derive';
import type { HistoryDataset, HostMessage, KeyFigures, RangeId, WebviewMessage } from '../../shared/protocol';
import type { ChartContext, ChartOverlay } from '../common/chart/definition';
import { TrendChart, type ChartHost } from '../common/chart/trendChart';
import { h, replaceChildren } from '../common/dom';
import { describeError } from '../../core/errors';
import { isoDay } from '../../core/format';
import { readPalette, samePalette, type Palette } from '../common/theme';
import { isLogScale, type ChartId, type ViewState } from '../common/viewState';
import type { AdjustmentsTable } from './adjustments';
import { CHARTS } from './chartDefs';
import { fanExtentS } from './chartOverlays';
import { whenTrendsExtrasLoaded } from './extrasParts';
import { renderKeyFigurePlaceholders } from './keyFigureCards';
import { noticeContent, type RangeLoad } from './notice';
import { createToolbar, type Toolbar } from './toolbar';

export interface SectionHost {
  post(message: WebviewMessage): void;
  state(): ViewState;
  update(patch: Partial<ViewState>): void;
  /** Short-lived confirmation for the user ("Saved …"). */
  announce(text: string, kind: 'info' | 'error'): void;
}

/** Fired on window after every chart has drawn a new dataset (tests and the benchmark wait for it). */
export const DRAWN_EVENT = 'mining-economics:drawn';

export class TrendsSection implements ChartHost {
  readonly element: HTMLElement;
  readonly #kpiEl: HTMLElement;
  #chartsEl!: HTMLElement;
  readonly #noticeEl: HTMLElement;
  readonly #toolbar: Toolbar;
  readonly #charts: TrendChart[];
  /** Made by the extras script on first use, in the slot below the charts. */
  #adjustments: AdjustmentsTable | null = null;
  readonly #adjustmentsSlot: HTMLElement;
  readonly #datasets = new Map<RangeId, { dataset: HistoryDataset; series: DerivedSeries }>();
  readonly #loadState = new Map<RangeId, RangeLoad>();
  #figures: KeyFigures | null = null;
  /** One Cancel button for a node fill: the notice is redrawn at every chunk, the button must stay clickable. */
  #cancelButton: HTMLButtonElement | null = null;
  /** The 7-day band's multipliers at settings.confidenceLevel, from the host's status (null: none yet). */
  #band: Ma7BandFactors | null = null;
  /** The x axis' end the charts were last drawn with (the next retarget's fan). */
  #extendToS: number | null = null;
  #palette: Palette;
  #shown: { dataset: HistoryDataset } | null = null;
  #generation = 0;
  #pendingDraw = new Set<ChartId>();
  #drawStartedAt = 0;
  #saveCounter = 0;

  readonly #host: SectionHost;

  constructor(host: SectionHost) {
    this.#host = host;
    const state = host.state();
    this.#palette = readPalette();
    this.#kpiEl = h('div', { class: 'kpis', role: 'list', 'aria-label': t('Key figures') });
    renderKeyFigurePlaceholders(this.#kpiEl);

    this.#toolbar = createToolbar(state, {
      range: () => this.#host.state().range,
      selectRange: (range) => this.#selectRange(range),
      toggleLog: () => this.#toggleLog(),
      exportCsv: () => this.#exportCsv(),
    });
    this.#noticeEl = h('div', { class: 'notice', role: 'status', 'aria-live': 'polite', hidden: true });

    this.#charts = CHARTS.map(
      (def) => new TrendChart(def, this, state.hidden[def.id] ?? [], state.tables.includes(def.id)),
    );
    // What the charts draw over their series comes with the extras script: draw it once that has loaded.
    void whenTrendsExtrasLoaded().then(() => {
      for (const chart of this.#charts) chart.redraw();
    });
    this.element = h(
      'section',
      { class: 'section', id: 'section-network', 'aria-label': t('Network trends') },
      this.#kpiEl,
      this.#toolbar.element,
      this.#noticeEl,
      (this.#chartsEl = h('div', { class: 'charts' }, ...this.#charts.map((c) => c.card))),
      (this.#adjustmentsSlot = h('div', { class: 'adjustments-slot' })),
    );
    for (const chart of this.#charts) chart.card.classList.add('is-empty');
  }

  // -------------------------------------------------------------------------------------------------
  // Host messages

  handle(message: HostMessage): boolean {
    switch (message.type) {
      case 'figures':
        this.#figures = message.figures;
        this.#renderFigures();
        this.#updateFan();
        return true;
      case 'history':
        this.#onHistory(message.dataset);
        return true;
      case 'historyState':
        this.#loadState.set(message.range, {
          state: message.state,
          message: message.message,
          progress: message.progress,
        });
        this.#renderNotice();
        return true;
      default:
        return false;
    }
  }

  /** Another script draws over a chart (the P&L's breakeven band): redrawn at once if data is shown. */
  setOverlay(id: ChartId, overlay: ChartOverlay | null): void {
    this.#charts.find((c) => c.id === id)?.setOverlay(overlay);
    if (this.#shown) this.#show();
  }

  /** In the document: create the (empty) plots now, so arriving data only has to be drawn. */
  mounted(): void {
    const log = isLogScale(this.#host.state());
    for (const chart of this.#charts) chart.measure();
    for (const chart of this.#charts) chart.prepare(this.#palette, log);
  }

  /** The band's level changed (the host's status carries it, so this is called with every status). */
  setBand(band: Ma7BandFactors): void {
    if (this.#band && JSON.stringify(band) === JSON.stringify(this.#band)) return;
    this.#band = band;
    for (const [range, entry] of this.#datasets)
      this.#datasets.set(range, { dataset: entry.dataset, series: deriveSeries(entry.dataset, band) });
    if (this.#shown) {
      this.#generation++;
      this.#drawStartedAt = performance.now();
      this.#show();
    }
  }

  /** New key figures: the fan moves; the axis is laid out again only if its end moved to another day. */
  #updateFan(): void {
    const entry = this.#datasets.get(this.#host.state().range);
    if (!this.#shown || !entry) return;
    if (fanExtentS(entry, this.#figures) !== this.#extendToS) this.#show();
    else this.#charts.find((c) => c.id === 'hashrate')?.redraw();
  }

  /** Re-renders what depends on the clock ("in 3 d 4 h"). */
  tick(): void {
    this.#renderFigures();
  }

  /** Key figures are drawn by the extras script, which the page loads after the charts' first paint. */
  #renderFigures(): void {
    void whenTrendsExtrasLoaded().then((extras) => extras.renderKeyFigures(this.#kpiEl, this.#figures, Date.now()));
  }

  #onHistory(dataset: HistoryDataset): void {
    this.#generation++;
    this.#drawStartedAt = performance.now();
    this.#datasets.set(dataset.range, { dataset, series: deriveSeries(dataset, this.#band) });
    if (dataset.range === this.#host.state().range) this.#show();
    this.#renderNotice();
  }

  /** Draws the current range's dataset (if it is here). */
  #show(): void {
    const state = this.#host.state();
    const entry = this.#datasets.get(state.range);
    const log = isLogScale(state);
    this.#toolbar.logButton.setAttribute('aria-pressed', String(log));
    // Until the chosen range arrives, the charts still show the previous one: dimmed.
    this.#chartsEl.classList.toggle('is-waiting', !entry);
    if (!entry) {
      this.#renderNotice();
      return;
    }
    const sameRange = this.#shown?.dataset.range === entry.dataset.range;
    this.#shown = { dataset: entry.dataset };
    this.#extendToS = fanExtentS(entry, this.#figures);
    const ctx: ChartContext = {
      currency: entry.dataset.currency,
      dataset: entry.dataset,
      series: entry.series,
      log,
      palette: this.#palette,
      extendToS: this.#extendToS,
      figures: () => this.#figures,
    };
    const zoom =
      state.zoom && state.zoom.range === state.range ? ([state.zoom.fromS, state.zoom.toS] as [number, number]) : null;
    // A refresh of the range keeps the user's zoom; a new range starts from its full extent.
    if (!sameRange && state.zoom && state.zoom.range !== state.range) this.#host.update({ zoom: null });
    this.#pendingDraw = new Set(this.#charts.filter((c) => !c.isTable).map((c) => c.id));
    this.#drawStartedAt ||= performance.now();
    for (const chart of this.#charts) {
      chart.card.classList.remove('is-empty');
      chart.render(ctx, zoom);
    }
    if (this.#pendingDraw.size === 0) this.#allDrawn();
    this.#scheduleAdjustments();
  }

  #adjustmentsTimer: ReturnType<typeof setTimeout> | undefined;

  /** The retarget table is secondary: it is built after the charts have drawn (and once per burst). */
  #scheduleAdjustments(): void {
    clearTimeout(this.#adjustmentsTimer);
    this.#adjustmentsTimer = setTimeout(() => this.#renderAdjustments(), 0);
  }

  /** The table is made by the extras script (loaded after the charts' first paint), from the state of then. */
  #renderAdjustments(): void {
    if (!this.#shown) return;
    void whenTrendsExtrasLoaded().then((extras) => {
      const entry = this.#shown;
      const window = this.#window();
      if (!entry || !window) return;
      if (!this.#adjustments) {
        this.#adjustments = new extras.AdjustmentsTable(this.#host.state().sort, (sort) => this.#host.update({ sort }));
        this.#adjustmentsSlot.append(this.#adjustments.card);
      }
      // Whole days: the last day in view includes its retargets.
      this.#adjustments.render(entry.dataset.adjustments, window[0], window[1] + SECONDS_PER_DAY - 1);
    });
  }

  /** The days in view (all charts share them), as [first, last] UTC-day times. */
  #window(): [number, number] | null {
    const range = this.#charts[0]!.visibleIndices();
    const t = this.#shown?.dataset.days.timeS;
    return range && t ? [t[range[0]]!, t[range[1]]!] : null;
  }

  #renderNotice(): void {
    const range = this.#host.state().range;
    const { kind, parts } = noticeContent(
      range,
      this.#loadState.get(range),
      this.#datasets.get(range)?.dataset,
      () =>
        (this.#cancelButton ??= h(
          'button',
          {
            type: 'button',
            onclick: () => this.#host.post({ type: 'cancelHistory', range: this.#host.state().range }),
          },
          t('Cancel'),
        )),
    );
    this.#noticeEl.hidden = parts.length === 0;
    this.#noticeEl.className = `notice notice-${kind}`;
    replaceChildren(this.#noticeEl, ...parts);
  }

  // -------------------------------------------------------------------------------------------------
  // Controls

  #selectRange(range: RangeId): void {
    if (range === this.#host.state().range) return;
    this.#host.update({ range, zoom: null });
    for (const [r, button] of this.#toolbar.rangeButtons) {
      button.setAttribute('aria-checked', String(r === range));
      button.tabIndex = r === range ? 0 : -1;
    }
    this.#host.post({ type: 'selectRange', range });
    this.#generation++;
    this.#drawStartedAt = performance.now();
    this.#show();
  }

  #toggleLog(): void {
    const state = this.#host.state();
    this.#host.update({ scale: isLogScale(state) ? 'linear' : 'log' });
    this.#show();
  }

  #exportCsv(): void {
    const window = this.#window();
    if (!this.#shown || !window) {
      this.#host.announce(t('Nothing to export yet.'), 'error');
      return;
    }
    // Whole days, exactly those the charts and tables show.
    this.#host.post({
      type: 'exportCsv',
      requestId: this.#nextRequestId(),
      range: this.#shown.dataset.range,
      fromS: window[0],
      toS: window[1],
    });
  }

  #nextRequestId(): string {
    return `export-${++this.#saveCounter}`;
  }

  /** The theme changed: redraw with the new colours (only if they really changed). */
  onTheme(): void {
    const next = readPalette();
    if (samePalette(next, this.#palette)) return;
    this.#palette = next;
    this.#generation++;
    this.#drawStartedAt = performance.now();
    this.#show();
  }

  // -------------------------------------------------------------------------------------------------
  // ChartHost

  onZoom(source: TrendChart, min: number, max: number): void {
    for (const chart of this.#charts) if (chart !== source) chart.setWindow(min, max);
    const t = this.#shown?.dataset.days.timeS;
    const full = !t || t.length === 0 || (min <= t[0]! && max >= t[t.length - 1]!);
    const range = this.#host.state().range;
    this.#host.update({ zoom: full ? null : { range, fromS: min, toS: max } });
    this.#scheduleAdjustments();
  }

  onDrawn(chart: TrendChart): void {
    if (!this.#pendingDraw.delete(chart.id) || this.#pendingDraw.size > 0) return;
    this.#allDrawn();
  }

  #allDrawn(): void {
    const ms = this.#drawStartedAt ? performance.now() - this.#drawStartedAt : 0;
    this.#drawStartedAt = 0;
    document.body.dataset.drawn = String(this.#generation);
    document.body.dataset.drawnRange = this.#host.state().range;
    window.dispatchEvent(
      new CustomEvent(DRAWN_EVENT, { detail: { generation: this.#generation, ms, range: this.#host.state().range } }),
    );
  }

  onKeyboardCursor(_source: TrendChart, idx: number | null): void {
    for (const chart of this.#charts) chart.showIndex(idx);
  }

  onToggleSeries(chart: TrendChart): void {
    this.#host.update({ hidden: { ...this.#host.state().hidden, [chart.id]: [...chart.hidden] } });
  }

  onToggleTable(chart: TrendChart, table: boolean): void {
    const tables = new Set(this.#host.state().tables);
    if (table) tables.add(chart.id);
    else tables.delete(chart.id);
    this.#host.update({ tables: [...tables] });
  }

  onExportPng(chart: TrendChart): void {
    void this.#exportPng(chart);
  }

  /** The image is drawn by the extras script, loaded on the first export if not yet. */
  async #exportPng(chart: TrendChart): Promise<void> {
    let png: string | null;
    try {
      png = await chart.toPng();
    } catch (error) {
      this.#host.announce(t('Could not export the chart: {0}', describeError(error)), 'error');
      return;
    }
    const entry = this.#shown;
    const range = chart.visibleIndices();
    if (!png || !entry || !range) {
      this.#host.announce(
        chart.isTable ? t('Switch back from the table view to export the chart.') : t('Nothing to export yet.'),
        'error',
      );
      return;
    }
    this.#host.post({
      type: 'savePng',
      requestId: this.#nextRequestId(),
      fileName: `mining-economics-${chart.id}-${isoDay(entry.dataset.days.timeS[range[1]]!)}.png`,
      dataUrl: png,
    });
  }
}
