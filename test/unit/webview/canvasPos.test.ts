import { describe, expect, it } from 'vitest';
import { canvasPos } from '../../../src/webview/common/chart/canvasPos';

/**
 * uPlot's valToPos written out (uPlot 1.6: valToPct, then getHPos for x and getVPos for y, whose canvas axis
 * points down), for a plot area `off`…`off + dim` canvas pixels.
 */
function plot(scales: Record<string, { min: number | null; max: number | null; distr: number; ori: 0 | 1 }>) {
  const off = { 0: 17, 1: 9 };
  const dim = { 0: 1200, 1: 310 };
  return {
    scales,
    valToPos(v: number, key: string): number {
      const s = scales[key]!;
      const f = (x: number): number => (s.distr === 3 ? Math.log10(x) : x);
      const pct = (f(v) - f(s.min!)) / (f(s.max!) - f(s.min!));
      return s.ori === 0 ? off[0] + dim[0] * pct : off[1] + dim[1] * (1 - pct);
    },
  };
}

describe('canvasPos', () => {
  const u = plot({
    x: { min: 1_230_940_800, max: 1_795_000_000, distr: 1, ori: 0 },
    hps: { min: 1e5, max: 1e22, distr: 3, ori: 1 },
    pct: { min: 0, max: 100, distr: 1, ori: 1 },
  });

  it('places values where uPlot does, on linear and log scales', () => {
    const x = canvasPos(u, 'x');
    for (const t of [1_230_940_800, 1_400_000_000.5, 1_700_000_000, 1_795_000_000, 1_900_000_000])
      expect(x(t)).toBeCloseTo(u.valToPos(t, 'x'), 6);
    const y = canvasPos(u, 'hps');
    for (const v of [1e5, 3.7e9, 6.02e20, 1e22, 2e23]) expect(y(v)).toBeCloseTo(u.valToPos(v, 'hps'), 6);
    const pct = canvasPos(u, 'pct');
    // 0 % at the bottom of the plot area (9 + 310), 100 % at its top, 25 % a quarter of the way up.
    expect(pct(0)).toBeCloseTo(319, 9);
    expect(pct(100)).toBeCloseTo(9, 9);
    expect(pct(25)).toBeCloseTo(319 - 77.5, 9);
  });

  it("uses uPlot's own positions when the scale has no range yet", () => {
    const calls: string[] = [];
    const empty = {
      scales: { y: { min: null, max: null, distr: 1 } },
      valToPos: (v: number, key: string) => {
        calls.push(key);
        return v * 2;
      },
    };
    expect(canvasPos(empty, 'y')(21)).toBe(42);
    expect(calls).toEqual(['y']);
    const flat = plot({ y: { min: 5, max: 5, distr: 1, ori: 1 } });
    expect(Number.isNaN(canvasPos(flat, 'y')(5))).toBe(Number.isNaN(flat.valToPos(5, 'y')));
  });
});
