// The "Power & pools" section: the network's power (best guess with its bounds, GW), the breakeven
// efficiency with the machine generations it puts under water, the "where the hash went" line, and the
// pools (stacked weekly shares, share of blocks, who grew or shrank). Every number comes from the host
// (`power/state`, `power/pools`); the charts are TrendCharts (../common/chart) like the trends', with their
// table view and PNG export.

import { describeError } from '../../core/errors';
import { t } from '../../core/l10n';
import { formatInteger, formatNumber, formatPercent, formatPowerCompact, isoDay } from '../../core/format';
import { STACKED_POOLS } from '../../core/views/poolsState';
import type { PoolsState, PowerHostMessage, PowerReference, PowerState } from '../../shared/protocol';
import { POWER_REFERENCES } from '../../shared/protocol';
import { TrendChart, type ChartHost } from '../common/chart/trendChart';
import { h, replaceChildren, setText } from '../common/dom';
import { readPalette, samePalette, type Palette } from '../common/theme';
import { table } from '../pnl/cells';
import { breakevenChart, powerChart, poolsChart, powerContext, type PowerChartData } from './chartDefs';

// A function, not a table: the text is looked up when the buttons are built, after the translator is set.
function referenceLabel(reference: PowerReference): string {
  switch (reference) {
    case 'peak':
      return t('Peak of the range');
    case '30d':
      return t('30 days ago');
    case '90d':
      return t('90 days ago');
  }
}

/** Fired on the window when every chart of a render has drawn (the benchmark and tests wait on it). */
export const POWER_DRAWN_EVENT = 'mining-economics:power-drawn';

export interface PowerSectionHost {
  selectReference(reference: PowerReference): void;
  savePng(fileName: string, dataUrl: string): void;
  log(message: string): void;
}

/** "18 GW (12–25 GW)": the best guess and its bounds, two significant digits (the J/TH inputs are not finer). */
export function powerFigureText(latest: NonNullable<PowerState['latest']>): string {
  return `${formatPowerCompact(latest.bestW)} (${formatPowerCompact(latest.lowW)} – ${formatPowerCompact(latest.highW)})`;
}

/** "+2.0 pts" / "−1.5 pts": a change of share in percentage points, coloured like the P&L's moves. */
function changeText(points: number): HTMLElement {
  const rounded = Number(points.toFixed(1));
  const text = t('{0}{1} pts', rounded > 0 ? '+' : rounded < 0 ? '−' : '', formatNumber(Math.abs(rounded), 1));
  return h('span', { class: rounded < 0 ? 'down' : rounded > 0 ? 'up' : 'flat' }, text);
}

