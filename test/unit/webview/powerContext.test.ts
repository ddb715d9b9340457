import { describe, expect, it } from 'vitest';
import { deriveSeries } from '../../../src/core/history/derive';
import { powerContext } from '../../../src/webview/power/chartDefs';
import type { Palette } from '../../../src/webview/common/theme';

describe('powerContext', () => {
  it('carries exactly what deriveSeries makes of its empty history, without deriving it', () => {
    const timeS = [0, 86_400, 172_800, 259_200, 345_600, 432_000, 518_400, 604_800, 691_200];
    const palette = {} as Palette;
    const ctx = powerContext(timeS, { currency: 'EUR', range: '1Y', sourceHost: 'mempool.space' }, palette);
    expect(ctx.series).toEqual(deriveSeries(ctx.dataset));
    expect(ctx.series.timeS).toBe(timeS);
    expect(ctx.series.price).toHaveLength(timeS.length);
    expect(ctx.series.hashrateMa30.every((v) => v === null)).toBe(true);
    expect(ctx).toMatchObject({ currency: 'EUR', log: false, extendToS: null, palette });
    expect(ctx.dataset).toMatchObject({ currency: 'EUR', range: '1Y', sourceHost: 'mempool.space' });
    expect(ctx.figures()).toBeNull();
  });

  it('has no days on an empty grid', () => {
    const ctx = powerContext([], { currency: 'USD', range: 'ALL', sourceHost: '' }, {} as Palette);
    expect(ctx.series).toEqual(deriveSeries(ctx.dataset));
    expect(ctx.series.hashrate).toEqual([]);
  });
});
