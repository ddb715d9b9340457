// Bench-only: stands in for the 'uplot' module in a capture build of the webview (panel.bench.ts aliases it),
// so the bench can read every plot the panel made — its size, scales, axes, series and data — and hand the
// same series to bare uPlot. A subclass, so the statics the webview uses (pxRatio, paths…) are uPlot's own.

import uPlot from 'uplot';

// One record per page (the scripts loaded after the charts' first paint draw with the charts script's uPlot,
// so with this class too; the record is on the window in case a script ever bundles a copy of its own).
const page = window as unknown as { __uplots?: uPlot[] };
const created: uPlot[] = (page.__uplots ??= []);

class CapturedUPlot extends uPlot {
  constructor(opts: uPlot.Options, data?: uPlot.AlignedData, target?: HTMLElement) {
    super(opts, data, target);
    created.push(this);
  }
}

export default CapturedUPlot;