export class PowerSection implements ChartHost {
  readonly #root: HTMLElement;
  readonly #host: PowerSectionHost;
  readonly #figureEl = h(
    'p',
    { class: 'power-figure', 'data-power-figure': '' },
    t('Waiting for the hash-rate history…'),
  );
  readonly #whereEl = h('p', { class: 'power-where', 'data-power-where': '' });
  readonly #referenceButtons: HTMLButtonElement[];
  readonly #generationsEl = h('div', { class: 'power-generations' });
  readonly #poolsStatusEl = h('p', { class: 'power-pools-status', role: 'status', 'data-pools-status': '' });
  readonly #poolsTablesEl = h('div', { class: 'power-pools-tables' });
  readonly #dayCharts: TrendChart[];
  readonly #poolsChart: TrendChart;
  #data: PowerChartData = { power: null, pools: null };
  #poolsState: PoolsState | null = null;
  #palette: Palette = readPalette();
  /** Charts of the last render that have not drawn yet. */
  readonly #pendingDraw = new Set<TrendChart>();

  constructor(root: HTMLElement, host: PowerSectionHost) {
    this.#root = root;
    this.#host = host;
    const data = (): PowerChartData => this.#data;
    this.#dayCharts = [powerChart(data), breakevenChart(data)].map((def) => new TrendChart(def, this, [], false));
    this.#poolsChart = new TrendChart(poolsChart(data, STACKED_POOLS), this, [], false);
    this.#referenceButtons = POWER_REFERENCES.map((reference) =>
      h(
        'button',
        { 'aria-pressed': 'false', 'data-reference': reference, onclick: () => host.selectReference(reference) },
        referenceLabel(reference),
      ),
    );
    root.removeAttribute('aria-label');
    root.setAttribute('aria-labelledby', 'power-title');
    root.classList.add('power');
    replaceChildren(
      root,
      h('header', { class: 'power-head' }, h('h2', { id: 'power-title' }, t('Power & pools')), this.#figureEl),
      h(
        'div',
        { class: 'power-where-row' },
        this.#whereEl,
        h(
          'div',
          { class: 'power-reference', role: 'group', 'aria-label': t('Hash rate drop since') },
          ...this.#referenceButtons,
        ),
      ),
      h('div', { class: 'charts' }, ...this.#dayCharts.map((c) => c.card), this.#poolsChart.card),
      this.#generationsEl,
      h('h3', { class: 'power-subtitle' }, t('Pools')),
      this.#poolsStatusEl,
      this.#poolsTablesEl,
    );
    root.hidden = false;
    // In the document: create the (empty) plots now, as the trends do, so that the state from the host only
    // has to be drawn; hidden under their "loading" label until then. The pools chart keeps its place while
    // the pools load, and goes away if the source has none (#onPools).
    const charts = [...this.#dayCharts, this.#poolsChart];
    for (const chart of charts) chart.measure();
    for (const chart of charts) {
      chart.card.classList.add('is-empty');
      chart.prepare(this.#palette, false);
    }
  }

  handle(message: PowerHostMessage): void {
    if (message.type === 'power/state') this.#onPower(message.state, message.message);
    else this.#onPools(message.pools);
  }

  /** VS Code changed the theme: redraw with its colours. */
  onTheme(): void {
    const palette = readPalette();
    if (samePalette(palette, this.#palette)) return;
    this.#palette = palette;
    this.#renderCharts();
    this.#renderPoolsChart();
  }

  #onPower(state: PowerState | null, message: string | null): void {
    this.#data = { ...this.#data, power: state };
    for (const b of this.#referenceButtons)
      b.setAttribute('aria-pressed', String(state?.assumptions.reference === b.dataset.reference));
    if (!state) {
      setText(this.#figureEl, message ?? t('Waiting for the hash-rate history…'));
      setText(this.#whereEl, '');
      for (const chart of this.#dayCharts) chart.card.classList.add('is-empty');
      return;
    }
    const latest = state.latest;
    setText(
      this.#figureEl,
      latest
        ? t(
            'Network power ≈ {0} on {1} · {2} TWh/yr ({3}–{4}) · network power price {5} {6}/kWh',
            powerFigureText(latest),
            isoDay(latest.timeS),
            formatInteger(latest.energyTwhPerYear.best),
            formatInteger(latest.energyTwhPerYear.low),
            formatInteger(latest.energyTwhPerYear.high),
            formatNumber(state.assumptions.networkPowerPricePerKwh, 3),
            state.currency,
          )
        : t('Network power: no day in this range has both a hash rate and a hashprice.'),
    );
    setText(
      this.#whereEl,
      state.where
        ? t('Where the hash went: {0}.', state.where.sentence)
        : t('Where the hash went: {0}.', state.whereProblem ?? t('not available')),
    );
    this.#renderCharts();
    this.#scheduleTables();
  }

  #tablesPending = false;

  /**
   * The tables are secondary (as the trends' retarget table): built in a task after the charts have drawn,
   * once per burst of messages, from the state of then.
   */
  #scheduleTables(): void {
    if (this.#tablesPending) return;
    this.#tablesPending = true;
    setTimeout(() => {
      this.#tablesPending = false;
      if (this.#data.power) this.#renderGenerations(this.#data.power);
      this.#renderPoolsTables();
    }, 0);
  }

  #renderCharts(): void {
    const power = this.#data.power;
    if (!power) return;
    const ctx = powerContext(power.days.timeS, power, this.#palette);
    for (const chart of this.#dayCharts) if (!chart.isTable) this.#pendingDraw.add(chart);
    for (const chart of this.#dayCharts) {
      chart.card.classList.remove('is-empty');
      chart.render(ctx, null);
    }
  }

  #renderGenerations(state: PowerState): void {
    const price = `${formatNumber(state.assumptions.userPowerPricePerKwh, 3)} ${state.currency}/kWh`;
    const rows = state.generations.map((g) => [
      g.model,
      `${formatNumber(g.efficiencyJPerTh, 1)} J/TH`,
      g.releaseMonth,
      g.underWaterNow === null ? t('not released') : g.underWaterNow ? t('under water') : t('profitable'),
      g.underWaterPercent === null ? '—' : formatPercent(g.underWaterPercent, 0),
    ]);
    replaceChildren(
      this.#generationsEl,
      table(
        t('Machine generations at your power price ({0}), on the last day of the range', price),
        [t('Machine'), t('Efficiency'), t('Released'), t('Last day'), t('Days under water')],
        rows,
        'power-table',
      ),
    );
  }

  #onPools(pools: PoolsState): void {
    this.#poolsState = pools;
    this.#data = { ...this.#data, pools: pools.data };
    this.#root.dataset.pools = pools.status;
    const text =
      pools.status === 'loading'
        ? t('Loading the pools…')
        : pools.status === 'ok'
          ? t('Blocks found in the {0} range: {1}.', pools.range, formatInteger(pools.data!.blockCount))
          : (pools.message ?? t('The pools are not available.'));
    setText(this.#poolsStatusEl, text);
    this.#poolsStatusEl.classList.toggle('is-problem', pools.status === 'unavailable' || pools.status === 'error');
    // While loading the chart keeps its place under its loading label (not the last range's shares); after,
    // it shows only if there are weeks to draw.
    const weeks = pools.data?.weeks.timeS.length ?? 0;
    this.#poolsChart.card.hidden = pools.status !== 'loading' && weeks === 0;
    if (weeks === 0) {
      this.#poolsChart.card.classList.add('is-empty');
      this.#pendingDraw.delete(this.#poolsChart);
    }
    this.#renderPoolsChart();
    this.#scheduleTables();
  }

  #renderPoolsChart(): void {
    const pools = this.#data.pools;
    const power = this.#data.power;
    if (!pools || pools.weeks.timeS.length === 0) return;
    const base = {
      currency: power?.currency ?? 'USD',
      range: this.#poolsState!.range,
      sourceHost: power?.sourceHost ?? '',
    } as const;
    if (!this.#poolsChart.isTable) this.#pendingDraw.add(this.#poolsChart);
    this.#poolsChart.card.classList.remove('is-empty');
    this.#poolsChart.render(powerContext(pools.weeks.timeS, base, this.#palette), null);
  }

  #renderPoolsTables(): void {
    const data = this.#poolsState?.data;
    if (!data) {
      replaceChildren(this.#poolsTablesEl);
      return;
    }
    const blocks = table(
      t('Share of blocks'),
      [t('Pool'), t('Blocks'), t('Share of blocks')],
      data.blocks.map((b) => [b.name, formatInteger(b.blockCount), formatPercent(b.blockSharePercent, 1)]),
      'power-table power-blocks',
    );
    const first = data.weeks.timeS[0];
    const last = data.weeks.timeS[data.weeks.timeS.length - 1];
    const changes = table(
      first === undefined || last === undefined
        ? t('Who grew or shrank: share of the hash rate, first vs last week')
        : t(
            'Who grew or shrank: share of the hash rate, first vs last week (weeks of {0} and {1})',
            isoDay(first),
            isoDay(last),
          ),
      [t('Pool'), t('First week'), t('Last week'), t('Change')],
      data.changes.map((c) => [
        c.name,
        formatPercent(c.startSharePercent, 1),
        formatPercent(c.endSharePercent, 1),
        changeText(c.changePoints),
      ]),
      'power-table power-changes',
    );
    replaceChildren(this.#poolsTablesEl, blocks, changes);
  }

  // ChartHost: the power and breakeven charts share the days and follow each other.
  onZoom(source: TrendChart, min: number, max: number): void {
    for (const chart of this.#dayCharts) if (chart !== source && source !== this.#poolsChart) chart.setWindow(min, max);
  }

  onDrawn(chart: TrendChart): void {
    if (this.#pendingDraw.delete(chart) && this.#pendingDraw.size === 0)
      window.dispatchEvent(new CustomEvent(POWER_DRAWN_EVENT));
  }

  onKeyboardCursor(source: TrendChart, idx: number | null): void {
    if (source === this.#poolsChart) return;
    for (const chart of this.#dayCharts) chart.showIndex(idx);
  }

  onToggleSeries(): void {}

  onToggleTable(): void {}

  onExportPng(chart: TrendChart): void {
    chart.toPng().then(
      (png) => {
        if (!png) return;
        const times = chart.id === 'pools' ? this.#data.pools?.weeks.timeS : this.#data.power?.days.timeS;
        const day = times && times.length > 0 ? isoDay(times[times.length - 1]!) : 'empty';
        this.#host.savePng(`mining-economics-${chart.id}-${day}.png`, png);
      },
      (error: unknown) => this.#host.log(`PNG export of ${chart.id}: ${describeError(error)}`),
    );
  }
}
