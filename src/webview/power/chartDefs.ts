// The power & pools section's three charts, declared like the trend charts (../common/chart/definition.ts)
// and drawn by the same TrendChart. The shared chart code reads a context's `series.timeS` and
// `dataset.sourceHost`; these charts' series read the section's own columns (the `data` getter), so their
// context carries an empty history on the section's time grid (see powerContext).

import type uPlot from 'uplot';
import type { DerivedSeries } from '../../core/history/derive';
import { axisPercent, formatNumber, formatPercent, formatPowerCompact } from '../../core/format';
import type { HistoryDataset } from '../../core/history/types';
import { t } from '../../core/l10n';
import type { PoolsData } from '../../core/views/poolsState';
import type { PowerState } from '../../shared/protocol';
import type { ChartContext, ChartDef, SeriesDef } from '../common/chart/definition';
import type { Palette } from '../common/theme';

/** What the charts draw, read at draw time (the section replaces it when a message arrives). */
export interface PowerChartData {
  readonly power: PowerState | null;
  readonly pools: PoolsData | null;
}

/**
 * A context for `timeS`: an empty history on that grid (nothing of it is drawn) and the section's palette.
 * Its series are what deriveSeries makes of an empty history — every column all gaps — but one shared column,
 * not a derivation of nothing (a dozen arrays of thousands of nulls on every render).
 */
export function powerContext(
  timeS: readonly number[],
  base: Pick<HistoryDataset, 'currency' | 'range' | 'sourceHost'>,
  palette: Palette,
): ChartContext {
  const none: readonly null[] = new Array<null>(timeS.length).fill(null);
  const dataset: HistoryDataset = {
    schema: 1,
    ...base,
    fetchedAtMs: 0,
    days: { timeS, hashrateHps: none, difficulty: none, rewardSats: none, feesSats: none, price: none },
    adjustments: { timeS: [], height: [], difficulty: [], ratio: [] },
    halvings: [],
    notes: [],
  };
  const series: DerivedSeries = {
    timeS,
    hashrate: none,
    hashrateMa7: none,
    hashrateMa7Low: none,
    hashrateMa7High: none,
    bandLevel: null,
    hashrateMa30: none,
    difficulty: none,
    difficultyHps: none,
    hashpriceFiat: none,
    hashpriceSats: none,
    rewardSats: none,
    feesSats: none,
    feeSharePercent: none,
    price: none,
  };
  return { currency: base.currency, dataset, series, log: false, palette, extendToS: null, figures: () => null };
}

/** The power section's charts share their cursor and x window, not the trends' (see ChartDef.sync). */
const POWER_SYNC = 'mining-economics-power';

const jPerTh = (v: number): string => `${formatNumber(v, v < 100 ? 1 : 0)} J/TH`;
const empty: readonly (number | null)[] = [];

export function powerChart(data: () => PowerChartData): ChartDef {
  const days = () => data().power?.days;
  return {
    id: 'power',
    sync: POWER_SYNC,
    title: t('Network power'),
    height: 260,
    note: t(
      'CBECI-style (Cambridge, v1.x method): the 7-day mean hash rate × machine efficiency (J/TH) × PUE. Lower bound: the most efficient machine available (PUE 1.01); upper: the least efficient machine still profitable at the network power price (PUE 1.20); best guess: the mean of the profitable machines (PUE 1.10). Profitable: efficiency below hashprice ÷ (24 h × power price), the price’s 14-day mean.',
    ),
    series: [
      {
        id: 'bounds',
        label: t('Lower–upper bound'),
        kind: 'band',
        scale: 'w',
        color: (p) => p.orange,
        values: () => days()?.highW ?? empty,
        format: (v) => formatPowerCompact(v),
        column: () => t('Upper bound (W)'),
        lower: {
          values: () => days()?.lowW ?? empty,
          column: () => t('Lower bound (W)'),
          range: (low, high) => `${formatPowerCompact(low)} – ${formatPowerCompact(high)}`,
        },
      },
      {
        id: 'best',
        label: t('Best guess'),
        kind: 'line',
        scale: 'w',
        width: 2,
        color: (p) => p.orange,
        values: () => days()?.bestW ?? empty,
        format: (v) => formatPowerCompact(v),
        column: () => t('Best guess (W)'),
      },
    ],
    scales: [{ key: 'w', logCapable: false, range: (_min, max) => [0, max] }],
    axes: [{ scale: 'w', side: 'left', grid: true, format: (v) => formatPowerCompact(v) }],
  };
}

/** The machine generations as dashed horizontal lines with their names, inside the plot. */
function drawGenerations(u: uPlot, ctx: ChartContext, power: PowerState | null): void {
  if (!power) return;
  const g = u.ctx;
  const ratio = devicePixelRatio || 1;
  g.font = `${Math.round(ctx.palette.fontSize * 0.9 * ratio)}px ${ctx.palette.fontFamily}`;
  // uPlot leaves the left axis' right alignment on the context.
  g.textAlign = 'left';
  g.textBaseline = 'bottom';
  g.setLineDash([4 * ratio, 4 * ratio]);
  g.lineWidth = ratio;
  for (const gen of power.generations) {
    const y = u.valToPos(gen.efficiencyJPerTh, 'jth', true);
    if (y < u.bbox.top || y > u.bbox.top + u.bbox.height) continue;
    const color = gen.underWaterNow ? ctx.palette.red : ctx.palette.muted;
    g.strokeStyle = color;
    g.beginPath();
    g.moveTo(u.bbox.left, y);
    g.lineTo(u.bbox.left + u.bbox.width, y);
    g.stroke();
    g.fillStyle = color;
    g.fillText(
      `${gen.model.replace(/ \(.*\)$/, '')} ${jPerTh(gen.efficiencyJPerTh)}`,
      u.bbox.left + 4 * ratio,
      y - 2 * ratio,
    );
  }
  g.setLineDash([]);
}

