import { describe, expect, it } from 'vitest';
import type { ChartContext } from '../../../src/webview/common/chart/definition';
import { fullXExtent, xRange } from '../../../src/webview/common/chart/plotOptions';

const DAY = 86_400;
/** Only what the x extent reads: the days and where the next retarget's fan ends. */
function context(timeS: number[], extendToS: number | null): ChartContext {
  return { series: { timeS }, extendToS } as unknown as ChartContext;
}

describe("the x scale's extent", () => {
  const days = [1_700_000_000, 1_700_000_000 + DAY, 1_700_000_000 + 2 * DAY];
  const fanEnd = days[2]! + 9 * DAY;

  it('is the days, stretched to the fan when the fan ends after the last day', () => {
    expect(fullXExtent(context(days, null))).toEqual([days[0], days[2]]);
    expect(fullXExtent(context(days, fanEnd))).toEqual([days[0], fanEnd]);
    // A fan that ends before the last day (figures older than the history) stretches nothing.
    expect(fullXExtent(context(days, days[1]!))).toEqual([days[0], days[2]]);
    expect(fullXExtent(context([], fanEnd))).toBeNull();
  });

  it("stretches uPlot's range only when it spans exactly the data's ends", () => {
    const ctx = context(days, fanEnd);
    expect(xRange(ctx, days[0]!, days[2]!)).toEqual([days[0], fanEnd]);
    // A zoom (any other window) is kept as it is, even one that ends on the last day.
    expect(xRange(ctx, days[1]!, days[2]!)).toEqual([days[1], days[2]]);
    expect(xRange(ctx, days[0]! + 1, days[2]! - 1)).toEqual([days[0]! + 1, days[2]! - 1]);
    expect(xRange(ctx, null, null)).toEqual([null, null]);
    expect(xRange(null, days[0]!, days[2]!)).toEqual([days[0], days[2]]);
    expect(xRange(context(days, null), days[0]!, days[2]!)).toEqual([days[0], days[2]]);
  });
});
