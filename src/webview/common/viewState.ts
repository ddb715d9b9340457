// What the webview remembers across reloads and hiding (VS Code's getState/setState): the chosen range,
// scale, legend toggles, table views, zoom and table sort. Read back defensively: the stored object may come
// from an older version of the extension.

import { isRangeId } from '../../shared/protocol';
import type { RangeId } from '../../shared/protocol';

/** The network trends' charts (src/webview/trends) and the power & pools section's (src/webview/power). */
export const TREND_CHART_IDS = ['hashrate', 'hashprice', 'mix'] as const;
export const POWER_CHART_IDS = ['power', 'breakeven', 'pools'] as const;
export const CHART_IDS = [...TREND_CHART_IDS, ...POWER_CHART_IDS] as const;
export type TrendChartId = (typeof TREND_CHART_IDS)[number];
export type ChartId = (typeof CHART_IDS)[number];

export type ScaleMode = 'auto' | 'linear' | 'log';
export type AdjustmentSortKey = 'time' | 'height' | 'difficulty' | 'change';

export interface ViewState {
  readonly v: 1;
  readonly range: RangeId;
  /** 'auto': logarithmic for ALL (15 orders of magnitude), linear otherwise. */
  readonly scale: ScaleMode;
  /** Series ids hidden with the legend, per chart. */
  readonly hidden: Readonly<Partial<Record<ChartId, readonly string[]>>>;
  /** Charts shown as a table instead of a plot. */
  readonly tables: readonly ChartId[];
  /** Drag-to-zoom window, for the range it was made in. */
  readonly zoom: { readonly range: RangeId; readonly fromS: number; readonly toS: number } | null;
  readonly sort: { readonly key: AdjustmentSortKey; readonly dir: 'asc' | 'desc' };
}

export const DEFAULT_VIEW_STATE: ViewState = {
  v: 1,
  range: '1Y',
  scale: 'auto',
  hidden: {},
  tables: [],
  zoom: null,
  sort: { key: 'time', dir: 'desc' },
};

const SORT_KEYS: readonly AdjustmentSortKey[] = ['time', 'height', 'difficulty', 'change'];

function isChartId(value: unknown): value is ChartId {
  return typeof value === 'string' && (CHART_IDS as readonly string[]).includes(value);
}

/** Any stored value → a valid state; unknown or broken fields fall back to their defaults one by one. */
export function sanitizeViewState(raw: unknown): ViewState {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_VIEW_STATE;
  const o = raw as Record<string, unknown>;
  const d = DEFAULT_VIEW_STATE;
  const range = isRangeId(o.range) ? o.range : d.range;
  const scale = o.scale === 'linear' || o.scale === 'log' || o.scale === 'auto' ? o.scale : d.scale;

  const hidden: Partial<Record<ChartId, string[]>> = {};
  if (typeof o.hidden === 'object' && o.hidden !== null) {
    for (const [chart, ids] of Object.entries(o.hidden as Record<string, unknown>)) {
      if (isChartId(chart) && Array.isArray(ids)) {
        hidden[chart] = ids.filter((id): id is string => typeof id === 'string' && id.length <= 40).slice(0, 20);
      }
    }
  }
  const tables = Array.isArray(o.tables) ? [...new Set(o.tables.filter(isChartId))] : [];

  let zoom: ViewState['zoom'] = null;
  if (typeof o.zoom === 'object' && o.zoom !== null) {
    const z = o.zoom as Record<string, unknown>;
    if (
      isRangeId(z.range) &&
      typeof z.fromS === 'number' &&
      typeof z.toS === 'number' &&
      Number.isFinite(z.fromS) &&
      Number.isFinite(z.toS) &&
      z.fromS < z.toS
    ) {
      zoom = { range: z.range, fromS: z.fromS, toS: z.toS };
    }
  }

  let sort = d.sort;
  if (typeof o.sort === 'object' && o.sort !== null) {
    const s = o.sort as Record<string, unknown>;
    if ((SORT_KEYS as readonly unknown[]).includes(s.key) && (s.dir === 'asc' || s.dir === 'desc')) {
      sort = { key: s.key as AdjustmentSortKey, dir: s.dir };
    }
  }
  return { v: 1, range, scale, hidden, tables, zoom, sort };
}

/** Whether a chart's value axes are logarithmic in this state. */
export function isLogScale(state: Pick<ViewState, 'scale' | 'range'>): boolean {
  return state.scale === 'log' || (state.scale === 'auto' && state.range === 'ALL');
}
