// Stands in for the 'uplot' module in the scripts loaded after the charts' first paint (esbuild.js aliases
// 'uplot' to this file for them): they draw with the charts script's uPlot, from the page bridge, instead of a
// copy of their own. One copy on the page means half the power script's bytes, and its charts run uPlot code
// the charts have already warmed up (compiled and optimised) instead of starting cold.

import type uPlot from 'uplot';
import { BRIDGE_KEY, type PageBridge } from './bridge';

const bridge = (window as unknown as Record<string, PageBridge | undefined>)[BRIDGE_KEY];
if (!bridge) throw new Error('Mining Economics: this script needs the charts script on the page.');

const pageUplot: typeof uPlot = bridge.uPlot;
export default pageUplot;
