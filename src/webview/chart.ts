// One trend chart: a uPlot instance in a card with its own HTML legend (toggle buttons that also show the
// value under the crosshair), a tooltip, keyboard crosshair, a table alternative and PNG export. What it
// draws is described by a ChartDef (charts.ts); this file knows nothing about hash rates.

import uPlot from 'uplot';
import type { DerivedSeries } from '../core/history/derive';
import { nearestIndex } from '../core/history/slice';
import type { Currency } from '../core/model';
import type { HistoryDataset } from '../shared/protocol';
import { h, replaceChildren, setText } from './dom';
import { formatDayLong } from './format';
import { withAlpha, type Palette } from './theme';
import type { ChartId } from './viewState';

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
  /** Full-precision text for the legend, tooltip and table. */
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
  /** Extra tooltip lines for the hovered day (a retarget, a halving). */
  readonly annotate?: (ctx: ChartContext, idx: number, u: uPlot) => string[];
  /** One-sentence description of what is shown, for screen readers. */
  readonly summary: (ctx: ChartContext, first: number, last: number) => string;
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
  const size = Math.max(1.5, Math.min(4, (u.bbox.width / Math.max(1, idx1 - idx0)) * 0.6)) * uPlot.pxRatio;
  const half = size / 2;
  for (let i = idx0; i <= idx1; i++) {
    const y = ys[i];
    if (y === null || y === undefined) continue;
    const px = u.valToPos(xs[i]!, 'x', true);
    const py = u.valToPos(y, scaleKey, true);
    path.rect(px - half, py - half, size, size);
  }
  return { stroke: null, fill: path, clip: null, band: null, gaps: null, flags: 0 };
}

function axisSize(self: uPlot, values: string[] | null, axisIdx: number, cycleNum: number): number {
  const axis = self.axes[axisIdx]!;
  // uPlot re-measures until sizes settle; after two cycles keep the size to avoid oscillation.
  if (cycleNum > 1) return (axis as unknown as { _size: number })._size;
  let size = (axis.ticks?.size ?? 0) + (axis.gap ?? 0) + 6;
  const longest = (values ?? []).reduce((acc, v) => (v && v.length > acc.length ? v : acc), '');
  if (longest !== '') {
    self.ctx.font = (axis.font as unknown as [string])[0] ?? self.ctx.font;
    size += self.ctx.measureText(longest).width / uPlot.pxRatio;
  }
  return Math.max(Y_AXIS_MIN, Math.ceil(size));
}

export class TrendChart {
  readonly card: HTMLElement;
  private readonly plotEl: HTMLDivElement;
  private readonly tableEl: HTMLDivElement;
  private readonly liveEl: HTMLElement;
  private readonly legend: { button: HTMLButtonElement; value: HTMLElement; swatch: HTMLElement; def: SeriesDef }[] = [];
  private readonly tableButton: HTMLButtonElement;
  private readonly dateEl: HTMLElement;
  private tooltip: HTMLDivElement | null = null;
  private u: uPlot | null = null;
  private ctx: ChartContext | null = null;
  private hovered = false;
  private keyboardIdx: number | null = null;
  private lastIdx: number | null | undefined = undefined;
  /** Set while applying a zoom from another chart, so it is not echoed back. */
  private applyingZoom = false;
  private resizeObserver: ResizeObserver;
  readonly hidden: Set<string>;

