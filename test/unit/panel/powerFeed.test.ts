// The power & pools feed on the host: what it posts once the section's script is ready, the pools of the
// shown range, and a 404 on the pools routes (an instance without mining indexing) said as such.
import { describe, expect, it, vi } from 'vitest';
import { StateHolder } from '../../../src/core/glance/state';
import type { HistoryDataset, RangeId } from '../../../src/core/history/types';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/settings';
import { TransportError, type Transport } from '../../../src/core/transport';
import { validatePowerHostMessage, type HostMessage, type PoolsState } from '../../../src/shared/protocol';
import type { PanelHost } from '../../../src/vscode/panel/panelHost';
import { isNotFound, POOLS_MAX_AGE_MS, PowerFeed } from '../../../src/vscode/panel/powerFeed';
import { fakeTransport } from '../history/fixtures';
import { DATASET_START_S, flatDataset } from '../helpers/dataset';

const DAY = 86_400;
const T0 = DATASET_START_S;
const WEEK = 7 * DAY;

const dataset = (range: RangeId): HistoryDataset => flatDataset(range, 'example.test', 20);

// Shapes as mempool serves them (reference: /api/v1/mining/pools/1w, /api/v1/mining/hashrate/pools/1m).
const POOLS_BODY = {
  pools: [
    {
      poolId: 111,
      name: 'Foundry USA',
      link: 'https://foundrydigital.com/',
      blockCount: 300,
      rank: 1,
      emptyBlocks: 0,
      slug: 'foundryusa',
    },
    {
      poolId: 44,
      name: 'AntPool',
      link: 'https://www.antpool.com/',
      blockCount: 200,
      rank: 2,
      emptyBlocks: 0,
      slug: 'antpool',
    },
  ],
  blockCount: 1000,
  lastEstimatedHashrate: 9.8e20,
};
const HASHRATE_POOLS_BODY = [
  { timestamp: T0, avgHashrate: 3e20, share: 0.3, poolName: 'Foundry USA' },
  { timestamp: T0, avgHashrate: 2e20, share: 0.2, poolName: 'AntPool' },
  { timestamp: T0 + WEEK, avgHashrate: 3.2e20, share: 0.32, poolName: 'Foundry USA' },
  { timestamp: T0 + WEEK, avgHashrate: 1.8e20, share: 0.18, poolName: 'AntPool' },
];
const BODIES = {
  '/api/v1/mining/pools/1y': POOLS_BODY,
  '/api/v1/mining/hashrate/pools/1y': HASHRATE_POOLS_BODY,
};

function setup(transport: Transport, range: RangeId = '1Y') {
  const posted: HostMessage[] = [];
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn(), trace: vi.fn() };
  let nowMs = 1_000_000;
  const shown = { range, dataset: dataset(range) as HistoryDataset | null };
  const host = {
    state: new StateHolder(),
    transport: () => transport,
    refreshNow: vi.fn(),
    settings: DEFAULT_SETTINGS as Settings,
    sourceHost: 'example.test',
    onDidChangeSettings: vi.fn(),
  } as unknown as PanelHost;
  const feed = new PowerFeed({
    host,
    log: log as never,
    post: (m) => posted.push(m),
    isDisposed: () => false,
    shown: () => shown,
    now: () => nowMs,
  });
  const pools = (): PoolsState[] => posted.flatMap((m) => (m.type === 'power/pools' ? [m.pools] : []));
  return { feed, posted, log, shown, pools, advance: (ms: number) => (nowMs += ms) };
}

