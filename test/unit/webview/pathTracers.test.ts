import { describe, expect, it } from 'vitest';
import { traceBand } from '../../../src/webview/common/chart/bandPaths';
import { traceSteps } from '../../../src/webview/common/chart/stepPaths';

/** Records what a tracer draws, as "M x y" / "L x y" / "Z". */
function recorder(): {
  ops: string[];
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
} {
  const ops: string[] = [];
  return {
    ops,
    moveTo: (x, y) => void ops.push(`M ${x} ${y}`),
    lineTo: (x, y) => void ops.push(`L ${x} ${y}`),
    closePath: () => void ops.push('Z'),
  };
}

describe('traceSteps', () => {
  const xPos = (v: number): number => v * 10;
  const yPos = (v: number): number => 100 - v * 10;

  it('holds each value until the next one, spans gaps and runs the last value to its last day', () => {
    const sink = recorder();
    // Days 0–5: 5, 5, gap, 7, 7, 7 → a flat run at y 50 to x 30, a step up to y 30, flat to x 50.
    traceSteps({ xs: [0, 1, 2, 3, 4, 5], idx0: 0, idx1: 5, xPos, yPos }, [5, 5, null, 7, 7, 7], sink);
    expect(sink.ops).toEqual(['M 0 50', 'L 30 50', 'L 30 30', 'L 50 30']);
  });

  it('draws one segment pair per change, not per day', () => {
    const sink = recorder();
    const ys = [...new Array<number>(100).fill(2), ...new Array<number>(100).fill(3)];
    traceSteps({ xs: ys.map((_, i) => i), idx0: 0, idx1: ys.length - 1, xPos, yPos }, ys, sink);
    expect(sink.ops).toEqual(['M 0 80', 'L 1000 80', 'L 1000 70', 'L 1990 70']);
  });

  it('keeps to idx0…idx1, rounds to whole pixels and draws nothing without a value', () => {
    const sink = recorder();
    traceSteps({ xs: [0, 1, 2, 3], idx0: 1, idx1: 2, xPos: (v) => v * 10.4, yPos }, [1, 2, 3, 4], sink);
    // x 10.4 → 10, 20.8 → 21.
    expect(sink.ops).toEqual(['M 10 80', 'L 21 80', 'L 21 70']);
    const none = recorder();
    traceSteps({ xs: [0, 1], idx0: 0, idx1: 1, xPos, yPos }, [null, undefined], none);
    expect(none.ops).toEqual([]);
    const single = recorder();
    traceSteps({ xs: [0, 1, 2], idx0: 0, idx1: 2, xPos, yPos }, [null, 4, null], single);
    expect(single.ops).toEqual(['M 10 60']);
  });

  it('steps back to a value it left, and stops at the last value before trailing gaps', () => {
    const sink = recorder();
    traceSteps({ xs: [0, 1, 2, 3, 4, 5], idx0: 0, idx1: 5, xPos, yPos }, [3, 4, 4, 3, null, null], sink);
    expect(sink.ops).toEqual(['M 0 70', 'L 10 70', 'L 10 60', 'L 30 60', 'L 30 70']);
  });
});

describe('traceBand', () => {
  const yPos = (v: number): number => 100 - v;

  it('draws one polygon per run of two or more days with both edges', () => {
    const sink = recorder();
    traceBand(
      { xs: [0, 1, 2, 3, 4, 5, 6, 7], idx0: 0, idx1: 7, xPos: (v) => v * 10, yPos },
      [10, 12, null, 14, 15, 16, null, 20],
      [8, 9, 9, 11, 12, 13, 5, 18],
      sink,
    );
    expect(sink.ops).toEqual([
      // Days 0–1: along the highs (y 90, 88), back along the lows (y 91, 92).
      'M 0 90',
      'L 10 88',
      'L 10 91',
      'L 0 92',
      'Z',
      // Days 3–5; day 7 alone is no polygon.
      'M 30 86',
      'L 40 85',
      'L 50 84',
      'L 50 87',
      'L 40 88',
      'L 30 89',
      'Z',
    ]);
  });

  it('merges the days of one pixel column into their envelope', () => {
    const sink = recorder();
    // x 0, 0.4, 0.8, 1.2, 1.6, 2 → columns 0, 0, 1, 1, 2, 2.
    traceBand(
      { xs: [0, 1, 2, 3, 4, 5], idx0: 0, idx1: 5, xPos: (v) => v * 0.4, yPos },
      [10, 12, 11, 14, 13, 16],
      [8, 7, 9, 11, 10, 9],
      sink,
    );
    // Column tops: the greatest highs (12, 14, 16 → y 88, 86, 84); bottoms: the least lows (7, 9, 9 → y 93, 91, 91).
    expect(sink.ops).toEqual(['M 0 88', 'L 1 86', 'L 2 84', 'L 2 91', 'L 1 91', 'L 0 93', 'Z']);
  });

  it('keeps to idx0…idx1, skips days missing either edge, and draws a run inside one column as a sliver', () => {
    const sink = recorder();
    // Day 0 is outside the window; day 2 has no lower edge, so days 1 and 3–4 are runs of one and two days.
    traceBand(
      { xs: [0, 1, 2, 3, 4], idx0: 1, idx1: 4, xPos: (v) => v * 10, yPos },
      [50, 20, 21, 22, 23],
      [40, 10, null, 12, 13],
      sink,
    );
    expect(sink.ops).toEqual(['M 30 78', 'L 40 77', 'L 40 87', 'L 30 88', 'Z']);
    const sliver = recorder();
    traceBand({ xs: [0, 1], idx0: 0, idx1: 1, xPos: () => 5, yPos }, [20, 22], [10, 9], sliver);
    expect(sliver.ops).toEqual(['M 5 78', 'L 5 91', 'Z']);
  });
});
