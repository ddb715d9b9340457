// The second opinion's fetching: which side is asked when, at most once per refresh interval, never a node
// nobody set up; the figures read from each side; failures clear the line and are logged once.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import type { SourceView } from '../../../src/core/views/secondOpinion';
import { fetchMempoolView, fetchNodeView } from '../../../src/core/views/secondOpinionViews';
import type { NodeSettings } from '../../../src/vscode/node/nodeSettings';
import { SecondOpinionService } from '../../../src/vscode/node/secondOpinionService';
import { fakeTransport } from '../history/fixtures';
import { FakeNode, difficultyOf, hashrateOf } from '../history/node/fakeNode';

const MEMPOOL = {
  '/api/blocks/tip/height': '29997',
  '/api/v1/mining/hashrate/1m': {
    hashrates: [{ timestamp: 1_700_000_000, avgHashrate: 6e20 }],
    difficulty: [{ time: 1_700_000_000, height: 28_224, difficulty: 1.14e14, adjustment: 1.01 }],
    currentHashrate: 6.1e20,
    currentDifficulty: 1.14e14,
  },
};

const nodeSettings = (over: Partial<NodeSettings> = {}): NodeSettings => ({
  source: 'mempool',
  url: 'http://127.0.0.1:8332',
  urlSetExplicitly: true,
  cookieFile: null,
  user: null,
  secondOpinion: 'auto',
  ...over,
});

describe('second-opinion views', () => {
  it('reads mempool’s tip, current difficulty and 1008-block hash rate', async () => {
    const view = await fetchMempoolView(fakeTransport(MEMPOOL), 'mempool.space');
    expect(view).toEqual({
      name: 'mempool.space',
      tipHeight: 29_997,
      difficulty: 1.14e14,
      hashrateHps: 6.1e20,
      hashrateBlocks: 1008,
    });
  });

  it('reads the node’s tip, its difficulty and getnetworkhashps(1008) in one batch', async () => {
    const node = new FakeNode({ tip: 30_000 });
    const view = await fetchNodeView(node, 'your node');
    expect(view).toEqual({
      name: 'your node',
      tipHeight: 30_000,
      difficulty: difficultyOf(30_000),
      hashrateHps: hashrateOf(30_000),
      hashrateBlocks: 1008,
    });
    expect(node.batches).toBe(1);
    await expect(fetchNodeView(new FakeNode({ tip: 30_000, syncing: 0.5 }), 'your node')).rejects.toThrow(
      'your node is syncing (50 %)',
    );
  });
});

describe('SecondOpinionService', () => {
  let now = 0;
  let views: ({ primaryName: string; other: SourceView } | null)[] = [];
  let settings: NodeSettings = nodeSettings();
  let node = new FakeNode({ tip: 30_000 });
  const log = { warn: vi.fn() };
  const requests: string[] = [];
  const service = (): SecondOpinionService =>
    new SecondOpinionService({
      log: log as never,
      settings: () => DEFAULT_SETTINGS,
      transport: () => fakeTransport(MEMPOOL, requests),
      mempoolHost: () => 'mempool.space',
      nodePassword: () => Promise.resolve(undefined),
      userAgent: 'test',
      now: () => now,
      onView: (v) => views.push(v),
      nodeSettings: () => settings,
      createClient: () => Promise.resolve({ batch: node.batch.bind(node) as never, close: () => Promise.resolve() }),
    });
  const settled = async (count: number): Promise<void> => {
    for (let i = 0; i < 100 && views.length < count; i++) await new Promise((r) => setImmediate(r));
  };

  beforeEach(() => {
    now = 1_000_000;
    views = [];
    settings = nodeSettings();
    node = new FakeNode({ tip: 30_000 });
    requests.length = 0;
    log.warn.mockClear();
  });

  it('asks the node the user set up when mempool is the source, once per refresh interval', async () => {
    const s = service();
    s.refreshed();
    await settled(1);
    expect(views[0]).toEqual({ primaryName: 'mempool.space', other: expect.objectContaining({ tipHeight: 30_000 }) });
    s.refreshed();
    now += DEFAULT_SETTINGS.refreshIntervalMs - 1;
    s.refreshed();
    await settled(2);
    expect(node.batches).toBe(1);
    now += 1;
    s.refreshed();
    await settled(2);
    expect(node.batches).toBe(2);
  });

  it('never polls a node nobody set up, and asks nothing when off', async () => {
    settings = nodeSettings({ urlSetExplicitly: false });
    service().refreshed();
    settings = nodeSettings({ secondOpinion: 'off' });
    service().refreshed();
    await settled(2);
    expect(views).toEqual([null, null]);
    expect(node.calls).toBe(0);
    expect(requests).toEqual([]);
  });

  it('asks mempool when the node is the source', async () => {
    settings = nodeSettings({ source: 'bitcoind', urlSetExplicitly: false });
    service().refreshed();
    await settled(1);
    expect(views[0]).toEqual({ primaryName: 'your node', other: expect.objectContaining({ tipHeight: 29_997 }) });
    expect(node.calls).toBe(0);
  });

  it('clears the line when the other side fails, logging the same failure once', async () => {
    node = new FakeNode({ tip: 30_000, failFromBatch: 1 });
    const s = service();
    s.refreshed();
    await settled(1);
    now += DEFAULT_SETTINGS.refreshIntervalMs;
    s.refreshed();
    await settled(2);
    expect(views).toEqual([null, null]);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn.mock.calls[0]![0]).toMatch(/^Second opinion unavailable: .*not reachable/);
  });
});
