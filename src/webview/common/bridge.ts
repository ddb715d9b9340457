// What the charts script shares with the scripts loaded after its first paint (P&L, power & pools) on the same
// page, as `window[BRIDGE_KEY]`: its VS Code API handle (acquireVsCodeApi may be called once per page), the
// hook to draw over a chart, its uPlot (see ./pageUplot.ts) and its chart card (./chart/pageTrendChart.ts).

import type uPlot from 'uplot';
import type { WebviewMessage } from '../../shared/protocol';
import type { ChartOverlay } from './chart/definition';
import type { TrendChart } from './chart/trendChart';
import type { ChartId } from './viewState';

export const BRIDGE_KEY = 'miningEconomics';

export interface PageBridge {
  /** A plain function (not a method): the P&L script calls it detached. */
  post: (message: WebviewMessage) => void;
  /** Draws `overlay` over a chart (null removes it); the chart redraws at once. */
  setOverlay(chart: ChartId, overlay: ChartOverlay | null): void;
  /** The charts script's uPlot, which the later scripts draw with instead of bundling their own. */
  readonly uPlot: typeof uPlot;
  /** The charts script's chart card, which the power & pools section draws with. */
  readonly TrendChart: typeof TrendChart;
}