  constructor(
    readonly def: ChartDef,
    private readonly host: ChartHost,
    hidden: readonly string[],
    private showTable: boolean,
  ) {
    this.hidden = new Set(hidden);
    const titleId = `chart-${def.id}-title`;
    const noteId = `chart-${def.id}-note`;
    this.dateEl = h('span', { class: 'chart-date', 'aria-hidden': 'true' });
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
          onclick: () => this.toggleSeries(s.id),
        },
        swatch,
        h('span', { class: 'legend-label' }, s.label),
        value,
      );
      this.legend.push({ button, value, swatch, def: s });
      legendEl.appendChild(button);
    }
    this.tableButton = h(
      'button',
      { class: 'icon-button', type: 'button', 'aria-pressed': String(showTable), title: 'Show the data of the visible range as a table', onclick: () => this.setTableView(!this.showTable, true) },
      'Table',
    );
    const pngButton = h('button', { class: 'icon-button', type: 'button', title: `Save ${def.title} as a PNG image`, onclick: () => host.onExportPng(this) }, 'PNG');
    this.plotEl = h('div', {
      class: 'plot',
      tabindex: '0',
      role: 'img',
      'aria-roledescription': 'chart',
      'aria-describedby': noteId,
      'data-chart': def.id,
    });
    this.plotEl.addEventListener('keydown', (e) => this.onKey(e));
    this.plotEl.addEventListener('blur', () => this.setKeyboardIdx(null));
    this.tableEl = h('div', { class: 'table-view', hidden: !showTable, 'data-chart-table': def.id });
    this.liveEl = h('div', { class: 'visually-hidden', 'aria-live': 'polite' });
    this.card = h(
      'article',
      { class: `card chart-card chart-${def.id}`, 'aria-labelledby': titleId },
      h(
        'header',
        { class: 'card-header' },
        h('div', { class: 'card-title' }, h('h3', { id: titleId }, def.title), this.dateEl),
        h('div', { class: 'card-actions' }, this.tableButton, pngButton),
      ),
      legendEl,
      this.plotEl,
      this.tableEl,
      this.liveEl,
      h('p', { class: 'note', id: noteId }, def.note),
    );
    this.plotEl.hidden = showTable;
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(this.plotEl);
  }

  get id(): ChartId {
    return this.def.id;
  }

  get plot(): uPlot | null {
    return this.u;
  }

  get isTable(): boolean {
    return this.showTable;
  }

  // -------------------------------------------------------------------------------------------------
  // Data and drawing

  /**
   * Draws `ctx`. A rebuild (new palette, scale mode, first data) recreates the uPlot instance; otherwise the
   * data is swapped in place. `window` is the x range to show (null: all).
   */
  render(ctx: ChartContext, rebuild: boolean, window: [number, number] | null): void {
    const previous = this.ctx;
    this.ctx = ctx;
    const data = this.alignedData(ctx);
    if (!this.u || rebuild || previous?.log !== ctx.log || previous.palette !== ctx.palette) {
      this.u?.destroy();
      this.tooltip = null;
      this.u = new uPlot(this.options(ctx, window), data, this.plotEl);
      this.attachPointer();
      // Swatches are coloured through the CSSOM (CSP allows it; style attributes it would not).
      for (const item of this.legend) item.swatch.style.setProperty('--swatch', item.def.color(ctx.palette));
    } else {
      this.u.setData(data, true);
      if (window) this.setWindow(window[0], window[1]);
    }
    this.lastIdx = undefined;
    this.updateLegend(null);
    this.plotEl.setAttribute('aria-label', this.summaryText());
    if (this.showTable) this.renderTable();
  }

  private alignedData(ctx: ChartContext): uPlot.AlignedData {
    const ys = this.def.series.map((s) => {
      const values = s.values(ctx.series);
      const scale = this.def.scales.find((sc) => sc.key === s.scale);
      // A log axis cannot place 0 or negatives: they become gaps.
      return ctx.log && scale?.logCapable ? values.map((v) => (v !== null && v > 0 ? v : null)) : (values as (number | null)[]);
    });
    return [ctx.series.timeS as number[], ...ys];
  }

  private options(ctx: ChartContext, window: [number, number] | null): uPlot.Options {
    const p = ctx.palette;
    const font = `${p.fontSize}px ${p.fontFamily}`;
    const scales: uPlot.Scales = { x: { time: true } };
    for (const sc of this.def.scales) {
      const log = ctx.log && sc.logCapable;
      scales[sc.key] = {
        distr: log ? 3 : 1,
        log: 10,
        range: (_u, min, max) => {
          if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [log ? 1 : 0, log ? 10 : 1];
          const base: [number, number] = log
            ? (uPlot.rangeLog(min, max, 10, false) as [number, number])
            : (uPlot.rangeNum(min, max, 0.1, true) as [number, number]);
          return sc.range ? sc.range(base[0], base[1], log) : base;
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
      { ...axisCommon, scale: 'x', space: 70, size: 28 },
      ...this.def.axes.map(
        (a): uPlot.Axis => ({
          ...axisCommon,
          scale: a.scale,
          side: a.side === 'left' ? 3 : 1,
          grid: a.grid ? axisCommon.grid : { show: false },
          ticks: a.grid ? axisCommon.ticks : { ...axisCommon.ticks, show: true },
          space: 36,
          size: axisSize,
          values: (_u, splits) => splits.map((v) => (v === null || v === undefined ? '' : a.format(v, this.ctx ?? ctx))),
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
            stroke: withAlpha(color, p.weight > 1 ? 0.9 : 0.45),
            fill: withAlpha(color, p.weight > 1 ? 0.9 : 0.45),
            width: 0,
            paths: dotPaths,
          };
        }
        if (s.kind === 'step') return { ...base, paths: uPlot.paths.stepped!({ align: 1 }) };
        if (s.kind === 'area') return { ...base, fill: withAlpha(color, p.weight > 1 ? 0.25 : 0.12) };
        return base;
      }),
    ];
    const xs = ctx.series.timeS;
    const hooks: uPlot.Hooks.Arrays = {
      draw: [
        (u) => {
          if (this.def.overlay && this.ctx) {
            u.ctx.save();
            u.ctx.beginPath();
            u.ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
            u.ctx.clip();
            this.def.overlay(u, this.ctx);
            u.ctx.restore();
          }
          const { min, max } = u.scales.x;
          if (min !== undefined && max !== undefined) {
            this.plotEl.dataset.xMin = String(Math.round(min));
            this.plotEl.dataset.xMax = String(Math.round(max));
          }
          this.host.onDrawn(this);
        },
      ],
      setCursor: [(u) => this.onCursor(u)],
      setScale: [
        (u, key) => {
          if (key !== 'x' || this.applyingZoom) return;
          const { min, max } = u.scales.x;
          if (min !== undefined && max !== undefined) this.host.onZoom(this, min, max);
          if (this.showTable) this.renderTable();
          this.plotEl.setAttribute('aria-label', this.summaryText());
        },
      ],
    };
    const opts: uPlot.Options = {
      width: Math.max(200, this.plotEl.clientWidth || 600),
      height: this.height(),
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
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
    if (window && xs.length > 0) {
      opts.scales!.x = { time: true, min: window[0], max: window[1] };
    }
    return opts;
  }

  private height(): number {
    const width = this.plotEl.clientWidth || 600;
    return Math.round(Math.max(180, Math.min(this.def.height, width * 0.55)));
  }

  private resize(): void {
    if (!this.u || this.plotEl.hidden) return;
    const width = Math.max(200, this.plotEl.clientWidth);
    const height = this.height();
    if (width !== this.u.width || height !== this.u.height) this.u.setSize({ width, height });
  }

  /** Shows [min, max] without echoing the change to the other charts. */
  setWindow(min: number, max: number): void {
    if (!this.u) return;
    const x = this.u.scales.x;
    if (x.min === min && x.max === max) return;
    this.applyingZoom = true;
    try {
      this.u.setScale('x', { min, max });
    } finally {
      this.applyingZoom = false;
    }
    if (this.showTable) this.renderTable();
    this.plotEl.setAttribute('aria-label', this.summaryText());
  }

  /** Inclusive index bounds of the days in view. */
  visibleIndices(): [number, number] | null {
    const ctx = this.ctx;
    if (!ctx || ctx.series.timeS.length === 0) return null;
    const t = ctx.series.timeS;
    const min = this.u?.scales.x.min ?? t[0]!;
    const max = this.u?.scales.x.max ?? t[t.length - 1]!;
    let first = nearestIndex(t, min);
    let last = nearestIndex(t, max);
    if (t[first]! < min - 1) first++;
    if (t[last]! > max + 1) last--;
    return first <= last ? [first, last] : null;
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.u?.destroy();
    this.u = null;
  }

  // -------------------------------------------------------------------------------------------------
  // Legend, tooltip, keyboard

  private onCursor(u: uPlot): void {
    const idx = this.keyboardIdx ?? (u.cursor.idx === undefined ? null : u.cursor.idx);
    if (idx !== this.lastIdx) {
      this.lastIdx = idx;
      this.updateLegend(idx);
    }
    this.updateTooltip(u, idx);
  }

  private updateLegend(idx: number | null): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const n = ctx.series.timeS.length;
    let at = idx;
    if (at === null) {
      // Not hovering: the newest value in view.
      at = this.visibleIndices()?.[1] ?? n - 1;
    }
    setText(this.dateEl, at !== null && at >= 0 && at < n ? `${idx === null ? 'Latest · ' : ''}${formatDayLong(ctx.series.timeS[at]!)}` : '');
    for (const item of this.legend) {
      let i = at;
      const values = item.def.values(ctx.series);
      // Not hovering: walk back to the last day that has this series (today may be incomplete).
      if (idx === null) while (i !== null && i > 0 && (values[i] === null || values[i] === undefined)) i--;
      const v = i === null || i < 0 ? null : values[i] ?? null;
      setText(item.value, v === null ? '—' : item.def.format(v, ctx));
    }
  }

  private updateTooltip(u: uPlot, idx: number | null): void {
    const show = (this.hovered || this.keyboardIdx !== null) && idx !== null && this.ctx !== null;
    if (!show) {
      if (this.tooltip) this.tooltip.hidden = true;
      return;
    }
    const ctx = this.ctx!;
    if (!this.tooltip) {
      this.tooltip = h('div', { class: 'tooltip', role: 'presentation' });
      u.over.appendChild(this.tooltip);
    }
    const tip = this.tooltip;
    const rows: Node[] = [h('div', { class: 'tooltip-date' }, formatDayLong(ctx.series.timeS[idx]!))];
    for (const s of this.def.series) {
      if (this.hidden.has(s.id)) continue;
      const v = s.values(ctx.series)[idx] ?? null;
      const swatch = h('span', { class: `swatch swatch-${s.kind}`, 'aria-hidden': 'true' });
      swatch.style.setProperty('--swatch', s.color(ctx.palette));
      rows.push(
        h(
          'div',
          { class: 'tooltip-row' },
          swatch,
          h('span', { class: 'tooltip-label' }, s.label),
          h('span', { class: 'tooltip-value' }, v === null ? '—' : s.format(v, ctx)),
        ),
      );
    }
    for (const line of this.def.annotate?.(ctx, idx, u) ?? []) rows.push(h('div', { class: 'tooltip-note' }, line));
    replaceChildren(tip, ...rows);
    tip.hidden = false;
    const left = u.valToPos(ctx.series.timeS[idx]!, 'x');
    const width = tip.offsetWidth;
    const x = left + 14 + width > u.over.clientWidth ? left - 14 - width : left + 14;
    tip.style.transform = `translate(${Math.max(0, Math.round(x))}px, 8px)`;
  }

  /** Called for every chart when any chart's keyboard cursor moves. */
  showIndex(idx: number | null): void {
    const u = this.u;
    if (!u || !this.ctx) return;
    if (idx === null) {
      u.setCursor({ left: -10, top: -10 });
      return;
    }
    u.setCursor({ left: u.valToPos(this.ctx.series.timeS[idx]!, 'x'), top: u.over.clientHeight / 2 });
  }

  private setKeyboardIdx(idx: number | null): void {
    this.keyboardIdx = idx;
    this.host.onKeyboardCursor(this, idx);
    if (idx !== null && this.ctx) {
      const parts = [formatDayLong(this.ctx.series.timeS[idx]!)];
      for (const s of this.def.series) {
        if (this.hidden.has(s.id)) continue;
        const v = s.values(this.ctx.series)[idx] ?? null;
        parts.push(`${s.label} ${v === null ? 'no data' : s.format(v, this.ctx)}`);
      }
      for (const line of this.def.annotate?.(this.ctx, idx, this.u!) ?? []) parts.push(line);
      setText(this.liveEl, parts.join(', '));
    }
  }

  private onKey(e: KeyboardEvent): void {
    const range = this.visibleIndices();
    if (!range) return;
    const [first, last] = range;
    const current = this.keyboardIdx ?? last;
    let next: number | null = current;
    const step = e.shiftKey ? 7 : 1;
    switch (e.key) {
      case 'ArrowLeft':
        next = Math.max(first, current - step);
        break;
      case 'ArrowRight':
        next = Math.min(last, current + step);
        break;
      case 'Home':
        next = first;
        break;
      case 'End':
        next = last;
        break;
      case 'Escape':
        next = null;
        break;
      default:
        return;
    }
    e.preventDefault();
    this.setKeyboardIdx(next);
  }

  /** Hover tracking: the tooltip shows only in the chart under the pointer. */
  private attachPointer(): void {
    const u = this.u;
    if (!u) return;
    u.over.addEventListener('mouseenter', () => {
      this.hovered = true;
    });
    u.over.addEventListener('mouseleave', () => {
      this.hovered = false;
      if (this.tooltip) this.tooltip.hidden = true;
    });
  }

  private toggleSeries(id: string): void {
    const visible = this.hidden.has(id);
    if (visible) this.hidden.delete(id);
    else this.hidden.add(id);
    const index = this.def.series.findIndex((s) => s.id === id);
    this.u?.setSeries(index + 1, { show: visible });
    const item = this.legend[index];
    item?.button.setAttribute('aria-pressed', String(visible));
    this.host.onToggleSeries(this, id, visible);
  }

  // -------------------------------------------------------------------------------------------------
  // Table view, summary, PNG

  setTableView(table: boolean, notify: boolean): void {
    this.showTable = table;
    this.tableButton.setAttribute('aria-pressed', String(table));
    this.tableEl.hidden = !table;
    this.plotEl.hidden = table;
    if (table) this.renderTable();
    else {
      this.tableEl.replaceChildren();
      this.resize();
    }
    if (notify) this.host.onToggleTable(this, table);
  }

  private renderTable(): void {
    const ctx = this.ctx;
    const range = this.visibleIndices();
    if (!ctx || !range) {
      replaceChildren(this.tableEl, h('p', { class: 'empty' }, 'No data in view.'));
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
      { class: 'data-table' },
      h('caption', {}, `${this.def.title}: ${last - first + 1} days, newest first`),
      h('thead', {}, head),
      body,
    );
    replaceChildren(this.tableEl, table);
  }

  summaryText(): string {
    const range = this.visibleIndices();
    if (!this.ctx || !range) return `${this.def.title}: no data`;
    return `${this.def.title}. ${this.def.summary(this.ctx, range[0], range[1])}`;
  }

  /** The chart with its title and legend on the theme background, as a PNG data URL. */
  toPng(): string | null {
    const u = this.u;
    const ctx = this.ctx;
    if (!u || !ctx || this.showTable) return null;
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
