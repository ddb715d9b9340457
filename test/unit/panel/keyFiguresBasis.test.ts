// The key figures' 7/30-day changes come from the history the charts use: with the node as the source, the
// node's (a 3M fill from it when nothing loaded covers a month), never mempool's dataset under the node's name.
import { describe, expect, it, vi } from 'vitest';
import type { HistoryDataset, RangeId } from '../../../src/core/history/types';
import { flatDataset } from '../helpers/dataset';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import type { PanelHistorySource } from '../../../src/vscode/panel/historyFeed';
import { KeyFiguresBasis } from '../../../src/vscode/panel/keyFiguresBasis';
import type { PanelHost } from '../../../src/vscode/panel/panelHost';

const dataset = flatDataset;

function fakeLoader(answer: HistoryDataset) {
  return {
    peek: vi.fn((): HistoryDataset | null => null),
    isLoading: vi.fn(() => false),
    load: vi.fn((_range: RangeId) => Promise.resolve(answer)),
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('KeyFiguresBasis', () => {
  const host = { settings: DEFAULT_SETTINGS, sourceHost: 'bitcoind@127.0.0.1:8332' } as unknown as PanelHost;
  const log = { warn: vi.fn() } as never;
  /** With the node as the source (its datasets are named by host:port, the glance by bitcoind@host:port). */
  const nodeBasis = () =>
    new KeyFiguresBasis(
      () => ({ loader: fakeLoader(dataset('3M', '127.0.0.1:8332', 92)) as never, sourceHost: '127.0.0.1:8332' }),
      host,
      log,
      vi.fn(),
    );

  it('with the node as the source, loads 3M from the node and keeps it', async () => {
    const node = fakeLoader(dataset('3M', '127.0.0.1:8332', 92));
    const mempool = fakeLoader(dataset('3M', 'mempool.space', 92));
    const source = (): PanelHistorySource => ({ loader: node as never, sourceHost: '127.0.0.1:8332' });
    const onChange = vi.fn();
    const basis = new KeyFiguresBasis(source, host, log, onChange);
    expect(basis.usable()).toBeNull();
    await flush();
    expect(node.load).toHaveBeenCalledWith('3M', 'USD');
    expect(mempool.load).not.toHaveBeenCalled();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(basis.usable()?.dataset.sourceHost).toBe('127.0.0.1:8332');
  });

  it('refuses a dataset of another source (mempool’s while the node is the source)', () => {
    const basis = nodeBasis();
    basis.consider(dataset('1Y', 'mempool.space', 365));
    expect(basis.dataset).toBeNull();
    basis.consider(dataset('1Y', '127.0.0.1:8332', 365));
    expect(basis.dataset?.range).toBe('1Y');
  });

  it('a dataset shorter than a month is no basis', () => {
    const basis = nodeBasis();
    basis.consider(dataset('1M', '127.0.0.1:8332', 20));
    expect(basis.dataset).toBeNull();
  });
});
