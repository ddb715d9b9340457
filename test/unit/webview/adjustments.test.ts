import { describe, expect, it } from 'vitest';
import { adjustmentRows } from '../../../src/webview/trends/adjustments';

const adjustments = {
  timeS: [100, 200, 300, 400],
  height: [0, 2016, 4032, 6048],
  difficulty: [1, 2, 1.5, 3],
  ratio: [1, 2, 0.75, 2],
};

describe('adjustmentRows', () => {
  it('lists the retargets in the window, newest first, without the genesis record', () => {
    expect(adjustmentRows(adjustments, 0, 350, { key: 'time', dir: 'desc' }).map((r) => r.height)).toEqual([
      4032, 2016,
    ]);
  });

  it('sorts by any column, ties newest first', () => {
    const byChange = adjustmentRows(adjustments, 0, 1000, { key: 'change', dir: 'asc' });
    expect(byChange.map((r) => [r.height, r.changePercent])).toEqual([
      [4032, -25],
      [6048, 100],
      [2016, 100],
    ]);
    expect(adjustmentRows(adjustments, 0, 1000, { key: 'difficulty', dir: 'desc' }).map((r) => r.difficulty)).toEqual([
      3, 2, 1.5,
    ]);
  });
});