export function breakevenChart(data: () => PowerChartData): ChartDef {
  return {
    id: 'breakeven',
    sync: POWER_SYNC,
    title: t('Breakeven efficiency'),
    height: 240,
    note: t(
      'The efficiency (J/TH) at which a machine’s power bill equals its revenue each day: hashprice ÷ (24 h × your power price). Machines above the line are under water; dashed lines are machine generations (red: under water on the last day).',
    ),
    series: [
      {
        id: 'breakeven',
        label: t('Breakeven at your power price'),
        kind: 'line',
        scale: 'jth',
        width: 2,
        color: (p) => p.green,
        values: () => data().power?.days.breakevenJPerTh ?? empty,
        format: (v) => jPerTh(v),
        column: () => t('Breakeven efficiency (J/TH)'),
      },
    ],
    // From 0 so the generations below the line stay in view; capped so the S9's 98 J/TH does not flatten it.
    scales: [{ key: 'jth', logCapable: false, range: (_min, max) => [0, Math.max(40, Math.min(max, 120))] }],
    axes: [{ scale: 'jth', side: 'left', grid: true, format: (v) => formatNumber(v, 0) }],
    overlay: (u, ctx) => drawGenerations(u, ctx, data().power),
  };
}

/** Colours of the stacked pools, in rank order; "Others" is the muted colour. */
const POOL_COLORS: readonly ((p: Palette) => string)[] = [
  (p) => p.blue,
  (p) => p.orange,
  (p) => p.green,
  (p) => p.purple,
  (p) => p.red,
  (p) => p.yellow,
];

/** Cumulative edges of the stack: edges[k] is the top of pool k (and the bottom of pool k + 1). */
function stackEdges(pools: PoolsData | null): number[][] {
  if (!pools) return [];
  const n = pools.weeks.timeS.length;
  const edges: number[][] = [];
  let below = new Array<number>(n).fill(0);
  for (const column of [...pools.weeks.pools.map((p) => p.sharePercent), pools.weeks.othersPercent]) {
    const top = below.map((b, i) => b + column[i]!);
    edges.push(top);
    below = top;
  }
  return edges;
}

/**
 * Shares of the network's hash rate by week, stacked: each pool is a band between the pools below it and
 * itself (its legend value is its share). The series are the `slots` largest pools plus "Others"; a slot
 * the data does not fill stays empty.
 */
export function poolsChart(data: () => PowerChartData, slots: number): ChartDef {
  let cacheFor: PoolsData | null | undefined;
  let cached: number[][] = [];
  const edges = (): number[][] => {
    const pools = data().pools;
    if (pools !== cacheFor) {
      cacheFor = pools;
      cached = stackEdges(pools);
    }
    return cached;
  };
  const name = (k: number): string | null => {
    const pools = data().pools;
    if (!pools) return null;
    return k < pools.weeks.pools.length ? pools.weeks.pools[k]!.name : k === slots ? t('Others') : null;
  };
  // A slot the data does not fill: a column of gaps on the weeks' grid.
  const gaps = (): (number | null)[] => new Array<number | null>(data().pools?.weeks.timeS.length ?? 0).fill(null);
  // Slot k is pool k, the last slot "Others" (index = the number of pools shown).
  const edgeIndex = (k: number): number => {
    const pools = data().pools;
    return k === slots ? (pools?.weeks.pools.length ?? 0) : k;
  };
  const series: SeriesDef[] = Array.from({ length: slots + 1 }, (_, k): SeriesDef => {
    const label = (ctx: ChartContext | null): string =>
      ctx ? (name(k) ?? '—') : k === slots ? t('Others') : t('Pool {0}', k + 1);
    return {
      id: k === slots ? 'others' : `pool${k}`,
      label,
      kind: 'band',
      scale: 'pct',
      color: k === slots ? (p) => p.muted : POOL_COLORS[k % POOL_COLORS.length]!,
      values: () => (name(k) === null ? gaps() : (edges()[edgeIndex(k)] ?? gaps())),
      format: (v) => formatPercent(v, 1),
      column: (ctx) => t('{0}: stack top (%)', label(ctx)),
      lower: {
        values: () => {
          const i = edgeIndex(k);
          if (name(k) === null) return gaps();
          return i === 0 ? (edges()[0]?.map(() => 0) ?? gaps()) : (edges()[i - 1] ?? gaps());
        },
        column: (ctx) => t('{0}: stack bottom (%)', label(ctx)),
        range: (low, high) => formatPercent(high - low, 1),
      },
    };
  });
  return {
    id: 'pools',
    sync: POWER_SYNC,
    title: t('Pools’ share of the hash rate'),
    loadingLabel: t('Loading the pools…'),
    height: 260,
    note: t(
      'Weekly share of the network’s hash rate per pool (mempool: the pool’s share of the week’s blocks), stacked; the largest pools of the range one by one, the rest as Others.',
    ),
    series,
    scales: [{ key: 'pct', logCapable: false, range: () => [0, 100] }],
    axes: [{ scale: 'pct', side: 'left', grid: true, format: (v) => axisPercent(v) }],
  };
}
