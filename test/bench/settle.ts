// Every timed window of the panel bench (our panel, bare uPlot, ECharts) starts on a settled page: its first
// frame painted and its idle work done. In VS Code the data reaches the panel well after the page has painted
// (the host reads its cache or the network first); a window opened while the page still lays out and
// rasterises its first frame would charge that to whichever side loads the heavier page, on a 2-core machine.

import type { Page } from 'playwright-core';

export function settle(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => requestIdleCallback(() => resolve(), { timeout: 1000 })),
        ),
      ),
  );
}
