// The panel's node history on the host: the disk store (written, reused by the next window, a damaged
// or foreign file ignored), the node's states (syncing, unreachable), cancel, and the history feed posting
// progress, partial datasets and the final one. The node is the hand-workable fake of the core tests.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostMessage } from '../../../src/shared/protocol';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { StateHolder } from '../../../src/core/glance/state';
import { HistoryFeed } from '../../../src/vscode/panel/historyFeed';
import { NodeHistorySource } from '../../../src/vscode/panel/nodeHistorySource';
import { stub } from '../../support/vscodeModule';
import { resetRecord, stubUri } from '../../support/vscodeStub';
import { FakeNode, T0, hashOf, timeOf } from '../history/node/fakeNode';

const record = stub.record;
const TIP = 30_000;
const NOW_MS = (timeOf(TIP) + 100) * 1000;
const FILE = `/storage/node-history-v1-regtest-${hashOf(0).slice(0, 16)}.json`;

function source(node: FakeNode, log = { warn: vi.fn(), info: vi.fn() }, prices = true) {
  return new NodeHistorySource({
    storageDir: stubUri('/storage') as never,
    log: log as never,
    node: () => Promise.resolve(node),
    sourceHost: '127.0.0.1:8332',
    prices: () =>
      prices
        ? Promise.resolve(Array.from({ length: 220 }, (_, d) => ({ timeS: T0 + d * 86_400, price: 10_000 })))
        : Promise.reject(new Error('HTTP 503')),
    now: () => NOW_MS,
  });
}

describe('NodeHistorySource', () => {
  beforeEach(() => resetRecord(record));

  it('fetches a range once: the next window reads the disk file and asks only for the newest blocks', async () => {
    const first = source(new FakeNode({ tip: TIP }));
    const dataset = await first.load('1M', 'USD');
    await first.flushed();
    expect(dataset.days.timeS.length).toBe(30);
    expect(dataset.sourceHost).toBe('127.0.0.1:8332');
    expect(record.files.has(FILE)).toBe(true);
    expect(first.isStale('1M')).toBe(false);

    const node = new FakeNode({ tip: TIP });
    const second = source(node);
    const again = await second.load('1M', 'USD');
    // getblockchaininfo, getblockhash(0), then the unburied tip: sample (3 calls) and fees (1).
    expect(node.calls).toBe(2 + 4);
    expect(again.days.hashrateHps).toEqual(dataset.days.hashrateHps);
  });

  it('ignores a damaged file and one of another chain, saying so in the log', async () => {
    const log = { warn: vi.fn(), info: vi.fn() };
    record.files.set(FILE, Buffer.from('{"schema":1,"chain":"regtest","genesisHash":"nope"}'));
    const node = new FakeNode({ tip: TIP });
    await source(node, log).load('1M', 'USD');
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/Ignoring the node history cache .*genesisHash/));
    expect(node.calls).toBeGreaterThan(600);
    // A signet node of the same genesis hash (a test double) has its own file: nothing of regtest's is reused.
    const signet = new FakeNode({ tip: TIP, chain: 'signet' });
    await source(signet).load('1M', 'USD');
    expect(signet.calls).toBeGreaterThan(600);
  });

  it('says the node is syncing instead of drawing a partial chain', async () => {
    await expect(source(new FakeNode({ tip: TIP, syncing: 0.42 })).load('1M', 'USD')).rejects.toThrow(
      'Your node is syncing (42 %)',
    );
  });

  it('rejects with the node’s message when it is unreachable from the start', async () => {
    await expect(source(new FakeNode({ tip: TIP, failFromBatch: 1 })).load('1M', 'USD')).rejects.toThrow(
      /not reachable/,
    );
  });

  it('stops at Cancel with what it has, and is not fresh so the range goes on next time', async () => {
    const s = source(new FakeNode({ tip: TIP }));
    const dataset = await s.load('1M', 'USD', false, { onProgress: () => s.cancel('1M') });
    expect(dataset.notes[0]).toMatch(/cancelled/);
    expect(s.isStale('1M')).toBe(true);
    expect(s.isLoading('1M')).toBe(false);
  });

  it('shows hashprice in sats when there are no prices, and says why', async () => {
    const dataset = await source(new FakeNode({ tip: TIP }), undefined, false).load('1M', 'USD');
    expect(dataset.days.price.every((p) => p === null)).toBe(true);
    expect(dataset.notes.join(' ')).toMatch(/No price history \(.*HTTP 503\): hashprice is shown in sats/);
  });
});

describe('HistoryFeed with the node as the source', () => {
  beforeEach(() => resetRecord(record));

  it('posts progress and partial datasets while filling, then the whole range', async () => {
    const posted: HostMessage[] = [];
    const node = source(new FakeNode({ tip: TIP }));
    const feed = new HistoryFeed({
      loader: { load: () => Promise.reject(new Error('mempool must not be asked')) } as never,
      node: () => node,
      disk: { load: () => Promise.resolve(null), save: vi.fn() } as never,
      host: { settings: DEFAULT_SETTINGS, sourceHost: 'mempool.space', state: new StateHolder() } as never,
      log: { warn: vi.fn() } as never,
      post: (m) => posted.push(m),
      shownRange: () => '3M',
      isDisposed: () => false,
      onDataset: () => undefined,
    });
    await feed.load('3M', false);
    const progress = posted.flatMap((m) => (m.type === 'historyState' && m.progress ? [m.progress] : []));
    // 3M: 15 retargets, 137 samples, 1,093 fee heights in chunks of 200: progress after each but the last.
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.every((p, i) => i === 0 || p.done > progress[i - 1]!.done)).toBe(true);
    const datasets = posted.flatMap((m) => (m.type === 'history' ? [m.dataset] : []));
    expect(datasets.length).toBe(progress.length + 1);
    expect(datasets[0]!.notes[0]).toMatch(/^Filling from your node: /);
    expect(datasets.at(-1)!.notes.some((n) => n.startsWith('Filling'))).toBe(false);
    expect(posted.at(-1)).toEqual({ type: 'historyState', range: '3M', state: 'loaded', message: null });
  });
});
