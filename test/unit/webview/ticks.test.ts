import { describe, expect, it } from 'vitest';
import { decadeSplits, linearSplits } from '../../../src/webview/common/ticks';

describe('ticks', () => {
  it('log axes get decades, thinned to fit', () => {
    expect(decadeSplits(3, 5000, 200)).toEqual([10, 100, 1000]);
    // 16 decades in 120 px (5 labels): every 4th.
    expect(decadeSplits(1e5, 1e21, 120)).toEqual([1e8, 1e12, 1e16, 1e20]);
    expect(decadeSplits(0, 10, 100)).toEqual([]);
  });

  it('linear axes get round steps', () => {
    expect(linearSplits(112, 182, 200)).toEqual([120, 140, 160, 180]);
    expect(linearSplits(0, 1, 400)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(linearSplits(5, 5, 100)).toEqual([5]);
  });
});
