import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW_STATE, isLogScale, sanitizeViewState } from '../../../src/webview/common/viewState';

describe('sanitizeViewState', () => {
  it('starts from the defaults when nothing (or junk) was stored', () => {
    expect(sanitizeViewState(undefined)).toEqual(DEFAULT_VIEW_STATE);
    expect(sanitizeViewState('1Y')).toEqual(DEFAULT_VIEW_STATE);
    expect(DEFAULT_VIEW_STATE.range).toBe('1Y');
  });

  it('keeps every valid field and drops the broken ones one by one', () => {
    const state = sanitizeViewState({
      v: 0,
      range: 'ALL',
      scale: 'sideways',
      hidden: { hashrate: ['daily', 7], mix: 'price', pnl: ['x'] },
      tables: ['mix', 'mix', 'nope'],
      zoom: { range: 'ALL', fromS: 10, toS: 5 },
      sort: { key: 'change', dir: 'asc' },
    });
    expect(state).toEqual({
      v: 1,
      range: 'ALL',
      scale: 'auto',
      hidden: { hashrate: ['daily'] },
      tables: ['mix'],
      zoom: null,
      sort: { key: 'change', dir: 'asc' },
    });
  });

  it('keeps a valid zoom', () => {
    expect(sanitizeViewState({ zoom: { range: '3Y', fromS: 1, toS: 2 } }).zoom).toEqual({
      range: '3Y',
      fromS: 1,
      toS: 2,
    });
  });
});

describe('isLogScale', () => {
  it('is logarithmic for the whole history unless chosen otherwise', () => {
    expect(isLogScale({ scale: 'auto', range: 'ALL' })).toBe(true);
    expect(isLogScale({ scale: 'auto', range: '3Y' })).toBe(false);
    expect(isLogScale({ scale: 'linear', range: 'ALL' })).toBe(false);
    expect(isLogScale({ scale: 'log', range: '1M' })).toBe(true);
  });
});