describe('PowerFeed', () => {
  it('posts nothing before the script is ready, then the power state and the shown range’s pools', async () => {
    const requests: string[] = [];
    const { feed, posted, pools } = setup(fakeTransport(BODIES, requests));
    feed.post();
    feed.schedule();
    expect(posted).toEqual([]);
    feed.setReady(true);
    const power = posted.find((m) => m.type === 'power/state');
    expect(power && power.type === 'power/state' && power.state?.days.timeS).toHaveLength(20);
    await vi.waitFor(() => expect(pools().at(-1)?.status).toBe('ok'));
    expect(pools()[0]!.status).toBe('loading');
    const data = pools().at(-1)!.data!;
    expect(data.blocks[0]).toEqual({ name: 'Foundry USA', blockCount: 300, blockSharePercent: 30 });
    // Foundry 30 → 32 %, AntPool 20 → 18 %.
    expect(data.changes.map((c) => [c.name, Number(c.changePoints.toFixed(9))])).toEqual([
      ['Foundry USA', 2],
      ['AntPool', -2],
    ]);
    expect(requests.sort()).toEqual(['/api/v1/mining/hashrate/pools/1y', '/api/v1/mining/pools/1y']);
    // Everything posted is what the page accepts.
    for (const m of posted) expect(validatePowerHostMessage(m).ok).toBe(true);
  });

  it('says the instance has no pool statistics on a 404, and the power half still works', async () => {
    const { feed, posted, pools, log } = setup(fakeTransport({}));
    feed.setReady(true);
    await vi.waitFor(() => expect(pools().at(-1)?.status).toBe('unavailable'));
    expect(pools().at(-1)!.message).toMatch(/404/);
    expect(pools().at(-1)!.data).toBeNull();
    const power = posted.find((m) => m.type === 'power/state');
    expect(power?.type === 'power/state' && power.state !== null).toBe(true);
    expect(log.warn).not.toHaveBeenCalled();
    for (const m of posted) expect(validatePowerHostMessage(m).ok).toBe(true);
  });

  it('reports another failure as an error and keeps the last good pools', async () => {
    let fail = false;
    const inner = fakeTransport(BODIES);
    const transport: Transport = {
      getText: (path) =>
        fail
          ? Promise.reject(new TransportError('http', `${path}: HTTP 500`, { status: 500, path }))
          : inner.getText(path),
    };
    const { feed, pools, advance, log } = setup(transport);
    feed.setReady(true);
    await vi.waitFor(() => expect(pools().at(-1)?.status).toBe('ok'));
    fail = true;
    advance(POOLS_MAX_AGE_MS + 1);
    const before = pools().length;
    await feed.loadPools();
    expect(pools().length).toBeGreaterThan(before);
    expect(pools().at(-1)!.status).toBe('ok');
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/HTTP 500/));
  });

  it('says a failure when there is nothing to keep', async () => {
    const transport: Transport = {
      getText: (path) => Promise.reject(new TransportError('timeout', `${path}: timed out`, { path })),
    };
    const { feed, pools } = setup(transport);
    feed.setReady(true);
    await vi.waitFor(() => expect(pools().at(-1)?.status).toBe('error'));
    expect(pools().at(-1)!.message).toMatch(/timed out/);
  });

  it('refuses pools bodies of the wrong shape with a message, not a crash', async () => {
    const { feed, pools } = setup(
      fakeTransport({
        ...BODIES,
        '/api/v1/mining/hashrate/pools/1y': [{ timestamp: T0, share: 30, poolName: 'X', avgHashrate: 1 }],
      }),
    );
    feed.setReady(true);
    await vi.waitFor(() => expect(pools().at(-1)?.status).toBe('error'));
    expect(pools().at(-1)!.message).toMatch(/share/);
  });

  it('waits for the history before drawing the power', () => {
    const { feed, posted, shown } = setup(fakeTransport(BODIES));
    shown.dataset = null;
    feed.setReady(true);
    expect(posted[0]).toEqual({ type: 'power/state', state: null, message: expect.stringMatching(/Waiting/) });
  });

  it('follows the reference the page picks', () => {
    const { feed, posted } = setup(fakeTransport(BODIES));
    feed.setReady(true);
    feed.setReference('30d');
    const last = posted.filter((m) => m.type === 'power/state').at(-1);
    expect(last?.type === 'power/state' && last.state?.assumptions.reference).toBe('30d');
  });

  it('recognises a 404 only', () => {
    expect(isNotFound(new TransportError('http', 'x', { status: 404 }))).toBe(true);
    expect(isNotFound(new TransportError('http', 'x', { status: 500 }))).toBe(false);
    expect(isNotFound(new Error('HTTP 404'))).toBe(false);
  });
});
