// What the charts script shares with the P&L script on the same page, as `window[BRIDGE_KEY]`: its VS Code
// API handle (acquireVsCodeApi may be called once per page) and the hook to draw over a chart.

import type { WebviewMessage } from '../../shared/protocol';
import type { ChartOverlay } from './chart/definition';
import type { ChartId } from './viewState';

export const BRIDGE_KEY = 'miningEconomics';

export interface PageBridge {
  /** A plain function (not a method): the P&L script calls it detached. */
  post: (message: WebviewMessage) => void;
  /** Draws `overlay` over a chart (null removes it); the chart redraws at once. */
  setOverlay(chart: ChartId, overlay: ChartOverlay | null): void;
}
