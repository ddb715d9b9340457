// Stands in for ./trendChart.ts in the scripts loaded after the charts' first paint (esbuild.js redirects their
// imports of it here, as it does 'uplot' to ../pageUplot.ts): the power & pools section draws with the charts
// script's TrendChart, from the page bridge. Its code (the chart card, plot options, path builders) has then
// run and been optimised by the time that section's data arrives, instead of starting cold in a copy.

import { BRIDGE_KEY, type PageBridge } from '../bridge';
import type { TrendChart as PageTrendChart } from './trendChart';

export type { ChartHost } from './trendChart';

const bridge = (window as unknown as Record<string, PageBridge | undefined>)[BRIDGE_KEY];
if (!bridge) throw new Error('Mining Economics: this script needs the charts script on the page.');

export const TrendChart: typeof PageTrendChart = bridge.TrendChart;
export type TrendChart = PageTrendChart;
